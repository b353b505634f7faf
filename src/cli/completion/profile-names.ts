import { readFileSync } from "node:fs";
import { locateSharedConfig } from "../../config/locate-shared-config.js";
import { parseSharedConfig } from "../../config/parse-shared-config.js";
import type { Environment, PlatformFacts } from "../../ports/environment.js";

/**
 * The profile names of the shared files, for a TAB: read without prompting, opening a store or
 * calling AWS, and a file that cannot be read or parsed gives no names rather than an error (a
 * TAB must never print one).
 */
export function profileNames(env: Environment, platform: PlatformFacts): readonly string[] {
  try {
    const paths = locateSharedConfig(env, platform);
    const read = (path: string) => {
      try {
        return { path, text: readFileSync(path, "utf8") };
      } catch {
        return undefined;
      }
    };
    const { data } = parseSharedConfig({
      config: read(paths.configFile),
      credentials: read(paths.credentialsFile),
    });
    return [...data.profiles.keys()].sort();
  } catch {
    return [];
  }
}
