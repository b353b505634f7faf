import { ConfigError } from "../../errors.js";
import { readSharedFile } from "../read-shared-config.js";
import { assertSafeProfileInput } from "./assert-safe-profile-input.js";
import { hasIniSection } from "./find-ini-sections.js";
import { removeIniKeys } from "./remove-ini-keys.js";
import { updateIniSection } from "./update-ini-section.js";
import { writePrivateFile } from "./write-private-file.js";

/** Where the shared config and credentials files are. */
export interface SharedConfigFiles {
  readonly configFile: string;
  readonly credentialsFile: string;
}

/** Keys the AWS CLI writes to the credentials file (CLI `configure set`); the rest go to config. */
export const CREDENTIALS_FILE_KEYS: ReadonlySet<string> = new Set([
  "aws_access_key_id",
  "aws_secret_access_key",
  "aws_session_token",
  "aws_security_token",
]);

/**
 * Sets properties of one profile the way `aws configure set` does, keeping every other line of
 * both files: credential keys go to the credentials file under `[NAME]`, everything else to the
 * config file under `[profile NAME]` (`[default]` for the default profile; an existing
 * `[profile "NAME"]` header is used as is). Only the subset every AWS reader agrees on is
 * accepted (see {@link assertSafeProfileInput}).
 *
 * Both files are read and edited before either is written, so bad input or an unreadable file
 * changes nothing. Each write is atomic with mode 0600; the two writes are not one transaction.
 *
 * `removeFromConfig` names keys to delete from the profile's config-file section in the same write;
 * `checkpoint` is handed to each write (see {@link writePrivateFile}).
 *
 * @returns the files whose content changed, config file first.
 * @throws ConfigError for input outside the safe subset, a file that is not UTF-8 text or starts
 *   with a byte-order mark, or a file that cannot be read or written.
 */
export async function setProfileProperties(
  files: SharedConfigFiles,
  profile: string,
  values: Readonly<Record<string, string>>,
  removeFromConfig: readonly string[] = [],
  checkpoint?: (step: string) => void,
): Promise<{ changedFiles: string[] }> {
  assertSafeProfileInput(profile, values);
  const configValues = Object.entries(values).filter(([key]) => !CREDENTIALS_FILE_KEYS.has(key));
  const credentialValues = Object.entries(values).filter(([key]) => CREDENTIALS_FILE_KEYS.has(key));
  const edits = await Promise.all([
    editFile(
      files.configFile,
      configValues,
      (text) => configSection(profile, text, files.configFile),
      removeFromConfig,
    ),
    editFile(files.credentialsFile, credentialValues, () => profile),
  ]);
  const changed = edits.filter((edit) => edit !== undefined);
  for (const edit of changed) await writePrivateFile(edit.file, edit.text, checkpoint);
  return { changedFiles: changed.map((edit) => edit.file) };
}

/** The new text of `file`, or `undefined` when it would not change. */
async function editFile(
  file: string,
  values: readonly (readonly [string, string])[],
  sectionFor: (text: string) => string,
  remove: readonly string[] = [],
): Promise<{ file: string; text: string } | undefined> {
  if (values.length === 0) return undefined;
  const before = (await readSharedFile(file))?.text;
  if (before?.startsWith("\uFEFF") === true) {
    // The AWS CLI cannot read a file with a BOM, and we would not see its first header.
    throw new ConfigError(`${file} starts with a UTF-8 byte-order mark`, {
      hint: "Re-save the file as UTF-8 without a BOM; the AWS CLI cannot read it as it is",
    });
  }
  const section = sectionFor(before ?? "");
  const updated = updateIniSection(before ?? "", section, Object.fromEntries(values));
  const text = remove.length === 0 ? updated : removeIniKeys(updated, section, remove);
  return text === before ? undefined : { file, text };
}

/**
 * The config-file header for a profile. For the default profile the CLI writes `[default]`, but
 * if the file already has only `[profile default]` we write there: the SDKs prefer that header
 * and the CLI lets the later of the two win, so adding `[default]` would hide one from the other.
 */
function configSection(profile: string, text: string, file: string): string {
  if (profile !== "default") return `profile ${profile}`;
  if (!hasIniSection(text, "profile default")) return "default";
  if (!hasIniSection(text, "default")) return "profile default";
  throw new ConfigError(`${file} has both [default] and [profile default]`, {
    hint: "Merge them into one [default] section; the AWS CLI and the SDKs disagree on which one wins",
  });
}
