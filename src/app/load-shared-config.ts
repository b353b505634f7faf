import { locateSharedConfig, type SharedConfigPaths } from "../config/locate-shared-config.js";
import type { ParseOptions, SharedConfig } from "../config/parse-shared-config.js";
import { readSharedConfig } from "../config/read-shared-config.js";
import type { AppContext } from "./app-context.js";

/** The shared files of this context: where they are and what they say. */
export interface LoadedSharedConfig extends SharedConfig {
  readonly paths: SharedConfigPaths;
}

/** Locates and reads `~/.aws/config` and `~/.aws/credentials` (or their overrides). */
export async function loadSharedConfig(
  context: AppContext,
  options: ParseOptions = {},
): Promise<LoadedSharedConfig> {
  const paths = locateSharedConfig(context.env, context.platform);
  context.debug?.(`reading ${paths.configFile} and ${paths.credentialsFile}`);
  return { ...(await readSharedConfig(paths, options)), paths };
}
