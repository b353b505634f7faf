import type { Environment } from "../ports/environment.js";

/**
 * The profile of a call the hot path answers, `credential-process <profile>` with nothing else
 * (no option), or `undefined`. With `AWSAFE_DEBUG=1` the CLI proper answers, which says what it
 * does (it asks the same agent).
 */
export function fastPathProfile(args: readonly string[], env: Environment): string | undefined {
  const [command, profile, ...rest] = args;
  return command === "credential-process" &&
    profile?.startsWith("-") === false &&
    rest.length === 0 &&
    env.AWSAFE_DEBUG !== "1"
    ? profile
    : undefined;
}
