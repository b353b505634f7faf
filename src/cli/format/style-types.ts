/** What a piece of text is, which decides its colour. */
export type StyleKind = "ok" | "warn" | "fail" | "hint" | "dim" | "strong";

/**
 * Colours `text` as `kind`, or leaves it as it is (see `styleFor` in style.ts). Apart from it, so
 * the hot path (`credential-process`) can print errors plain without loading `node:util`.
 */
export type Style = (kind: StyleKind, text: string) => string;

/** No colour: for files, pipes, `NO_COLOR`, and everything that is not a terminal. */
export const plain: Style = (_kind, text) => text;
