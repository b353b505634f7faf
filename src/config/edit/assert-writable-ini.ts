import { ConfigError } from "../../errors.js";
import { pythonStrip } from "./ini-lines.js";

/** A value to write: a string, or a map written as a nested sub-section (`key =` + `    sub = v`). */
export type IniValue = string | Readonly<Record<string, string>>;

/** Keys to set in one section, in the order new ones should be added. */
export type IniUpdates = Readonly<Record<string, IniValue>>;

/**
 * Rejects input that would not read back as written: line breaks anywhere (as the CLI rejects
 * them), section names with `]`, and keys a reader would parse differently (delimiters,
 * surrounding whitespace, a leading comment or header character, or two keys that differ only
 * in case, since the CLI and the SDKs lower-case keys). Messages never include values, which may
 * be secrets.
 */
export function assertWritableIni(section: string, updates: IniUpdates): void {
  if (section === "" || /[\r\n\]]/.test(section)) {
    throw new ConfigError(
      `Cannot write section [${JSON.stringify(section)}]: a section name must be non-empty without "]" or line breaks`,
      { hint: "Use a profile name made of letters, digits and -_./%@:+" },
    );
  }
  const seen = new Set<string>();
  for (const [key, value] of Object.entries(updates)) {
    assertWritableKey(key, section);
    if (seen.has(key.toLowerCase())) {
      throw new ConfigError(`Cannot write key "${key}" to [${section}] twice in different case`, {
        hint: "Keys are case-insensitive; pass each key once, in lower case",
      });
    }
    seen.add(key.toLowerCase());
    const values = typeof value === "string" ? [value] : Object.values(value);
    if (typeof value !== "string")
      for (const sub of Object.keys(value)) assertWritableKey(sub, section);
    if (values.some((v) => /[\r\n]/.test(v))) {
      throw new ConfigError(
        `Cannot write key "${key}" to [${section}]: the value contains a line break`,
        {
          hint: "Shared-config values must fit on one line",
        },
      );
    }
  }
}

function assertWritableKey(key: string, section: string): void {
  if (key === "" || key !== pythonStrip(key) || /[\r\n=:]|^[#;[]/.test(key)) {
    throw new ConfigError(
      `Cannot write key ${JSON.stringify(key)} to [${section}]: it would not read back as the same key`,
      { hint: "Use a key made of lower-case letters, digits and underscores" },
    );
  }
}
