import type { ConfigWarning } from "../../config/config-warning.js";

/** Warnings as `warning: file:line: message` lines (empty when there are none). */
export function formatWarnings(warnings: readonly ConfigWarning[]): string {
  return warnings.map((w) => `warning: ${w.file}:${w.line}: ${w.message}\n`).join("");
}
