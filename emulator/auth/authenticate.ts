import { AwsError } from "../http/aws-error.js";
import type { EmulatorRequest } from "../http/types.js";
import { parseAuthorization, type SigV4Authorization } from "../sigv4/parse-authorization.js";
import { verifySignature } from "../sigv4/verify.js";
import type { World } from "../world/world.js";
import type { Caller } from "./caller.js";

/**
 * Resolves the signer of a SigV4 request against the keys and sessions the emulator issued, in
 * AWS's order: unknown/inactive key (or a new one not yet usable, see `new-key-delay`) or bad
 * session token → InvalidClientTokenId, expired session
 * → ExpiredToken, then clock skew and signature → SignatureDoesNotMatch.
 */
export async function authenticate(request: EmulatorRequest, world: World): Promise<Caller> {
  const auth = parseAuthorization(single(request.headers.authorization));
  if (auth === undefined) {
    throw new AwsError(
      "MissingAuthenticationToken",
      "Request is missing Authentication Token",
      403,
    );
  }
  const token = single(request.headers["x-amz-security-token"]);
  const longTerm = world.accessKeys.get(auth.accessKeyId);
  if (longTerm !== undefined) {
    if (longTerm.status !== "Active" || token !== undefined) throw invalidToken();
    if (longTerm.usableAt !== undefined && world.clock.nowMs() < longTerm.usableAt.getTime()) {
      throw invalidToken();
    }
    await verifySignature(request, auth, longTerm, world.clock.nowMs());
    const user = world.user(longTerm.accountId, longTerm.userName);
    longTerm.lastUsed = { date: world.clock.now(), serviceName: auth.service, region: auth.region };
    return {
      accessKeyId: auth.accessKeyId,
      principal: { kind: "user", user },
      session: undefined,
      region: auth.region,
    };
  }
  return authenticateSession(request, world, auth, token);
}

async function authenticateSession(
  request: EmulatorRequest,
  world: World,
  auth: SigV4Authorization,
  token: string | undefined,
): Promise<Caller> {
  const session = world.sessions.get(auth.accessKeyId);
  if (session === undefined || token === undefined || token !== session.sessionToken) {
    throw invalidToken();
  }
  if (session.expiration.getTime() <= world.clock.nowMs()) {
    throw new AwsError(
      "ExpiredToken",
      "The security token included in the request is expired",
      403,
    );
  }
  await verifySignature(request, auth, session, world.clock.nowMs());
  return {
    accessKeyId: auth.accessKeyId,
    principal: session.principal,
    session,
    region: auth.region,
  };
}

/** InvalidClientTokenId (403) with AWS's text. */
export function invalidToken(): AwsError {
  return new AwsError(
    "InvalidClientTokenId",
    "The security token included in the request is invalid.",
    403,
  );
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
