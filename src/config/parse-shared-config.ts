import type { ConfigData, PropertyValue } from "./config-data.js";
import { smallRecord } from "./name-map.js";
import { ConfigWarningCode, type ConfigWarning } from "./config-warning.js";
import { classifySection, type FileKind, type SectionWarning } from "./parse/classify-section.js";
import { scanIni, type IniHandler } from "./parse/parse-ini-sections.js";

/** A shared file's path (for messages) and its text. */
export interface SharedConfigFile {
  readonly path: string;
  readonly text: string;
}

/** Where one section of a profile was found. */
export interface ProfileLocation {
  readonly file: string;
  readonly fileKind: FileKind;
  readonly line: number;
}

/** Both files read the SDKs' way: merged data, warnings, and where each profile is written. */
export interface SharedConfig {
  readonly data: ConfigData;
  readonly warnings: readonly ConfigWarning[];
  /** Where each profile's sections are; only when asked for (`locate`), as the hot path needs none. */
  readonly locations: ReadonlyMap<string, readonly ProfileLocation[]> | undefined;
}

/** What {@link parseSharedConfig} collects besides the data. */
export interface ParseOptions {
  /** Also record where each profile is written (for `list` and `explain`). */
  readonly locate?: boolean;
}

/**
 * Reads the config and credentials files the way the AWS SDKs do (the smithy parser suites):
 * `[profile NAME]` and `[default]` in the config file, `[NAME]` in the credentials file,
 * `[profile default]` over `[default]`, duplicate sections merged, the last duplicate key wins,
 * and credentials-file values win over config-file values per key. Constructs the AWS CLI reads
 * differently come back as warnings. Throws {@link ConfigParseError} for a malformed file.
 */
export function parseSharedConfig(
  files: {
    readonly config?: SharedConfigFile | undefined;
    readonly credentials?: SharedConfigFile | undefined;
  },
  options: ParseOptions = {},
): SharedConfig {
  const merger = new Merger(
    options.locate === true ? new Map<string, ProfileLocation[]>() : undefined,
  );
  if (files.config !== undefined) merger.addFile(files.config, "config");
  if (files.credentials !== undefined) merger.addFile(files.credentials, "credentials");
  return merger.result();
}

type MutableProperties = Record<string, PropertyValue>;

// Written for a 10,000-profile file: one pass over the lines, straight into the merged maps.
class Merger {
  readonly profiles = new Map<string, MutableProperties>();
  readonly ssoSessions = new Map<string, MutableProperties>();
  private readonly warnings: ConfigWarning[] = [];

  constructor(readonly locations: Map<string, ProfileLocation[]> | undefined) {}

  private files = 0;

  addFile(file: SharedConfigFile, fileKind: FileKind): void {
    const reader = new FileMerger(file, fileKind, this, this.files++ === 0);
    reader.warnings.push(...scanIni(file.text, file.path, reader));
    reader.warnings.sort((a, b) => a.line - b.line);
    this.warnings.push(...reader.warnings);
  }

  result(): SharedConfig {
    return {
      data: { profiles: this.profiles, ssoSessions: this.ssoSessions },
      warnings: this.warnings,
      locations: this.locations,
    };
  }
}

/** Merges the sections of one file as the scanner reads them. */
class FileMerger implements IniHandler {
  readonly warnings: ConfigWarning[] = [];
  // The names of this file's sections, to spot one written twice. Not needed for the first file
  // read: there, a name already in the merged maps can only have come from this file.
  private readonly seen:
    { readonly profile: Set<string>; readonly "sso-session": Set<string> } | undefined;
  private readonly profiles: Map<string, MutableProperties>;
  private readonly ssoSessions: Map<string, MutableProperties>;
  private readonly locations: Map<string, ProfileLocation[]> | undefined;
  // Whether `[profile default]` is written anywhere in the file, found at the first `[default]`.
  private prefixedDefault: boolean | undefined;
  private target: MutableProperties | undefined;
  private header = "";
  // Keys of the current section (the first `keyCount`), to spot duplicates; sections hold a
  // handful of keys.
  private readonly keys: string[] = [];
  private keyCount = 0;

  constructor(
    private readonly file: SharedConfigFile,
    private readonly fileKind: FileKind,
    merged: Merger,
    firstFile: boolean,
  ) {
    this.profiles = merged.profiles;
    this.ssoSessions = merged.ssoSessions;
    this.locations = merged.locations;
    this.seen = firstFile ? undefined : { profile: new Set(), "sso-session": new Set() };
  }

  /**
   * `[profile default]` anywhere in the config file hides every `[default]` (SDK rule). Looked
   * for at the first `[default]` only: the expression tries every line of the file.
   */
  private hasPrefixedDefault(): boolean {
    return (this.prefixedDefault ??=
      this.fileKind === "config" &&
      /^\uFEFF?\[[ \t]*profile[ \t]+default[ \t]*\]/m.test(this.file.text));
  }

  section(header: string, line: number): void {
    this.target = undefined;
    this.header = header;
    this.keyCount = 0;
    const meaning = classifySection(header, this.fileKind);
    if ("warning" in meaning) this.warn(line, meaning.warning);
    if (meaning.kind === "ignored") return;
    if (meaning.kind === "default" && this.hasPrefixedDefault()) {
      this.warn(line, defaultTwice);
      return;
    }
    const kind = meaning.kind === "sso-session" ? "sso-session" : "profile";
    const { name } = meaning;
    const map = kind === "profile" ? this.profiles : this.ssoSessions;
    let target = map.get(name);
    const seen = this.seen?.[kind];
    if (seen === undefined ? target !== undefined : seen.has(name)) {
      this.warn(line, {
        code: ConfigWarningCode.DuplicateSection,
        message: `[${header}] appears more than once in this file; the AWS CLI refuses such a file`,
      });
    }
    seen?.add(name);
    if (target === undefined) map.set(name, (target = smallRecord<PropertyValue>()));
    this.target = target;
    if (kind === "profile") this.addLocation(name, line);
  }

  private addLocation(profile: string, line: number): void {
    if (this.locations === undefined) return;
    const location: ProfileLocation = { file: this.file.path, fileKind: this.fileKind, line };
    // Most profiles have one section: an exact one-element array, not `[]` grown by push.
    const known = this.locations.get(profile);
    if (known === undefined) this.locations.set(profile, [location]);
    else known.push(location);
  }

  property(
    key: string,
    line: number,
    value: string,
    subProperties: Record<string, string> | undefined,
  ): void {
    if (this.target === undefined) return;
    if (this.isKeyOfSection(key)) {
      this.warn(line, {
        code: ConfigWarningCode.DuplicateKey,
        message: `"${key}" is set more than once in [${this.header}]; the AWS CLI refuses such a file`,
      });
    }
    this.keys[this.keyCount++] = key;
    this.target[key] = subProperties ?? value;
  }

  private isKeyOfSection(key: string): boolean {
    for (let i = 0; i < this.keyCount; i++) if (this.keys[i] === key) return true;
    return false;
  }

  private warn(line: number, warning: SectionWarning): void {
    this.warnings.push({
      code: warning.code,
      file: this.file.path,
      line,
      message: warning.message,
    });
  }
}

const defaultTwice: SectionWarning = {
  code: ConfigWarningCode.DefaultTwice,
  message:
    "[default] is ignored because [profile default] exists (the AWS CLI would use whichever comes last); keep only one",
};
