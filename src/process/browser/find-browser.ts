import { accessSync, constants, statSync } from "node:fs";
import path from "node:path";
import { StoreError } from "../../errors.js";
import type { BrowserName } from "../../ports/browser.js";
import type { Environment } from "../../ports/environment.js";

/** Where a browser's program may be: a command looked up on PATH, or a fixed file. */
export interface BrowserCandidates {
  readonly commands: readonly string[];
  readonly files: readonly string[];
}

/**
 * Where each browser's program is installed on `platform` by its usual packages (Debian and
 * vendor packages, the macOS app bundles, the Windows installers per machine and per user).
 */
export function browserCandidates(
  browser: Exclude<BrowserName, "default" | "safari">,
  platform: NodeJS.Platform,
  env: Environment,
): BrowserCandidates {
  if (platform === "darwin") return { commands: [], files: macApp(browser, env.HOME) };
  if (platform === "win32") {
    return { commands: [windowsExe[browser]], files: windowsFiles(browser, env) };
  }
  return { commands: linuxCommands[browser], files: [] };
}

/**
 * The first candidate that is an executable file: each command in every PATH directory (with
 * PATHEXT's extensions on Windows), then the fixed files.
 *
 * @throws StoreError naming everything looked for, with the `--stdout` hint.
 */
export function findBrowser(
  browser: Exclude<BrowserName, "default" | "safari">,
  platform: NodeJS.Platform,
  env: Environment,
): string {
  const candidates = browserCandidates(browser, platform, env);
  const found =
    onPath(candidates.commands, platform, env) ?? candidates.files.find((file) => runnable(file));
  if (found !== undefined) return found;
  const looked = [
    ...candidates.commands.map((command) => `${command} on PATH`),
    ...candidates.files,
  ];
  throw new StoreError(`Cannot find ${browser}: looked for ${looked.join(", ")}`, {
    hint: "Install it, choose another with --browser (or AWSAFE_BROWSER), or print the login URL with --stdout and open it yourself",
  });
}

const linuxCommands: Readonly<Record<Exclude<BrowserName, "default" | "safari">, string[]>> = {
  firefox: ["firefox", "firefox-esr"],
  chrome: ["google-chrome", "google-chrome-stable"],
  chromium: ["chromium", "chromium-browser"],
  brave: ["brave-browser", "brave"],
  edge: ["microsoft-edge", "microsoft-edge-stable"],
  vivaldi: ["vivaldi", "vivaldi-stable"],
};

const macBundles: Readonly<Record<Exclude<BrowserName, "default" | "safari">, string>> = {
  firefox: "Firefox.app/Contents/MacOS/firefox",
  chrome: "Google Chrome.app/Contents/MacOS/Google Chrome",
  chromium: "Chromium.app/Contents/MacOS/Chromium",
  brave: "Brave Browser.app/Contents/MacOS/Brave Browser",
  edge: "Microsoft Edge.app/Contents/MacOS/Microsoft Edge",
  vivaldi: "Vivaldi.app/Contents/MacOS/Vivaldi",
};

function macApp(browser: Exclude<BrowserName, "default" | "safari">, home: string | undefined) {
  const bundle = macBundles[browser];
  const system = path.posix.join("/Applications", bundle);
  return home === undefined || home === ""
    ? [system]
    : [system, path.posix.join(home, "Applications", bundle)];
}

const windowsExe: Readonly<Record<Exclude<BrowserName, "default" | "safari">, string>> = {
  firefox: "firefox.exe",
  chrome: "chrome.exe",
  chromium: "chromium.exe",
  brave: "brave.exe",
  edge: "msedge.exe",
  vivaldi: "vivaldi.exe",
};

const windowsDirs: Readonly<Record<Exclude<BrowserName, "default" | "safari">, string>> = {
  firefox: "Mozilla Firefox",
  chrome: "Google\\Chrome\\Application",
  chromium: "Chromium\\Application",
  brave: "BraveSoftware\\Brave-Browser\\Application",
  edge: "Microsoft\\Edge\\Application",
  vivaldi: "Vivaldi\\Application",
};

function windowsFiles(
  browser: Exclude<BrowserName, "default" | "safari">,
  env: Environment,
): string[] {
  const exe = browser === "chromium" ? "chrome.exe" : windowsExe[browser];
  const roots = [env.ProgramFiles, env["ProgramFiles(x86)"], env.LOCALAPPDATA];
  return roots
    .filter((root): root is string => root !== undefined && root !== "")
    .map((root) => path.win32.join(root, windowsDirs[browser], exe));
}

function onPath(
  commands: readonly string[],
  platform: NodeJS.Platform,
  env: Environment,
): string | undefined {
  const paths = platform === "win32" ? path.win32 : path.posix;
  const dirs = (env.PATH ?? env.Path ?? "").split(paths.delimiter).filter((dir) => dir !== "");
  const extensions =
    platform === "win32" ? ["", ...(env.PATHEXT ?? ".EXE").split(";").filter(Boolean)] : [""];
  for (const command of commands) {
    for (const dir of dirs) {
      for (const extension of extensions) {
        const file = paths.join(dir, command + extension);
        if (runnable(file)) return file;
      }
    }
  }
  return undefined;
}

function runnable(file: string): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
