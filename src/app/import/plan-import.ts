import { stringProperty, type Properties } from "../../config/config-data.js";
import { assertSafeProfileInput } from "../../config/edit/assert-safe-profile-input.js";
import { hasIniSection } from "../../config/edit/find-ini-sections.js";
import { removeIniKeys } from "../../config/edit/remove-ini-keys.js";
import { updateIniSection } from "../../config/edit/update-ini-section.js";
import { parseSharedConfig, type SharedConfigFile } from "../../config/parse-shared-config.js";
import { ConfigError, UsageError } from "../../errors.js";
import { isAwsafeProcessLine } from "../../config/awsafe-process-line.js";

/** The two shared files as they are now; a missing file has no text. */
export interface ImportFiles {
  readonly configFile: string;
  readonly credentialsFile: string;
  readonly config: string | undefined;
  readonly credentials: string | undefined;
}

/** A profile whose plain-text keys will move into the store. */
export interface ImportCandidate {
  readonly profile: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** It also has `role_arn`: it is a source profile for others, so its role settings stay. */
  readonly keepsRole: boolean;
}

/** A profile with keys that import leaves alone, and why. */
export interface SkippedProfile {
  readonly profile: string;
  readonly reason: string;
}

/** One shared file's text before and after the import. */
export interface FileChange {
  readonly file: string;
  readonly before: string | undefined;
  readonly after: string;
}

/** Everything import will do to the shared files, computed before anything is written. */
export interface ImportPlan {
  readonly candidates: readonly ImportCandidate[];
  readonly skipped: readonly SkippedProfile[];
  /** Named profiles that already use awsafe and have no plain-text keys left. */
  readonly alreadyImported: readonly string[];
  readonly changes: readonly FileChange[];
}

const keyNames = ["aws_access_key_id", "aws_secret_access_key"];

/**
 * Plans `awsafe import` as a pure function of the files' text: which profiles have plain-text
 * long-term keys, and the files' new text with those keys removed (every comment and other line
 * kept, by the comment-preserving editor) and a `credential_process` line added to each
 * profile. The new text is parsed again and checked, so a construct the editor did not expect
 * can never leave a key behind or a profile unwired.
 *
 * @param profiles the profiles to import; all profiles with keys when empty.
 * @throws ConfigParseError (78, with file:line) for a malformed file; UsageError for a named
 *   profile that does not exist.
 */
export function planImport(
  files: ImportFiles,
  profiles: readonly string[],
  processLine: (profile: string) => string,
): ImportPlan {
  const data = parse(files).profiles;
  const names = profiles.length > 0 ? profiles : Object.keys(data).sort();
  const candidates: ImportCandidate[] = [];
  const skipped: SkippedProfile[] = [];
  const alreadyImported: string[] = [];
  for (const profile of names) {
    const properties = data[profile];
    if (properties === undefined) throw unknownProfile(profile, Object.keys(data));
    const verdict = judge(profile, properties, profiles.length > 0);
    if (verdict === "done") alreadyImported.push(profile);
    else if (verdict === undefined) continue;
    else if ("reason" in verdict) skipped.push(verdict);
    else candidates.push(verdict);
  }
  const changes = editFiles(files, candidates, processLine);
  return { candidates, skipped, alreadyImported, changes };
}

function parse(files: ImportFiles): ReturnType<typeof parseSharedConfig>["data"] {
  const asFile = (path: string, text: string | undefined): SharedConfigFile | undefined => {
    if (text === undefined) return undefined;
    if (text.startsWith("\uFEFF")) {
      throw new ConfigError(`${path} starts with a UTF-8 byte-order mark; nothing was changed`, {
        hint: "Re-save the file as UTF-8 without a BOM; the AWS CLI cannot read it as it is.",
      });
    }
    return { path, text };
  };
  return parseSharedConfig({
    config: asFile(files.configFile, files.config),
    credentials: asFile(files.credentialsFile, files.credentials),
  }).data;
}

/** What to do with one profile: import it, skip it (why), note it is done, or ignore it. */
function judge(
  profile: string,
  properties: Properties,
  named: boolean,
): ImportCandidate | SkippedProfile | "done" | undefined {
  const accessKeyId = stringProperty(properties, "aws_access_key_id");
  const secretAccessKey = stringProperty(properties, "aws_secret_access_key");
  const process = stringProperty(properties, "credential_process");
  const skip = (reason: string): SkippedProfile => ({ profile, reason });
  if (accessKeyId === undefined && secretAccessKey === undefined) {
    if (process !== undefined && isAwsafeProcessLine(process)) return "done";
    return named ? skip("it has no plain-text keys") : undefined;
  }
  if (accessKeyId === undefined || secretAccessKey === undefined) {
    return skip("it has only one half of the key pair; fix or remove it by hand");
  }
  if (
    stringProperty(properties, "aws_session_token") !== undefined ||
    accessKeyId.startsWith("ASIA")
  ) {
    return skip(
      "its keys are temporary credentials (aws_session_token), which expire on their own",
    );
  }
  if (
    ["sso_session", "sso_start_url", "web_identity_token_file"].some((key) => key in properties)
  ) {
    return skip(
      "its SSO or web-identity settings take precedence over its keys, which are unused; remove them by hand",
    );
  }
  if (process !== undefined && !isAwsafeProcessLine(process)) {
    return skip("it already has its own credential_process");
  }
  return { profile, accessKeyId, secretAccessKey, keepsRole: "role_arn" in properties };
}

function editFiles(
  files: ImportFiles,
  candidates: readonly ImportCandidate[],
  processLine: (profile: string) => string,
): FileChange[] {
  let credentials = files.credentials;
  let config = files.config;
  for (const { profile } of candidates) {
    const line = processLine(profile);
    assertSafeProfileInput(profile, { credential_process: line });
    if (credentials !== undefined) credentials = removeIniKeys(credentials, profile, keyNames);
    // Keys in the config file count too; `[default]` and `[profile default]` both name default.
    const sections =
      profile === "default" ? ["default", "profile default"] : [`profile ${profile}`];
    for (const section of sections) config = removeIniKeys(config ?? "", section, keyNames);
    config = updateIniSection(config ?? "", configSectionOf(profile, config ?? ""), {
      credential_process: line,
    });
  }
  const after = { ...files, credentials, config };
  checkResult(after, candidates, processLine);
  const changes: FileChange[] = [];
  if (config !== undefined && config !== files.config) {
    changes.push({ file: files.configFile, before: files.config, after: config });
  }
  if (credentials !== undefined && credentials !== files.credentials) {
    changes.push({ file: files.credentialsFile, before: files.credentials, after: credentials });
  }
  return changes;
}

/**
 * The config-file section of a profile. For `default` the existing header wins (`[profile
 * default]` hides `[default]` in the SDKs), as in `configure`.
 */
function configSectionOf(profile: string, text: string): string {
  if (profile !== "default") return `profile ${profile}`;
  return hasIniSection(text, "profile default") ? "profile default" : "default";
}

function checkResult(
  files: ImportFiles,
  candidates: readonly ImportCandidate[],
  processLine: (profile: string) => string,
): void {
  const data = parse(files).profiles;
  for (const { profile } of candidates) {
    const properties = data[profile] ?? {};
    const leftover = keyNames.some((key) => key in properties);
    if (leftover || stringProperty(properties, "credential_process") !== processLine(profile)) {
      throw new ConfigError(
        `Cannot import profile "${profile}": the shared files use a layout the editor cannot change safely; nothing was changed`,
        {
          hint: `Move the keys of "${profile}" into one plain [${profile}] section of the credentials file and run awsafe import again.`,
        },
      );
    }
  }
}

function unknownProfile(profile: string, known: readonly string[]): UsageError {
  return new UsageError(`Profile "${profile}" is not in the shared config or credentials file`, {
    hint:
      known.length === 0
        ? "The shared files define no profiles."
        : `Known profiles: ${[...known].sort().join(", ")}`,
  });
}
