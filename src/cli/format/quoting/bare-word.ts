/**
 * Whether `value` reads as itself unquoted in sh, bash, zsh, fish and dotenv readers, so that
 * plain credentials print as `aws configure export-credentials` prints them. Left out on
 * purpose: `~` (bash expands it after `:` in an assignment), `%` (fish's `%self`), `=` first
 * (zsh's `=cmd` expansion turns `=ls` into `/usr/bin/ls`), and everything any of them treats
 * as syntax. The empty value is quoted, so that a word is always there.
 */
export function isBareWord(value: string): boolean {
  return /^[A-Za-z0-9_./:+@,-][A-Za-z0-9_./:+@,=-]*$/.test(value);
}
