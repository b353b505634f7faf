import { environmentRules, refuseValue, shellHint } from "./refuse-value.js";

/**
 * `value` as a PowerShell expression made of printable ASCII only: runs of printable ASCII in
 * single quotes with `'` doubled, every other UTF-16 unit as `[char]0xHHHH`, joined with `+`.
 * PowerShell also ends a single-quoted string at U+2018–U+201B, and Windows PowerShell decodes
 * a program's output in the console code page, where the UTF-8 bytes of other characters turn
 * into such quotes (`ё`, D1 91, is `Ñ‘` in Windows-1252): so no non-ASCII character is ever
 * printed literally. The first term is always a string, so `+` concatenates.
 *
 * @throws ConfigError (exit 78) for NUL and unpaired surrogates.
 */
export function powershellString(value: string, subject: string): string {
  refuseValue(value, { subject, reader: "PowerShell", hint: shellHint }, environmentRules);
  const terms = (value.match(/[\x20-\x7E]+|[^\x20-\x7E]/g) ?? []).map((part) =>
    /^[\x20-\x7E]/.test(part) ? `'${part.replaceAll("'", "''")}'` : charTerm(part),
  );
  if (!terms[0]?.startsWith("'")) terms.unshift("''");
  return terms.join(" + ");
}

function charTerm(unit: string): string {
  return `[char]0x${unit.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`;
}
