/**
 * One physical line of an INI file: its text and the line ending that followed it (`""` for an
 * unterminated last line). Keeping each line's own ending lets an edit leave every untouched
 * line byte-for-byte as it was, CRLF included.
 */
export interface IniLine {
  readonly text: string;
  readonly eol: string;
}

/**
 * Splits text into lines. `\r\n`, `\n` and a lone `\r` all end a line, because the AWS CLI
 * reads these files with Python's universal-newline mode, which does the same.
 */
export function splitIniLines(text: string): IniLine[] {
  const lines: IniLine[] = [];
  const lineBreak = /\r\n|\n|\r/g;
  let start = 0;
  for (const match of text.matchAll(lineBreak)) {
    lines.push({ text: text.slice(start, match.index), eol: match[0] });
    start = match.index + match[0].length;
  }
  if (start < text.length) lines.push({ text: text.slice(start), eol: "" });
  return lines;
}

/** Joins lines back into text; the inverse of {@link splitIniLines}. */
export function joinIniLines(lines: readonly IniLine[]): string {
  return lines.map((line) => line.text + line.eol).join("");
}

/** The ending lines added to this text should get: the first one it uses, `\n` if it has none. */
export function lineEndingOf(lines: readonly IniLine[]): string {
  return lines.find((line) => line.eol !== "")?.eol ?? "\n";
}

/**
 * Python's `str.isspace()` set. The CLI trims and measures indentation with Python's `strip()`
 * and `\s`, which treat U+001C–U+001F and U+0085 as whitespace but not U+FEFF (unlike
 * `String.prototype.trim`), so a JS trim would classify some lines differently.
 */
const PYTHON_SPACE =
  "\\t-\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
const LEADING_SPACE = new RegExp(`^[${PYTHON_SPACE}]+`);
const TRAILING_SPACE = new RegExp(`[${PYTHON_SPACE}]+$`);

/** Python's `str.strip()`. */
export function pythonStrip(text: string): string {
  return text.replace(LEADING_SPACE, "").replace(TRAILING_SPACE, "");
}

/** How many leading characters Python's `str.lstrip()` would remove. */
export function pythonIndent(text: string): number {
  return LEADING_SPACE.exec(text)?.[0].length ?? 0;
}
