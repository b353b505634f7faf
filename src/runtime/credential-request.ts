import type { MfaCodeSource } from "../ports/mfa-code-source.js";
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
  /**
   * Where this client gets MFA codes instead of `--mfa-token`, `mfa_process` and the prompt:
   * the library's (`fromAwsafe`'s `mfaCodeProvider`, then its own order). Absent for the CLI.
   */
  readonly mfaSource?: MfaCodeSource | undefined;
}
