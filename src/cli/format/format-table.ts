/**
 * Rows as aligned columns under a header, two spaces apart, without trailing blanks. The last
 * column is not padded (it may be long, and nothing follows it).
 */
export function formatTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
): string {
  const all = [header, ...rows];
  // A loop, not Math.max(...rows): spreading 200,000 rows overflows the call stack.
  const widths = header.map((_, column) =>
    column === header.length - 1
      ? 0
      : all.reduce((widest, row) => Math.max(widest, (row[column] ?? "").length), 0),
  );
  const line = (row: readonly string[]): string =>
    row
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join("  ")
      .trimEnd();
  return `${all.map(line).join("\n")}\n`;
}
