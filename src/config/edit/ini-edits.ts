import type { IniLine } from "./ini-lines.js";

/**
 * Line edits planned against the original line numbers and applied in one pass, so planning
 * never has to track shifting indexes. Insertions at the same position keep their planned order.
 */
export class IniEdits {
  readonly #replaced = new Map<number, string>();
  readonly #removed = new Set<number>();
  readonly #inserted = new Map<number, string[]>();
  #terminate = false;

  /** Replaces the text of line `index`, keeping its line ending. */
  replace(index: number, text: string): void {
    this.#replaced.set(index, text);
  }

  /** Drops line `index`. */
  remove(index: number): void {
    this.#removed.add(index);
  }

  /** Inserts lines before line `position` (`lines.length` appends). */
  insert(position: number, texts: readonly string[]): void {
    if (texts.length === 0) return;
    const existing = this.#inserted.get(position) ?? [];
    this.#inserted.set(position, [...existing, ...texts]);
  }

  /** Ends the last line with a line break even if nothing is added after it. */
  terminateLastLine(): void {
    this.#terminate = true;
  }

  /** Whether any edit was planned. */
  get isEmpty(): boolean {
    const count = this.#replaced.size + this.#removed.size + this.#inserted.size;
    return count === 0 && !this.#terminate;
  }

  /**
   * The edited lines. New and replaced lines end with `eol`, as the CLI ends every line it
   * writes with a newline; an unterminated line gets `eol` once anything follows it, so an
   * insertion never runs into the previous line.
   */
  apply(lines: readonly IniLine[], eol: string): IniLine[] {
    const out: IniLine[] = [];
    const push = (line: IniLine): void => {
      const last = out.at(-1);
      if (last?.eol === "") out[out.length - 1] = { text: last.text, eol };
      out.push(line);
    };
    for (let position = 0; position <= lines.length; position++) {
      for (const text of this.#inserted.get(position) ?? []) push({ text, eol });
      const line = lines[position];
      if (line === undefined || this.#removed.has(position)) continue;
      const replacement = this.#replaced.get(position);
      push(replacement === undefined ? line : { text: replacement, eol: line.eol || eol });
    }
    const last = out.at(-1);
    if (this.#terminate && last?.eol === "") out[out.length - 1] = { text: last.text, eol };
    return out;
  }
}
