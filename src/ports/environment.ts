/** The environment variables awsafe reads, as a plain map (the domain never reads `process.env`). */
export type Environment = Readonly<Record<string, string | undefined>>;

/**
 * awsafe's own secrets: the encrypted file store's passphrase, or the file holding it. No child
 * awsafe runs ever gets them (`process/child-environment.ts`, `exec`).
 */
export const awsafeSecretVariables: readonly string[] = [
  "AWSAFE_FILE_PASSPHRASE",
  "AWSAFE_FILE_PASSPHRASE_FILE",
];

/**
 * The variables that carry AWS credentials (or the token of a container credential endpoint,
 * which is as good as them), with their expiry. `exec` replaces them with its own; children that
 * have no use for AWS credentials (mfa_process, dialogs, ykman, pass, the agent) never get the
 * inherited ones.
 */
export const awsCredentialVariables: readonly string[] = [
  "AWS_ACCESS_KEY_ID",
  "AWS_SECRET_ACCESS_KEY",
  "AWS_SESSION_TOKEN",
  "AWS_SECURITY_TOKEN",
  "AWS_CREDENTIAL_EXPIRATION",
  "AWS_CONTAINER_AUTHORIZATION_TOKEN",
  // botocore prefers a token file to the token variable (SPECS §d.1).
  "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE",
];

/** The platform facts file locations depend on. */
export interface PlatformFacts {
  readonly platform: NodeJS.Platform;
  /** The OS's own idea of the home directory (`os.homedir()`), used when no variable is set. */
  readonly homedir: () => string;
}
