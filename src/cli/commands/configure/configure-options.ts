/**
 * The settings `awsafe configure` writes, each a flag with one value and its shared-file key
 * (`credential_process`, which may be given without a value, is in configure-command.ts).
 */
export const configureOptions = [
  { option: "roleArn", flag: "--role-arn <arn>", key: "role_arn" },
  { option: "sourceProfile", flag: "--source-profile <profile>", key: "source_profile" },
  { option: "credentialSource", flag: "--credential-source <source>", key: "credential_source" },
  { option: "mfaSerial", flag: "--mfa-serial <arn>", key: "mfa_serial" },
  { option: "mfaProcess", flag: "--mfa-process <command>", key: "mfa_process" },
  { option: "externalId", flag: "--external-id <id>", key: "external_id" },
  { option: "roleSessionName", flag: "--role-session-name <name>", key: "role_session_name" },
  { option: "sessionTags", flag: "--session-tags <Key=Value,...>", key: "session_tags" },
  {
    option: "transitiveSessionTags",
    flag: "--transitive-session-tags <Key,...>",
    key: "transitive_session_tags",
  },
  { option: "sourceIdentity", flag: "--source-identity <name>", key: "source_identity" },
  { option: "durationSeconds", flag: "--duration-seconds <seconds>", key: "duration_seconds" },
  { option: "region", flag: "--region <region>", key: "region" },
  { option: "output", flag: "--output <format>", key: "output" },
  { option: "ssoSession", flag: "--sso-session <name>", key: "sso_session" },
  { option: "ssoAccountId", flag: "--sso-account-id <id>", key: "sso_account_id" },
  { option: "ssoRoleName", flag: "--sso-role-name <name>", key: "sso_role_name" },
  {
    option: "webIdentityTokenFile",
    flag: "--web-identity-token-file <path>",
    key: "web_identity_token_file",
  },
] as const;
