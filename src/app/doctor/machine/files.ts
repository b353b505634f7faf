import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import type { AppContext } from "../../app-context.js";

/** The text of a file; `undefined` when it does not exist or cannot be read. */
export async function readIfPresent(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, "utf8");
  } catch {
    return undefined;
  }
}

/** A file's permission bits and kind; `undefined` when it does not exist. */
export async function modeOf(
  file: string,
): Promise<{ readonly mode: number; readonly directory: boolean } | undefined> {
  try {
    const found = await stat(file);
    return { mode: found.mode & 0o777, directory: found.isDirectory() };
  } catch {
    return undefined;
  }
}

/** The `.json` files directly in `dir` (none when it does not exist). */
export async function jsonFilesIn(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir))
      .filter((name) => name.endsWith(".json"))
      .map((name) => path.join(dir, name));
  } catch {
    return [];
  }
}

/** The user's home directory, as the AWS tools find it. */
export function homeOf(context: AppContext): string {
  const home = context.env.HOME;
  return home === undefined || home === "" ? context.platform.homedir() : home;
}
