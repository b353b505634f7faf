import { classifySection, type FileKind } from "../../config/parse/classify-section.js";
import { parseIniSections, validIdentifier } from "../../config/parse/parse-ini-sections.js";

/** Where a section holding plain-text keys is written. */
export interface KeySection {
  readonly file: string;
  /** Its header line (1-based). */
  readonly line: number;
  /** The text between the brackets: `sp ace`, `profile assume-only`. */
  readonly header: string;
}

/** A section whose keys import cannot move as it is written: why, and what the user should do. */
export interface StraySection extends KeySection {
  readonly reason: string;
  /** The profile the AWS CLI reads these keys as, when it reads them at all. */
  readonly readAs: string | undefined;
}

/**
 * A credentials-file `[profile NAME]` section with keys. The credentials file takes no `profile `
 * prefix, so the AWS CLI reads them as a profile named "profile NAME" and the SDKs not at all,
 * while the user almost certainly meant profile NAME: import can take them as NAME.
 */
export interface MisprefixedSection extends KeySection {
  /** The name the section was meant to have. */
  readonly intended: string;
  readonly accessKeyId: string | undefined;
  readonly secretAccessKey: string | undefined;
}

/** Every section with keys that no profile of the SDKs' reading holds. */
export interface StrayKeys {
  readonly stray: readonly StraySection[];
  readonly misprefixed: readonly MisprefixedSection[];
}

/**
 * Finds the plain-text keys outside the profiles awsafe (reading as the AWS SDKs do) can import:
 * sections the SDKs ignore that still hold `aws_access_key_id` or `aws_secret_access_key`, such
 * as `[sp ace]` or `[hash#x]` (which the AWS CLI and boto3 do use) or `[profile x]` in the
 * credentials file. Import reports each with its reason, or takes a misprefixed one under the
 * name it was meant to have, so it never leaves keys behind in silence.
 *
 * @throws ConfigParseError for a malformed file (the plan has already parsed both, so it is not).
 */
export function findStrayKeys(
  files: readonly { readonly path: string; readonly text: string; readonly kind: FileKind }[],
): StrayKeys {
  const stray: StraySection[] = [];
  const misprefixed: MisprefixedSection[] = [];
  for (const file of files) {
    for (const section of parseIniSections(file.text, file.path).sections) {
      const keys = Object.fromEntries(
        section.properties
          .filter((property) => keyNames.includes(property.key))
          .map((property) => [property.key, property.value]),
      );
      if (Object.keys(keys).length === 0) continue;
      const { kind } = classifySection(section.header, file.kind);
      if (kind === "profile" || kind === "default") continue;
      const where = { file: file.path, line: section.line, header: section.header };
      const intended = file.kind === "credentials" ? profilePrefixed(section.header) : undefined;
      if (intended !== undefined && usableName(intended)) {
        misprefixed.push({
          ...where,
          intended,
          accessKeyId: keys.aws_access_key_id,
          secretAccessKey: keys.aws_secret_access_key,
        });
      } else {
        stray.push({ ...where, ...strayReason(section.header, file.kind) });
      }
    }
  }
  return { stray, misprefixed };
}

/** The key lines import moves. */
export const keyNames: readonly string[] = ["aws_access_key_id", "aws_secret_access_key"];

/** Whether `name` is a profile name every AWS tool reads (and awsafe can store under). */
export function usableName(name: string): boolean {
  return validIdentifier.test(name) && name !== "__proto__";
}

function profilePrefixed(header: string): string | undefined {
  const name = /^profile[ \t]+(.+)$/.exec(header)?.[1]?.trim();
  return name === "" ? undefined : name;
}

function strayReason(
  header: string,
  kind: FileKind,
): { readonly reason: string; readonly readAs: string | undefined } {
  const rename = (name: string, section: string): string =>
    `rename the section, e.g. [${section}${suggestName(name)}], and every source_profile naming it, then run awsafe import again`;
  if (kind === "credentials") {
    const named = profilePrefixed(header) ?? header;
    const prefix = named === header ? "" : ' (the credentials file takes no "profile " prefix)';
    return {
      reason: `${nameProblem(header, header)}; ${rename(named, "")}${prefix}`,
      readAs: header,
    };
  }
  if (header === "DEFAULT") {
    return {
      reason:
        "the AWS CLI copies the keys of [DEFAULT] into every profile and the AWS SDKs ignore them; move them into the profile that should have them, then run awsafe import again",
      readAs: undefined,
    };
  }
  // botocore reads any header that starts with "profile" and splits (shlex) into two words.
  const cliName =
    /^profile\S*[ \t]+(["'])(.*)\1$/.exec(header)?.[2] ??
    /^profile\S*[ \t]+(\S+)$/.exec(header)?.[1];
  const prefixed = profilePrefixed(header);
  if (cliName === undefined && prefixed !== undefined) {
    return {
      reason: `no AWS tool reads [${header}] as a profile (a name must be one word of letters, digits and _-/.%@:+); ${rename(prefixed, "profile ")}`,
      readAs: undefined,
    };
  }
  if (cliName === undefined || /^(sso-session|services)[ \t]/.test(header)) {
    return {
      reason:
        "no AWS tool reads keys in this section (config-file profiles are [profile NAME]); move them to the profile that should have them, or delete them",
      readAs: undefined,
    };
  }
  if (usableName(cliName)) {
    return {
      reason: `the AWS CLI reads [${header}] as profile "${cliName}", but the AWS SDKs ignore the section; rename it to [profile ${cliName}], then run awsafe import again`,
      readAs: cliName,
    };
  }
  return {
    reason: `${nameProblem(header, cliName)}; ${rename(cliName, "profile ")}`,
    readAs: cliName,
  };
}

/** Why a profile named `name` cannot be served through awsafe for every AWS tool. */
function nameProblem(header: string, name: string): string {
  const bad = [...new Set(name.match(/[^A-Za-z0-9_\-/.%@:+]/gu))];
  const chars = bad.map((char) => JSON.stringify(char)).join(" ");
  const what =
    bad.length === 0
      ? "a name the shared-config format reserves"
      : `characters (${chars}) other than letters, digits and _-/.%@:+, which some AWS SDKs reject in a name`;
  return `the AWS CLI reads [${header}] as profile ${JSON.stringify(name)}, but it has ${what}, so awsafe cannot serve it to every AWS tool`;
}

function suggestName(name: string): string {
  const cleaned = name
    .replace(/^["']|["']$/g, "")
    .replace(/[^A-Za-z0-9_\-/.%@:+]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return cleaned === "" || cleaned === "__proto__" ? "new-name" : cleaned;
}
