// The keys most sections are written with: the settings awsafe reads, the SSO session's, and
// the AWS CLI's everyday ones. Lower-case identifiers all, so a key written exactly as one of
// them needs none of the checks an unknown key goes through, and is stored under a name V8
// already holds (a key cut out of the text would have to be looked up among all of V8's names
// first: on a 10,000-profile file that is a fifth of reading it).
export const knownKeys: readonly string[] = [
  "region",
  "output",
  "role_arn",
  "source_profile",
  "credential_source",
  "mfa_serial",
  "mfa_process",
  "external_id",
  "role_session_name",
  "duration_seconds",
  "session_tags",
  "transitive_session_tags",
  "source_identity",
  "credential_process",
  "web_identity_token_file",
  "aws_access_key_id",
  "aws_secret_access_key",
  "aws_session_token",
  "aws_account_id",
  "sso_session",
  "sso_start_url",
  "sso_region",
  "sso_account_id",
  "sso_role_name",
  "sso_registration_scopes",
  "cli_pager",
  "endpoint_url",
  "s3",
];

// By length: most lengths have one or two keys.
const byLength: (string[] | undefined)[] = [];
for (const key of knownKeys) (byLength[key.length] ??= []).push(key);

/**
 * The known key written at `text[from, to)`, as a string V8 has already seen; `undefined` when
 * the text there is anything else (an unknown key, another case, spaces), which the caller then
 * cuts out and checks. Reads the text in place.
 */
export function knownKeyAt(text: string, from: number, to: number): string | undefined {
  const candidates = byLength[to - from];
  if (candidates === undefined) return undefined;
  for (const key of candidates) {
    if (text.startsWith(key, from)) return key;
  }
  return undefined;
}
