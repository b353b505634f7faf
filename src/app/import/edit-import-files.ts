import { stringProperty, type Properties } from "../../config/config-data.js";
import { assertSafeProfileInput } from "../../config/edit/assert-safe-profile-input.js";
import { hasIniSection } from "../../config/edit/find-ini-sections.js";
import { removeIniKeys } from "../../config/edit/remove-ini-keys.js";
import { updateIniSection } from "../../config/edit/update-ini-section.js";
import { parseSharedConfig } from "../../config/parse-shared-config.js";
import { routedKeys } from "../../config/profile/awsafe-settings.js";
import { ConfigError } from "../../errors.js";
import { routeThroughAwsafe } from "../configure/route-through-awsafe.js";
import type { RoleProfile } from "./find-role-profiles.js";
import { findStrayKeys, keyNames } from "./find-stray-keys.js";
import type { FileChange, ImportCandidate, ImportFiles } from "./plan-import.js";

/** What the edit does: whose keys go, which role profiles are routed, and the profiles as read. */
export interface ImportEdit {
  readonly candidates: readonly ImportCandidate[];
  readonly routedRoles: readonly RoleProfile[];
  readonly data: ReadonlyMap<string, Properties>;
}

/**
 * The shared files' new text: each candidate's key lines removed (from its own sections and the
 * misprefixed one it came from) and a `credential_process` line added to its config section;
 * each routed role profile given awsafe's `credential_process` with its role settings kept under
 * awsafe's names (as `configure --credential-process` does). The result is parsed again and
 * checked, so a layout the editor did not expect can never leave a key behind or a profile
 * unwired.
 *
 * @throws ConfigError when the check fails or a value could not be written readably.
 */
export function editImportFiles(
  files: ImportFiles,
  edit: ImportEdit,
  processLine: (profile: string) => string,
): FileChange[] {
  let credentials = files.credentials;
  let config = files.config;
  for (const { profile, fromSection } of edit.candidates) {
    const line = processLine(profile);
    assertSafeProfileInput(profile, { credential_process: line });
    if (credentials !== undefined) {
      credentials = removeIniKeys(credentials, profile, keyNames);
      if (fromSection !== undefined)
        credentials = removeIniKeys(credentials, fromSection, keyNames);
    }
    // Keys in the config file count too; `[default]` and `[profile default]` both name default.
    const sections =
      profile === "default" ? ["default", "profile default"] : [`profile ${profile}`];
    for (const section of sections) config = removeIniKeys(config ?? "", section, keyNames);
    config = updateIniSection(config ?? "", configSectionOf(profile, config ?? ""), {
      credential_process: line,
    });
  }
  for (const { profile } of edit.routedRoles) {
    const routed = routeThroughAwsafe(
      profile,
      { credential_process: processLine(profile) },
      edit.data.get(profile),
    );
    assertSafeProfileInput(profile, routed.set);
    const section = configSectionOf(profile, config ?? "");
    config = removeIniKeys(
      updateIniSection(config ?? "", section, routed.set),
      section,
      routed.remove,
    );
    if (credentials !== undefined) credentials = removeIniKeys(credentials, profile, routed.remove);
  }
  const after = { ...files, credentials, config };
  checkResult(after, edit, processLine);
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
  edit: ImportEdit,
  processLine: (profile: string) => string,
): void {
  const data = parseSharedConfig({
    config: files.config === undefined ? undefined : { path: files.configFile, text: files.config },
    credentials:
      files.credentials === undefined
        ? undefined
        : { path: files.credentialsFile, text: files.credentials },
  }).data.profiles;
  const wired = (profile: string): Properties | undefined => {
    const properties = data.get(profile) ?? {};
    return stringProperty(properties, "credential_process") === processLine(profile)
      ? properties
      : undefined;
  };
  const fixed = new Set(
    edit.candidates.flatMap((c) => (c.fromSection === undefined ? [] : [c.profile])),
  );
  const misprefixedLeft = findStrayKeys(
    files.credentials === undefined
      ? []
      : [{ path: files.credentialsFile, text: files.credentials, kind: "credentials" }],
  ).misprefixed.some((section) => fixed.has(section.intended));
  for (const { profile } of edit.candidates) {
    const properties = wired(profile);
    if (properties === undefined || keyNames.some((key) => key in properties) || misprefixedLeft) {
      throw cannotEdit(
        `import profile "${profile}"`,
        `Move the keys of "${profile}" into one plain [${profile}] section of the credentials file and run awsafe import again.`,
      );
    }
  }
  for (const { profile } of edit.routedRoles) {
    const properties = wired(profile);
    if (properties === undefined || routedKeys.some((key) => key in properties)) {
      throw cannotEdit(
        `route profile "${profile}" through awsafe`,
        `Run awsafe import without --route-roles, then awsafe configure ${profile} --credential-process.`,
      );
    }
  }
}

function cannotEdit(what: string, hint: string): ConfigError {
  return new ConfigError(
    `Cannot ${what}: the shared files use a layout the editor cannot change safely; nothing was changed`,
    { hint },
  );
}
