import type { ResolvedCredentials } from "../app/credentials/resolve-credentials.js";
import type { ServedProfile, ServeProfileOptions } from "../endpoint/serve-profile.js";
import type { RuntimeContext } from "./context.js";
import type { CredentialRequest } from "./credential-request.js";
import { obtainCredentials } from "./obtain-credentials.js";

/** How `exec --server` and `serve` differ: where lines go, which port, the EC2 routes. */
export type ServeChoices = Pick<ServeProfileOptions, "log" | "warn" | "port" | "ec2">;

/**
 * Serves `resolved` (just obtained for `request`) on a loopback endpoint that refreshes them
 * through the same engine. A `--mfa-token` code is good for one AWS call, so a refresh that
 * needs a new MFA session asks the profile's `mfa_process` or the prompt instead of sending a
 * spent code.
 */
export async function serveCredentials(
  context: RuntimeContext,
  request: CredentialRequest,
  resolved: ResolvedCredentials,
  choices: ServeChoices,
): Promise<ServedProfile> {
  const { serveProfile } = await import("../endpoint/serve-profile.js");
  const refresh: CredentialRequest = { ...request, mfaToken: undefined };
  return serveProfile({
    profile: resolved.profile,
    region: resolved.region,
    initial: resolved.credentials,
    fetch: async () => (await obtainCredentials(context, refresh)).credentials,
    now: context.hooks.nowMs,
    ...choices,
  });
}
