/**
 * Hides all but the last four characters of an identifier or secret: `****MPLE`. Short values are
 * hidden entirely, so a redacted value never reveals more than four characters.
 */
export function redact(value: string): string {
  return value.length <= 8 ? "****" : `****${value.slice(-4)}`;
}
