import { readFileSync } from "node:fs";
import path from "node:path";
import type { Environment } from "../../ports/environment.js";

/**
 * The add-on id of Granted Containers on addons.mozilla.org (common-fate/granted-containers,
 * `dist/.web-extension-id`): the extension that handles `ext+granted-containers:` URLs.
 */
export const grantedContainersId = "{b2568b5f-4d45-421c-bac0-88ca342573b9}";

/**
 * The `ext+granted-containers:` URL that opens `address` in the Firefox container named after
 * the profile (created on first use). Granted Containers reads it with `URLSearchParams`, so both
 * values are percent-encoded: the address holds `&` and `=` of its own in general, and a profile
 * name may hold `&` or `+` (granted itself leaves the name unencoded).
 */
export function grantedContainerUrl(profile: string, address: string): string {
  return `ext+granted-containers:name=${encodeURIComponent(profile)}&url=${encodeURIComponent(address)}`;
}

/**
 * Whether Granted Containers is installed and enabled in the Firefox profile that `firefox`
 * opens by default: that profile is the `Default=` of an `[Install…]` section of `profiles.ini`
 * (Firefox 67 and later), else the `[Profile…]` marked `Default=1`; its `extensions.json` lists
 * the add-ons, each with its id and whether it is active. Any file that cannot be read or parsed
 * counts as "not installed", which falls back to a Firefox profile of awsafe's own.
 */
export function grantedContainersInstalled(platform: NodeJS.Platform, env: Environment): boolean {
  return firefoxRoots(platform, env).some((root) =>
    defaultProfiles(root, platform).some((profile) => hasActiveExtension(profile)),
  );
}

/** The folders that may hold Firefox's `profiles.ini` on `platform`. */
export function firefoxRoots(platform: NodeJS.Platform, env: Environment): string[] {
  const home = env.HOME ?? env.USERPROFILE ?? "";
  if (platform === "darwin") return [path.posix.join(home, "Library/Application Support/Firefox")];
  if (platform === "win32") {
    return env.APPDATA === undefined ? [] : [path.win32.join(env.APPDATA, "Mozilla\\Firefox")];
  }
  return [
    path.posix.join(home, ".mozilla/firefox"),
    path.posix.join(home, "snap/firefox/common/.mozilla/firefox"),
    path.posix.join(home, ".var/app/org.mozilla.firefox/.mozilla/firefox"),
  ];
}

function defaultProfiles(root: string, platform: NodeJS.Platform): string[] {
  const paths = platform === "win32" ? path.win32 : path.posix;
  let text: string;
  try {
    text = readFileSync(paths.join(root, "profiles.ini"), "utf8");
  } catch {
    return [];
  }
  const sections = iniSections(text);
  const installs = sections
    .filter(({ name }) => name.startsWith("Install"))
    .flatMap(({ keys }) => (keys.Default === undefined ? [] : [keys.Default]))
    .map((relative) => paths.resolve(root, relative));
  const marked = sections
    .filter(({ name, keys }) => name.startsWith("Profile") && keys.Default === "1")
    .flatMap(({ keys }) =>
      keys.Path === undefined
        ? []
        : [keys.IsRelative === "0" ? keys.Path : paths.resolve(root, keys.Path)],
    );
  return [...installs, ...marked];
}

interface IniSection {
  readonly name: string;
  readonly keys: Readonly<Record<string, string>>;
}

function iniSections(text: string): IniSection[] {
  const sections: { name: string; keys: Record<string, string> }[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    const header = /^\[(.+)\]$/.exec(line);
    if (header !== null) {
      sections.push({ name: header[1] ?? "", keys: Object.create(null) as Record<string, string> });
      continue;
    }
    const equals = line.indexOf("=");
    const section = sections.at(-1);
    if (equals > 0 && section !== undefined) {
      section.keys[line.slice(0, equals).trim()] = line.slice(equals + 1).trim();
    }
  }
  return sections;
}

function hasActiveExtension(profileDir: string): boolean {
  try {
    const parsed: unknown = JSON.parse(
      readFileSync(path.join(profileDir, "extensions.json"), "utf8"),
    );
    if (typeof parsed !== "object" || parsed === null || !("addons" in parsed)) return false;
    const addons: unknown = parsed.addons;
    return (
      Array.isArray(addons) &&
      addons.some(
        (addon: unknown) =>
          typeof addon === "object" &&
          addon !== null &&
          "id" in addon &&
          addon.id === grantedContainersId &&
          "active" in addon &&
          addon.active === true,
      )
    );
  } catch {
    return false;
  }
}
