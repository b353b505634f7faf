import type { ResolvedCredentials } from "../app/credentials/resolve-credentials.js";
import type { ServedProfile, ServeProfileOptions } from "../endpoint/serve-profile.js";
import type { CommandInput } from "../cli/command-table.js";
import type { CliIo } from "../cli/io.js";
import { obtainCredentials } from "./obtain-credentials.js";
import { testHooks } from "./test-hooks.js";

/** How `exec --server` and `serve` differ: where lines go, which port, the EC2 routes. */
export type ServeChoices = Pick<ServeProfileOptions, "log" | "warn" | "port" | "ec2">;

/**
 * Serves `resolved` (just obtained for the command) on a loopback endpoint that refreshes them
 * through the same engine. A `--mfa-token` code is good for one AWS call, so a refresh that
 * needs a new MFA session asks the profile's `mfa_process` or the prompt instead of sending a
 * spent code.
 */
export async function serveResolved(
  io: CliIo,
  input: CommandInput,
  resolved: ResolvedCredentials,
  choices: ServeChoices,
): Promise<ServedProfile> {
  const { serveProfile } = await import("../endpoint/serve-profile.js");
  const refreshInput = { ...input, options: { ...input.options, mfaToken: undefined } };
  return serveProfile({
    profile: resolved.profile,
    region: resolved.region,
    initial: resolved.credentials,
    fetch: async () => (await obtainCredentials(io, refreshInput, resolved.profile)).credentials,
    now: testHooks(io.env).nowMs,
    ...choices,
  });
}
