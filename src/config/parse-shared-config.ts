import type { ConfigData, PropertyValue } from "./config-data.js";
import { ConfigWarningCode, type ConfigWarning } from "./config-warning.js";
import { classifySection, type FileKind, type SectionMeaning } from "./parse/classify-section.js";
import { parseIniSections, type RawSection } from "./parse/parse-ini-sections.js";

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
  readonly locations: Readonly<Record<string, readonly ProfileLocation[]>>;
}

/**
 * Reads the config and credentials files the way the AWS SDKs do (the smithy parser suites):
 * `[profile NAME]` and `[default]` in the config file, `[NAME]` in the credentials file,
 * `[profile default]` over `[default]`, duplicate sections merged, the last duplicate key wins,
 * and credentials-file values win over config-file values per key. Constructs the AWS CLI reads
 * differently come back as warnings. Throws {@link ConfigParseError} for a malformed file.
 */
export function parseSharedConfig(files: {
  readonly config?: SharedConfigFile | undefined;
  readonly credentials?: SharedConfigFile | undefined;
}): SharedConfig {
  const merger = new Merger();
  if (files.config !== undefined) merger.addFile(files.config, "config");
  if (files.credentials !== undefined) merger.addFile(files.credentials, "credentials");
  return merger.result();
}

type MutableProperties = Record<string, PropertyValue>;

class Merger {
  private readonly profiles: Record<string, MutableProperties> = Object.create(null) as Record<
    string,
    MutableProperties
  >;
  private readonly ssoSessions: Record<string, MutableProperties> = Object.create(null) as Record<
    string,
    MutableProperties
  >;
  private readonly locations: Record<string, ProfileLocation[]> = Object.create(null) as Record<
    string,
    ProfileLocation[]
  >;
  private readonly warnings: ConfigWarning[] = [];

  addFile(file: SharedConfigFile, fileKind: FileKind): void {
    const raw = parseIniSections(file.text, file.path);
    this.warnings.push(...raw.warnings);
    const classified = raw.sections.map((section) => ({
      section,
      meaning: classifySection(section.header, fileKind),
    }));
    const hasPrefixedDefault = classified.some(
      ({ meaning }) =>
        meaning.kind === "profile" && meaning.name === "default" && fileKind === "config",
    );
    const seen = new Set<string>();
    for (const { section, meaning } of classified) {
      const warn = (code: ConfigWarningCode, message: string, line = section.line): void => {
        this.warnings.push({ code, file: file.path, line, message });
      };
      if ("warning" in meaning) warn(meaning.warning.code, meaning.warning.message);
      const target = this.targetOf(meaning, hasPrefixedDefault, warn);
      if (target === undefined) continue;
      const id = `${target.kind} ${target.name}`;
      if (seen.has(id))
        warn(
          ConfigWarningCode.DuplicateSection,
          `[${section.header}] appears more than once in this file; the AWS CLI refuses such a file`,
        );
      seen.add(id);
      if (target.kind === "profile")
        (this.locations[target.name] ??= []).push({
          file: file.path,
          fileKind,
          line: section.line,
        });
      this.mergeSection(target.map, target.name, section, warn);
    }
  }

  result(): SharedConfig {
    return {
      data: { profiles: this.profiles, ssoSessions: this.ssoSessions },
      warnings: this.warnings,
      locations: this.locations,
    };
  }

  private targetOf(
    meaning: SectionMeaning,
    hasPrefixedDefault: boolean,
    warn: (code: ConfigWarningCode, message: string) => void,
  ): { kind: string; name: string; map: Record<string, MutableProperties> } | undefined {
    switch (meaning.kind) {
      case "ignored":
        return undefined;
      case "default":
        if (!hasPrefixedDefault) return { kind: "profile", name: "default", map: this.profiles };
        warn(
          ConfigWarningCode.DefaultTwice,
          "[default] is ignored because [profile default] exists (the AWS CLI would use whichever comes last); keep only one",
        );
        return undefined;
      case "profile":
        return { kind: "profile", name: meaning.name, map: this.profiles };
      case "sso-session":
        return { kind: "sso-session", name: meaning.name, map: this.ssoSessions };
    }
  }

  private mergeSection(
    map: Record<string, MutableProperties>,
    name: string,
    section: RawSection,
    warn: (code: ConfigWarningCode, message: string, line?: number) => void,
  ): void {
    const properties = (map[name] ??= Object.create(null) as MutableProperties);
    const keys = new Set<string>();
    for (const property of section.properties) {
      if (keys.has(property.key))
        warn(
          ConfigWarningCode.DuplicateKey,
          `"${property.key}" is set more than once in [${section.header}]; the AWS CLI refuses such a file`,
          property.line,
        );
      keys.add(property.key);
      properties[property.key] = property.subProperties ?? property.value;
    }
  }
}
