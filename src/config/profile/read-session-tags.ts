import { ConfigError } from "../../errors.js";
import type { Properties, PropertyValue } from "../config-data.js";
import { profileWhere, readString, stringSetting } from "./read-property.js";

/** A session tag as a profile sets it. */
export interface ProfileSessionTag {
  readonly key: string;
  readonly value: string;
}

/** What a role profile tags its sessions with. */
export interface SessionTagSettings {
  readonly tags?: readonly ProfileSessionTag[] | undefined;
  readonly transitiveTagKeys?: readonly string[] | undefined;
}

// STS limits: tag keys 1..128 and values 0..256 characters of letters, digits, spaces and
// `_.:/=+-@`; at most 50 tags per session.
const tagKey = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,128}$/u;
const tagValue = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{0,256}$/u;
const maxTags = 50;

/**
 * `session_tags = Key1=Value1,Key2=Value2` and `transitive_session_tags = Key1,Key2`, the format
 * aws-vault reads. Every transitive key must be one of the tags, as STS requires.
 *
 * @throws ConfigError naming the setting when it cannot be read or STS would refuse it.
 */
export function readSessionTags(properties: Properties, where: string): SessionTagSettings {
  const tagsText = readString(properties, "session_tags", where);
  const transitiveText = readString(properties, "transitive_session_tags", where);
  return tagSettings(tagsText, transitiveText, where);
}

/**
 * {@link readSessionTags} for the values already taken from profile `profileName`'s section;
 * `undefined` when it sets neither, as almost every profile does.
 */
export function sessionTagsOf(
  tagsValue: PropertyValue | undefined,
  transitiveValue: PropertyValue | undefined,
  profileName: string,
): SessionTagSettings | undefined {
  if (tagsValue === undefined && transitiveValue === undefined) return undefined;
  const tagsText = stringSetting(tagsValue, "session_tags", profileName);
  const transitiveText = stringSetting(transitiveValue, "transitive_session_tags", profileName);
  return tagSettings(tagsText, transitiveText, profileWhere(profileName));
}

function tagSettings(
  tagsText: string | undefined,
  transitiveText: string | undefined,
  where: string,
): SessionTagSettings {
  const tags = tagsText === undefined ? undefined : parseTags(tagsText, where);
  const transitiveTagKeys = transitiveText === undefined ? undefined : splitList(transitiveText);
  for (const key of transitiveTagKeys ?? []) {
    if (tags?.some((tag) => tag.key === key) !== true) {
      throw new ConfigError(
        `${where} lists "${key}" in transitive_session_tags, but session_tags does not set it`,
        { hint: "Add the tag to session_tags, e.g. session_tags = team=blue,project=x" },
      );
    }
  }
  return { tags, transitiveTagKeys };
}

function parseTags(text: string, where: string): ProfileSessionTag[] {
  const tags = splitList(text).map((pair) => {
    const equals = pair.indexOf("=");
    const key = (equals < 0 ? pair : pair.slice(0, equals)).trim();
    const value = equals < 0 ? "" : pair.slice(equals + 1).trim();
    if (equals < 0 || !tagKey.test(key) || !tagValue.test(value)) {
      throw new ConfigError(`${where} has session_tags entry "${pair}", which is not Key=Value`, {
        hint: "Write session_tags = Key1=Value1,Key2=Value2 (keys up to 128 characters, values up to 256)",
      });
    }
    return { key, value };
  });
  const seen = new Set<string>();
  for (const { key } of tags) {
    // STS compares tag keys case-insensitively.
    if (seen.has(key.toLowerCase())) {
      throw new ConfigError(`${where} sets session tag "${key}" twice`, {
        hint: "Keep one entry per tag key (keys are case-insensitive)",
      });
    }
    seen.add(key.toLowerCase());
  }
  if (tags.length > maxTags) {
    throw new ConfigError(
      `${where} has ${String(tags.length)} session tags; STS allows ${String(maxTags)}`,
    );
  }
  return tags;
}

function splitList(text: string): string[] {
  return text
    .split(",")
    .map((item) => item.trim())
    .filter((item) => item !== "");
}
