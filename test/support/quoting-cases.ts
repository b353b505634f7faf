/**
 * Test support: the values the quoting property test sends through every export format. Each
 * one is meant to break a quoting rule somewhere: every ASCII character from U+0001 to U+007F
 * and the quotes PowerShell also reads (U+2018–U+201B), alone and between letters; non-ASCII
 * characters that shells, dotenv readers or the console code pages treat specially; commands
 * that create the canary file {@link canary} in the current directory if any part of a value
 * is ever run; and seeded random mixes of all of them.
 */
import { picker, seededRandom } from "./random-ini-file.js";

/** The file an executed value creates, relative to the shell's working directory. */
export const canary = "PWNED";

/** U+0001 to U+007F. */
export const asciiCharacters: readonly string[] = Array.from({ length: 0x7f }, (_, index) =>
  String.fromCharCode(index + 1),
);

/** ‘ ’ ‚ ‛: PowerShell ends a single-quoted string at each of them, as at `'`. */
export const unicodeQuotes: readonly string[] = ["\u2018", "\u2019", "\u201a", "\u201b"];

/**
 * NBSP, é, NEL and LINE SEPARATOR (line breaks to Python and to JavaScript regexes), BOM, ё
 * (UTF-8 D1 91: `Ñ‘` in Windows-1252, a PowerShell quote), fish's private-use and reserved code
 * points (it encodes undecodable bytes there), and a character outside the BMP.
 */
export const otherCharacters: readonly string[] = [
  "\u00a0",
  "\u00e9",
  "\u0085",
  "\u2028",
  "\ufeff",
  "\u0451",
  "\uf600",
  "\ufdd0",
  "\u{1f600}",
];

/** Pieces of values that run {@link canary}'s creation in some shell if quoted wrongly. */
export const attacks: readonly string[] = [
  `x\\';touch ${canary};#`,
  `';touch ${canary};'`,
  `'\\'';touch ${canary};#`,
  `";touch ${canary};#`,
  `$(touch ${canary})`,
  `\`touch ${canary}\``,
  `(touch ${canary})`,
  `\ntouch ${canary}\n`,
  `\r\ntouch ${canary}\r\n`,
  `&& touch ${canary}`,
  `| touch ${canary}`,
  `> ${canary}`,
  `\u2019;ni ${canary};#`,
  `\u2018+(ni ${canary})+\u2018`,
  `';ni ${canary};'`,
  `$(ni ${canary})`,
  "%self",
  "=ls",
  "a:~",
  "~",
  "{a,b}",
  "*",
  "-e",
  "--",
  "${HOME}",
  "\\$HOME",
  "#comment",
  " ; #",
];

const bareAlphabet = Array.from("ABCXYZabcxyz0189_./:+@,=-");

/**
 * Every character alone and between letters, every attack alone, and `randomCount` seeded
 * mixes (a fifth of them from the characters that print unquoted, so that path is taken too).
 */
export function quotingCases(seed: number, randomCount: number): string[] {
  const characters = [...asciiCharacters, ...unicodeQuotes, ...otherCharacters];
  const random = seededRandom(seed);
  const pick = picker(random);
  const mix = (): string => {
    const bare = random() < 0.2;
    let value = "";
    for (let length = 1 + Math.floor(random() * 12); length > 0; length--) {
      if (bare) value += pick(bareAlphabet);
      else value += random() < 0.15 ? pick(attacks) : pick(characters);
    }
    return value;
  };
  return [
    "",
    ...characters,
    ...characters.map((character) => `a${character}b`),
    ...attacks,
    ...Array.from({ length: randomCount }, mix),
  ];
}
