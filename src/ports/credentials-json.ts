import type { AwsCredentials } from "./aws/sts.js";
import type { WireCredentials } from "../agent/agent-protocol.js";

/** Credentials as the agent sends them: the expiry as ISO 8601, absent fields left out. */
export function toWireCredentials(credentials: AwsCredentials): WireCredentials {
  return {
    accessKeyId: credentials.accessKeyId,
    secretAccessKey: credentials.secretAccessKey,
    ...(credentials.sessionToken === undefined ? {} : { sessionToken: credentials.sessionToken }),
    ...(credentials.expiration === undefined
      ? {}
      : { expiration: credentials.expiration.toISOString() }),
    ...(credentials.accountId === undefined ? {} : { accountId: credentials.accountId }),
  };
}

/** The client's side of {@link toWireCredentials}. */
export function fromWireCredentials(wire: WireCredentials): AwsCredentials {
  return {
    accessKeyId: wire.accessKeyId,
    secretAccessKey: wire.secretAccessKey,
    ...(wire.sessionToken === undefined ? {} : { sessionToken: wire.sessionToken }),
    ...(wire.expiration === undefined ? {} : { expiration: new Date(wire.expiration) }),
    ...(wire.accountId === undefined ? {} : { accountId: wire.accountId }),
  };
}
