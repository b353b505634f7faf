import type { AwsClients } from "../ports/aws/aws-clients.js";
import type { ClientFactoryOptions } from "./client-factory.js";
import { createIamAdapter } from "./iam-adapter.js";
import { createSigninAdapter } from "./signin-adapter.js";
import { createSsoAdapter } from "./sso-adapter.js";
import { createSsoOidcAdapter } from "./sso-oidc-adapter.js";
import { createStsAdapter } from "./sts-adapter.js";

/**
 * Every AWS adapter, reaching AWS (or the endpoints the environment names) the same way. Building
 * them loads no SDK: each adapter imports its client on its first call.
 */
export function createAwsClients(options: ClientFactoryOptions): AwsClients {
  return {
    sts: createStsAdapter(options),
    sso: createSsoAdapter(options),
    ssoOidc: createSsoOidcAdapter(options),
    iam: createIamAdapter(options),
    signin: createSigninAdapter(options),
  };
}
