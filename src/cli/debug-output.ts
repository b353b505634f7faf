import type { DebugLog } from "../ports/debug-log.js";
import { redactText } from "../redact.js";
import type { TextOutput } from "./io.js";

/**
 * Whether this run prints `--debug` output: `--debug` among awsafe's own words (not after `--`,
 * where `exec`'s command begins), or `AWSAFE_DEBUG=1` (for runs the AWS CLI or an SDK starts,
 * whose command line the user does not write).
 */
export function debugWanted(
  args: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): boolean {
  const end = args.indexOf("--");
  const own = end === -1 ? args : args.slice(0, end);
  return own.includes("--debug") || env.AWSAFE_DEBUG === "1";
}

/**
 * Where `--debug` lines go: stderr, each prefixed, each redacted again (a second line of defence:
 * the lines name profiles, files and ARNs, never a secret on purpose).
 */
export function debugOutput(stderr: TextOutput): DebugLog {
  return (line) => {
    stderr.write(`awsafe: debug: ${redactText(line)}\n`);
  };
}
