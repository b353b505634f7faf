import path from "node:path";
import { splitCommand } from "../../config/split-command.js";
import { StoreError } from "../../errors.js";
import type { OpenedBrowser } from "../../ports/browser.js";
import type { Environment } from "../../ports/environment.js";
import { launchDetached, watchExit } from "./launch-detached.js";

/**
 * Opens `address` in the user's default browser: `$BROWSER` first (as the AWS CLI and Python's
 * `webbrowser` read it: commands separated by the PATH delimiter, `%s` standing for the URL, else
 * the URL appended; the first one that starts is used), else the `open` package, which knows
 * each platform's way (xdg-open, macOS `open`, PowerShell's `Start-Process` on Windows and WSL).
 *
 * `open` starts its launcher in awsafe's own environment, so `process.env` is made `childEnv`
 * (no store passphrase, no AWS credentials) while it starts, and put back at once: `childEnv` is
 * what the launcher, and the browser after it, may see.
 *
 * @throws StoreError when no `$BROWSER` command can be started, or `open`'s launcher cannot.
 */
export async function openSystemBrowser(
  address: string,
  env: Environment,
  childEnv: Readonly<Record<string, string>>,
  platform: NodeJS.Platform,
): Promise<OpenedBrowser> {
  const browserVariable = env.BROWSER;
  if (browserVariable !== undefined && browserVariable.trim() !== "") {
    return openFromVariable(address, browserVariable, childEnv, platform);
  }
  const { default: open } = await import("open");
  try {
    const child = await withProcessEnvironment(childEnv, () => open(address));
    return watchExit(child, "the default browser's launcher");
  } catch (error) {
    throw new StoreError("Cannot start the default browser", {
      hint: "Install xdg-utils (Linux), set BROWSER, name a browser with --browser, or print the login URL with --stdout",
      cause: error,
    });
  }
}

async function openFromVariable(
  address: string,
  variable: string,
  childEnv: Readonly<Record<string, string>>,
  platform: NodeJS.Platform,
): Promise<OpenedBrowser> {
  const delimiter = platform === "win32" ? path.win32.delimiter : path.posix.delimiter;
  const entries = variable.split(delimiter).filter((entry) => entry.trim() !== "");
  const tried: string[] = [];
  for (const entry of entries) {
    const words = splitCommand(entry, "BROWSER");
    const withAddress = words.some((word) => word.includes("%s"))
      ? words.map((word) => word.replaceAll("%s", address))
      : [...words, address];
    const [program, ...args] = withAddress;
    if (program === undefined) continue;
    tried.push(program);
    try {
      return await launchDetached(program, args, childEnv, `${program} (from BROWSER)`);
    } catch {
      // Not there or not runnable: the next entry, as webbrowser does.
    }
  }
  throw new StoreError(`None of the commands in BROWSER could be started (${tried.join(", ")})`, {
    hint: "Fix or unset BROWSER, name a browser with --browser, or print the login URL with --stdout",
  });
}

async function withProcessEnvironment<T>(
  childEnv: Readonly<Record<string, string>>,
  work: () => Promise<T>,
): Promise<T> {
  const saved = { ...process.env };
  for (const name of Object.keys(process.env)) {
    if (!(name in childEnv)) Reflect.deleteProperty(process.env, name);
  }
  try {
    return await work();
  } finally {
    for (const [name, value] of Object.entries(saved)) process.env[name] = value;
  }
}
