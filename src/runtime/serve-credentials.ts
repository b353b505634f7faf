import type { ResolvedCredentials } from "../app/credentials/resolve-credentials.js";
import type { ServedProfile, ServeProfileOptions } from "../endpoint/serve-profile.js";
import type { RuntimeContext } from "./context.js";
import type { CredentialRequest } from "./credential-request.js";
import { obtainCredentials } from "./obtain-credentials.js";

/** How `exec --server` and `serve` differ: where lines go, which port, the EC2 routes. */
export type ServeChoices = Pick<ServeProfileOptions, "log" | "warn" | "port" | "ec2">;

/** A running endpoint, and the credentials it started with. */
export interface ServedCredentials {
  readonly served: ServedProfile;
  readonly resolved: ResolvedCredentials;
}

/**
 * Serves the request's credentials on a loopback endpoint that refreshes them through the same
 * engine. The port is taken first: a port in use fails before credentials are fetched (an MFA
 * code is not asked for in vain); then the first credentials are fetched, so a wrong profile or
 * a refused code fails the command before anything is served. A `--mfa-token` code is good for
 * one AWS call, so a refresh that needs a new MFA session asks the profile's `mfa_process` or
 * the prompt instead of sending a spent code.
 */
export async function serveCredentials(
  context: RuntimeContext,
  request: CredentialRequest,
  choices: ServeChoices,
): Promise<ServedCredentials> {
  const { bindProfileEndpoint } = await import("../endpoint/serve-profile.js");
  const bound = await bindProfileEndpoint({ port: choices.port });
  let resolved: ResolvedCredentials;
  try {
    resolved = await obtainCredentials(context, request);
  } catch (error) {
    await bound.stop();
    throw error;
  }
  const refresh: CredentialRequest = { ...request, mfaToken: undefined };
  const served = await bound.serve({
    profile: resolved.profile,
    region: resolved.region,
    initial: resolved.credentials,
    fetch: async () => (await obtainCredentials(context, refresh)).credentials,
    now: context.hooks.nowMs,
    log: choices.log,
    warn: choices.warn,
    debug: context.debug,
    ec2: choices.ec2,
  });
  return { served, resolved };
}
