import { ConfigWarningCode } from "../config-warning.js";
import { validIdentifier } from "./parse-ini-sections.js";

/** Which of the two shared files a section comes from. */
export type FileKind = "config" | "credentials";

/** What a section header means to the SDKs, with a warning when the AWS CLI reads it otherwise. */
export type SectionMeaning =
  | {
      readonly kind: "profile" | "sso-session";
      readonly name: string;
      readonly warning?: SectionWarning;
    }
  | { readonly kind: "default"; readonly name: "default" }
  | { readonly kind: "ignored"; readonly warning?: SectionWarning };

/** A warning about a header, before it is tied to a file and line. */
export interface SectionWarning {
  readonly code: ConfigWarningCode;
  readonly message: string;
}

const space = 0x20;
const tab = 0x09;

// Sections the AWS CLI itself uses; not profiles, nothing to warn about.
const cliSections = new Set(["plugins", "preview"]);

/** Classifies a header (`profile foo`, `default`, `sso-session x`, ...) of the given file. */
export function classifySection(header: string, file: FileKind): SectionMeaning {
  return file === "config" ? classifyConfigSection(header) : classifyCredentialsSection(header);
}

function classifyConfigSection(header: string): SectionMeaning {
  // First the kind most sections are: no other kind starts with "profile".
  const profile = prefixedName(header, "profile");
  if (profile !== undefined && validIdentifier.test(profile))
    return { kind: "profile", name: profile };
  if (header === "default") return { kind: "default", name: "default" };
  if (header === "DEFAULT") return { kind: "ignored", warning: upperDefault };
  const sso = prefixedName(header, "sso-session");
  if (sso !== undefined)
    return validIdentifier.test(sso)
      ? { kind: "sso-session", name: sso }
      : ignored(header, "its name has characters the AWS SDKs do not accept");
  if (prefixedName(header, "services") !== undefined || cliSections.has(header))
    return { kind: "ignored" };
  const cliName = cliProfileName(header);
  if (cliName !== undefined) {
    return {
      kind: "ignored",
      warning: {
        code: ConfigWarningCode.CliOnlyProfileName,
        message: `the AWS CLI reads [${header}] as profile "${cliName}" but the AWS SDKs ignore it; use [profile NAME] with NAME made of letters, digits and _-/.%@:+`,
      },
    };
  }
  if (profile !== undefined)
    return ignored(header, "its name has characters the AWS SDKs do not accept");
  return ignored(
    header,
    "profile sections in the config file need the 'profile ' prefix, as in [profile NAME]",
  );
}

function classifyCredentialsSection(header: string): SectionMeaning {
  if (header === "DEFAULT") return { kind: "profile", name: header, warning: upperDefault };
  if (validIdentifier.test(header)) return { kind: "profile", name: header };
  if (prefixedName(header, "profile") !== undefined) {
    return ignored(
      header,
      `sections in the credentials file take no 'profile ' prefix (the AWS CLI reads a profile named "${header}")`,
    );
  }
  return ignored(header, "its name has characters the AWS SDKs do not accept");
}

/** `profile foo` → `foo`; the prefix must be followed by whitespace (`profilefoo` is not one). */
function prefixedName(header: string, prefix: string): string | undefined {
  if (!header.startsWith(prefix)) return undefined;
  const next = header.charCodeAt(prefix.length);
  if (next !== space && next !== tab) return undefined;
  const name = header.slice(prefix.length + 1).trim();
  return name === "" ? undefined : name;
}

// botocore takes any header starting with "profile" whose shlex split has two words:
// `profile "a b"` → `a b`, and also `profiles x` → `x`.
function cliProfileName(header: string): string | undefined {
  const quoted = /^profile\S*[ \t]+(["'])(.*)\1$/.exec(header);
  if (quoted?.[2] !== undefined) return quoted[2];
  const bare = /^profile\S+[ \t]+(\S+)$/.exec(header);
  return bare?.[1];
}

function ignored(header: string, why: string): SectionMeaning {
  return {
    kind: "ignored",
    warning: {
      code: ConfigWarningCode.IgnoredSection,
      message: `[${header}] is not read as a profile: ${why}`,
    },
  };
}

const upperDefault: SectionWarning = {
  code: ConfigWarningCode.UpperDefaultSection,
  message:
    "the AWS CLI copies the keys of [DEFAULT] into every profile while the AWS SDKs ignore it; move them into the profiles that need them",
};
