import { stringProperty, type Properties } from "../../config/config-data.js";
import { parseSharedConfig, type SharedConfigFile } from "../../config/parse-shared-config.js";
import { ConfigError, UsageError } from "../../errors.js";
import { isAwsafeProcessLine } from "../../config/awsafe-process-line.js";
import { editImportFiles } from "./edit-import-files.js";
import { findRoleProfiles, type RoleProfile } from "./find-role-profiles.js";
import {
  findStrayKeys,
  keyNames,
  type MisprefixedSection,
  type StraySection,
} from "./find-stray-keys.js";

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
  /** The credentials-file header its keys were under, when not its own (`profile NAME`). */
  readonly fromSection?: string | undefined;
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
  /** Sections whose keys stay in plain text: names not every AWS tool reads, and the like. */
  readonly stray: readonly StraySection[];
  /** Credentials-file `[profile NAME]` sections with keys, not taken as NAME this time. */
  readonly misprefixed: readonly MisprefixedSection[];
  /** Role profiles the AWS tools still assume themselves (not routed through awsafe). */
  readonly selfAssumedRoles: readonly RoleProfile[];
  /** Role profiles this import routes through awsafe (`--route-roles`). */
  readonly routedRoles: readonly RoleProfile[];
  readonly changes: readonly FileChange[];
}

/** What the user chose beyond the profiles. */
export interface ImportChoices {
  /** Intended names of credentials-file `[profile NAME]` sections to import as NAME. */
  readonly fixPrefixOf?: ReadonlySet<string>;
  /** Route the role profiles the imported ones are sources of through awsafe too. */
  readonly routeRoles?: boolean;
}

/**
 * Plans `awsafe import` as a pure function of the files' text: which profiles have plain-text
 * long-term keys, and the files' new text with those keys removed (every comment and other line
 * kept, by the comment-preserving editor) and a `credential_process` line added to each
 * profile. The new text is parsed again and checked, so a construct the editor did not expect
 * can never leave a key behind or a profile unwired.
 *
 * Keys in sections the SDKs do not read as profiles are never passed over in silence: a
 * credentials-file `[profile NAME]` is imported as NAME when `choices.fixPrefixOf` has NAME and
 * reported otherwise, and every other such section is reported with why and what to do. Role
 * profiles whose source is served by awsafe are reported, or routed with `choices.routeRoles`.
 *
 * @param profiles the profiles to import; all profiles with keys when empty.
 * @throws ConfigParseError (78, with file:line) for a malformed file; UsageError for a named
 *   profile that does not exist.
 */
export function planImport(
  files: ImportFiles,
  profiles: readonly string[],
  processLine: (profile: string) => string,
  choices: ImportChoices = {},
): ImportPlan {
  const data = parse(files).profiles;
  const found = findStrayKeys(sharedFiles(files));
  const wanted = (name: string | undefined): boolean =>
    profiles.length === 0 || (name !== undefined && profiles.includes(name));
  const fixes = found.misprefixed.filter(
    (section) => wanted(section.intended) && choices.fixPrefixOf?.has(section.intended) === true,
  );
  const names =
    profiles.length > 0
      ? profiles
      : [...new Set([...data.keys(), ...fixes.map((fix) => fix.intended)])].sort();
  const stray = found.stray.filter((section) => wanted(section.readAs));
  const misprefixed = found.misprefixed.filter(
    (section) => wanted(section.intended) && !fixes.includes(section),
  );
  const candidates: ImportCandidate[] = [];
  const skipped: SkippedProfile[] = [];
  const alreadyImported: string[] = [];
  for (const profile of names) {
    const properties = data.get(profile);
    const fix = fixes.filter((section) => section.intended === profile);
    if (properties === undefined && fix.length === 0) {
      const reported = [...stray.map((s) => s.readAs), ...misprefixed.map((s) => s.intended)];
      if (reported.includes(profile)) continue;
      throw unknownProfile(profile, [...data.keys()]);
    }
    const verdict =
      fix.length === 0
        ? judge(profile, properties ?? {}, profiles.length > 0)
        : judgeFixed(profile, properties ?? {}, fix);
    if (verdict === "done") alreadyImported.push(profile);
    else if (verdict === undefined) continue;
    else if ("reason" in verdict) skipped.push(verdict);
    else candidates.push(verdict);
  }
  const served = new Set([...candidates.map((c) => c.profile), ...alreadyImported]);
  const roles = findRoleProfiles(data, served);
  const routedRoles = choices.routeRoles === true ? roles : [];
  const changes = editImportFiles(files, { candidates, routedRoles, data }, processLine);
  return {
    candidates,
    skipped,
    alreadyImported,
    stray,
    misprefixed,
    selfAssumedRoles: choices.routeRoles === true ? [] : roles,
    routedRoles,
    changes,
  };
}

/** The two files with text, as the stray-key search reads them. */
function sharedFiles(
  files: ImportFiles,
): { path: string; text: string; kind: "config" | "credentials" }[] {
  const both = [
    { path: files.configFile, text: files.config, kind: "config" as const },
    { path: files.credentialsFile, text: files.credentials, kind: "credentials" as const },
  ];
  return both.flatMap(({ path, text, kind }) => (text === undefined ? [] : [{ path, text, kind }]));
}

/**
 * A profile whose keys (some or all) sit under a misprefixed `[profile NAME]` section: imported
 * as NAME unless NAME's own keys differ.
 */
function judgeFixed(
  profile: string,
  properties: Properties,
  sections: readonly MisprefixedSection[],
): ImportCandidate | SkippedProfile | "done" | undefined {
  const last = sections.at(-1);
  const keys = {
    aws_access_key_id: last?.accessKeyId,
    aws_secret_access_key: last?.secretAccessKey,
  };
  const own = keyNames.map((key) => stringProperty(properties, key));
  if (own.some((value) => value !== undefined) && own.join() !== Object.values(keys).join()) {
    return {
      profile,
      reason: `[${last?.header ?? ""}] in the credentials file holds another key than profile "${profile}" itself; keep one of them by hand`,
    };
  }
  const merged: Record<string, Properties[string]> = { ...properties };
  for (const [key, value] of Object.entries(keys)) if (value !== undefined) merged[key] = value;
  const verdict = judge(profile, merged, true);
  if (verdict === "done" || verdict === undefined || "reason" in verdict) return verdict;
  return { ...verdict, fromSection: last?.header };
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

function unknownProfile(profile: string, known: readonly string[]): UsageError {
  return new UsageError(`Profile "${profile}" is not in the shared config or credentials file`, {
    hint:
      known.length === 0
        ? "The shared files define no profiles."
        : `Known profiles: ${[...known].sort().join(", ")}`,
  });
}
