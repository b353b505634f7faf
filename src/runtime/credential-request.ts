import type { ProviderOptions } from "../providers/credential-provider.js";

/** What a credential command (`credential-process`, `export`, `exec`, `serve`) asks for. */
export interface CredentialRequest {
  readonly profile: string;
  /** `--region`, `--duration`, `--no-session`. */
  readonly options: ProviderOptions;
  /** `false` with `--no-agent`. */
  readonly agent: boolean;
  /** `--backend`. */
  readonly backend: string | undefined;
  /** `--mfa-token`: a code good for one AWS call. */
  readonly mfaToken: string | undefined;
}
