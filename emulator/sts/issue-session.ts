import type { XmlValue } from "../http/xml.js";
import { newId, newSecretAccessKey, newSessionToken } from "../world/ids.js";
import type { Session, SessionPrincipal, SessionTag } from "../world/model.js";
import type { World } from "../world/world.js";

/** What a new temporary credential carries besides its keys. */
export interface SessionSpec {
  readonly principal: SessionPrincipal;
  readonly durationSeconds: number;
  readonly mfaAuthenticatedAt: Date | undefined;
  readonly chained: boolean;
  readonly tags?: readonly SessionTag[];
  readonly transitiveTagKeys?: readonly string[];
  readonly sourceIdentity?: string | undefined;
  readonly sessionPolicy?: string | undefined;
}

/** Issues temporary credentials (ASIA… key, secret, token) valid for the spec's duration. */
export function issueSession(world: World, spec: SessionSpec): Session {
  const issuedAt = world.clock.now();
  const session: Session = {
    accessKeyId: newId("ASIA"),
    secretAccessKey: newSecretAccessKey(),
    sessionToken: newSessionToken(),
    issuedAt,
    expiration: new Date(issuedAt.getTime() + spec.durationSeconds * 1000),
    principal: spec.principal,
    mfaAuthenticatedAt: spec.mfaAuthenticatedAt,
    chained: spec.chained,
    tags: spec.tags ?? [],
    transitiveTagKeys: spec.transitiveTagKeys ?? [],
    sourceIdentity: spec.sourceIdentity,
    sessionPolicy: spec.sessionPolicy,
  };
  world.sessions.set(session.accessKeyId, session);
  return session;
}

/** The `<Credentials>` element of STS responses. */
export function credentialsXml(session: Session): XmlValue {
  return {
    AccessKeyId: session.accessKeyId,
    SecretAccessKey: session.secretAccessKey,
    SessionToken: session.sessionToken,
    Expiration: session.expiration,
  };
}

/**
 * How much of the session token's room policies and tags use, in percent. STS reports it only
 * when a policy or tags were passed: as `PackedPolicySize` (deprecated in the model since
 * 2026-06) and its successor `SessionTokenUtilization`, with `SessionTokenSize` in bytes.
 */
export function packedSize(reported: boolean, sessionToken: string): Record<string, XmlValue> {
  if (!reported) return {};
  const percent = 6;
  return {
    PackedPolicySize: percent,
    SessionTokenUtilization: percent,
    SessionTokenSize: sessionToken.length,
  };
}
