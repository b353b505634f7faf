import { styleText } from "node:util";
import type { TextOutput } from "../io.js";

import { plain, type Style, type StyleKind } from "./style-types.js";

export { plain, type Style, type StyleKind };

const formats: Readonly<Record<StyleKind, Parameters<typeof styleText>[0]>> = {
  ok: "green",
  warn: "yellow",
  fail: ["bold", "red"],
  hint: "cyan",
  dim: "dim",
  strong: "bold",
};

/**
 * The style of text written to `output`: colours through Node's `util.styleText` when `output`
 * is a terminal, unless `NO_COLOR` or `NODE_DISABLE_COLORS` is set or `TERM` is `dumb`;
 * `FORCE_COLOR` (other than `0`) turns them on anyway (https://no-color.org,
 * https://force-color.org). The decision is made here, for the stream the text goes to (Node's
 * own check would look at stdout), so `validateStream` is off.
 */
export function styleFor(
  output: TextOutput,
  env: Readonly<Record<string, string | undefined>>,
): Style {
  return colorWanted(output, env)
    ? (kind, text) => styleText(formats[kind], text, { validateStream: false })
    : plain;
}

/** Whether text written to `output` gets colours (see {@link styleFor}). */
export function colorWanted(
  output: TextOutput,
  env: Readonly<Record<string, string | undefined>>,
): boolean {
  const forced = env.FORCE_COLOR;
  if (forced !== undefined && forced !== "" && forced !== "0") return true;
  if (nonEmpty(env.NO_COLOR) || nonEmpty(env.NODE_DISABLE_COLORS)) return false;
  if (env.TERM === "dumb") return false;
  return "isTTY" in output && output.isTTY === true;
}

function nonEmpty(value: string | undefined): boolean {
  return value !== undefined && value !== "";
}
