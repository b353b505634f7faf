// Named imports: a default import of node:path is copied property by property in the hot path's
// CommonJS bundle.
import { posix, win32 } from "node:path";
import type { Environment, PlatformFacts } from "../ports/environment.js";

/** Where awsafe keeps its own files. */
export interface AwsafePaths {
  /** awsafe's settings, JSON (`{"backend": "file"}`). */
  readonly configFile: string;
  /** awsafe's data: the encrypted-file store `store.age` and its lock. */
  readonly dataDir: string;
  /** What awsafe can make again from other files (`list`'s table): deleting it loses nothing. */
  readonly cacheDir: string;
  /** The user's home, for defaults such as pass's `~/.password-store`. */
  readonly homeDir: string;
}

/**
 * `AWSAFE_HOME` holds them all when set (the cache in its `cache` folder); otherwise the XDG
 * base directories: `$XDG_CONFIG_HOME/awsafe/config.json` (default `~/.config`),
 * `$XDG_DATA_HOME/awsafe` (default `~/.local/share`) and `$XDG_CACHE_HOME/awsafe` (default
 * `~/.cache`); on Windows `%APPDATA%` and `%LOCALAPPDATA%` take their place, the cache in
 * `%LOCALAPPDATA%\awsafe\cache`. Relative XDG paths are ignored, as the XDG spec says.
 */
export function locateAwsafePaths(env: Environment, facts: PlatformFacts): AwsafePaths {
  const paths = facts.platform === "win32" ? win32 : posix;
  const join = (...parts: string[]): string => paths.join(...parts);
  const homeDir = nonEmpty(env.HOME) ?? facts.homedir();
  const awsafeHome = nonEmpty(env.AWSAFE_HOME);
  if (awsafeHome !== undefined) {
    return {
      configFile: join(awsafeHome, "config.json"),
      dataDir: awsafeHome,
      cacheDir: join(awsafeHome, "cache"),
      homeDir,
    };
  }
  const windows = facts.platform === "win32";
  const configBase =
    absolute(env.XDG_CONFIG_HOME) ??
    (windows ? absolute(env.APPDATA) : undefined) ??
    join(homeDir, ".config");
  const dataBase =
    absolute(env.XDG_DATA_HOME) ??
    (windows ? absolute(env.LOCALAPPDATA) : undefined) ??
    join(homeDir, ".local", "share");
  const cacheBase = absolute(env.XDG_CACHE_HOME);
  const cacheDir =
    cacheBase !== undefined
      ? join(cacheBase, "awsafe")
      : windows
        ? join(dataBase, "awsafe", "cache")
        : join(homeDir, ".cache", "awsafe");
  return {
    configFile: join(configBase, "awsafe", "config.json"),
    dataDir: join(dataBase, "awsafe"),
    cacheDir,
    homeDir,
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === "" ? undefined : value;
}

function absolute(value: string | undefined): string | undefined {
  const found = nonEmpty(value);
  return found !== undefined && (posix.isAbsolute(found) || win32.isAbsolute(found))
    ? found
    : undefined;
}
