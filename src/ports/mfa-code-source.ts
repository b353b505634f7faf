/**
 * Where MFA codes come from. The domain never prompts: the CLI passes a source built from
 * `--mfa-token`, the profile's `mfa_process`, `/dev/tty`, ykman or a GUI dialog
 * (`src/prompt/`), and the providers ask it when STS needs a code.
 */

/** What the source is asked for. */
export interface MfaRequest {
  /** The MFA device (`mfa_serial`). */
  readonly serialNumber: string;
  /** The profile the device is configured in. */
  readonly profile: string;
  /** That profile's `mfa_process`, when it has one. */
  readonly mfaProcess?: string | undefined;
  /** 1 for the first ask; more after AWS refused the code before. */
  readonly attempt: number;
  /** How many codes may be tried in all (3), when the asker knows. */
  readonly attempts?: number | undefined;
  /** Why the previous code failed, for a later attempt: "AWS refused the last code". */
  readonly lastFailure?: string | undefined;
}

/** Gives a 6-digit code for the device, or rejects with an AppError saying how to give one. */
export type MfaCodeSource = (request: MfaRequest) => Promise<string>;
