/**
 * Rows as aligned columns under a header, two spaces apart, without trailing blanks. The last
 * column is not padded (it may be long, and nothing follows it).
 */
export function formatTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
): string {
  const widths = columnWidths(header, rows);
  // Loops and one join, not a map and a join per row: `awsafe list` prints 10,000 rows or more.
  const lines = [tableLine(header, widths)];
  for (const row of rows) lines.push(tableLine(row, widths));
  return `${lines.join("\n")}\n`;
}

/** The width of every column but the last, the widest of its cells. */
function columnWidths(header: readonly string[], rows: readonly (readonly string[])[]): number[] {
  // A loop, not Math.max(...rows): spreading 200,000 rows overflows the call stack.
  const widths = header.slice(0, -1).map((cell) => cell.length);
  for (const row of rows) {
    for (let column = 0; column < widths.length; column++) {
      const length = row[column]?.length ?? 0;
      if (length > (widths[column] ?? 0)) widths[column] = length;
    }
  }
  return widths;
}

function tableLine(row: readonly string[], widths: readonly number[]): string {
  let line = "";
  for (let column = 0; column < row.length; column++) {
    const cell = row[column] ?? "";
    if (column > 0) line += "  ";
    line += cell.padEnd(widths[column] ?? 0);
  }
  return line.trimEnd();
}
