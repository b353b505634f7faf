import type { QueryOperation } from "../query-operation.js";
import { assumeRole } from "./assume-role.js";
import { assumeRoleWithWebIdentity } from "./assume-role-with-web-identity.js";
import { getCallerIdentity } from "./get-caller-identity.js";
import { getFederationToken } from "./get-federation-token.js";
import { getSessionToken } from "./get-session-token.js";

/** The STS actions the emulator serves, by awsQuery `Action`. */
export const STS_OPERATIONS: ReadonlyMap<string, QueryOperation> = new Map([
  ["GetCallerIdentity", getCallerIdentity],
  ["GetSessionToken", getSessionToken],
  ["AssumeRole", assumeRole],
  ["GetFederationToken", getFederationToken],
  ["AssumeRoleWithWebIdentity", assumeRoleWithWebIdentity],
]);
