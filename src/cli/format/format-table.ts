/**
 * Rows as aligned columns under a header, two spaces apart, without trailing blanks. The last
 * column is not padded (it may be long, and nothing follows it).
 */
export function formatTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
): string {
  const widths = header.slice(0, -1).map((title, column) =>
    columnWidth(
      title,
      rows.map((row) => row[column] ?? ""),
    ),
  );
  return formatRows(header, widths, rows);
}

/**
 * {@link formatTable} with the widths of every column but the last given, so that the rows can
 * be made one at a time as they are laid out: `awsafe list` plans 10,000 profiles or more, and
 * keeps only their lines.
 */
export function formatRows(
  header: readonly string[],
  widths: readonly number[],
  rows: Iterable<readonly string[]>,
): string {
  // Loops and one join, not a map and a join per row.
  const lines = [formatRow(header, widths)];
  for (const row of rows) lines.push(formatRow(row, widths));
  return `${lines.join("\n")}\n`;
}

/** The width of a column: its title's, or its widest cell's. */
export function columnWidth(title: string, cells: readonly string[]): number {
  let width = title.length;
  for (const cell of cells) if (cell.length > width) width = cell.length;
  return width;
}

/** One line of {@link formatRows}, without its newline. */
export function formatRow(row: readonly string[], widths: readonly number[]): string {
  let line = "";
  for (let column = 0; column < row.length; column++) {
    const cell = row[column] ?? "";
    if (column > 0) line += "  ";
    line += cell.padEnd(widths[column] ?? 0);
  }
  return line.trimEnd();
}
