import type { IamPort } from "./iam.js";
import type { SigninPort } from "./signin.js";
import type { SsoOidcPort } from "./sso-oidc.js";
import type { SsoPort } from "./sso.js";
import type { StsPort } from "./sts.js";

/** Every AWS service awsafe calls, one port each (adapters in `src/aws/`, chosen in `runtime/`). */
export interface AwsClients {
  readonly sts: StsPort;
  readonly sso: SsoPort;
  readonly ssoOidc: SsoOidcPort;
  readonly iam: IamPort;
  readonly signin: SigninPort;
}
