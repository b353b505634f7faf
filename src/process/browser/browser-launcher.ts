import { chmodSync, mkdirSync } from "node:fs";
import path from "node:path";
import { StoreError, UsageError } from "../../errors.js";
import {
  type BrowserChoice,
  type BrowserLauncher,
  chromiumFamily,
  type PreparedBrowser,
} from "../../ports/browser.js";
import type { Environment } from "../../ports/environment.js";
import { childEnvironment } from "../child-environment.js";
import { findBrowser } from "./find-browser.js";
import { grantedContainersInstalled, grantedContainerUrl } from "./firefox-containers.js";
import { launchDetached } from "./launch-detached.js";
import { openSystemBrowser } from "./system-browser.js";

/** What the launcher needs of the machine. */
export interface BrowserLauncherOptions {
  readonly env: Environment;
  readonly platform: NodeJS.Platform;
  /** awsafe's data directory: isolated profiles live in `<dataDir>/browsers/<browser>/`. */
  readonly dataDir: string;
}

/**
 * The {@link BrowserLauncher}: isolated launches start the browser's own program (found on PATH
 * or where its installer puts it) with a profile of awsafe's; the default browser goes through
 * `$BROWSER` or the `open` package. Every browser gets awsafe's environment without its secrets
 * and without AWS credentials, and only ever the one-time loopback address.
 */
export function createBrowserLauncher(options: BrowserLauncherOptions): BrowserLauncher {
  const childEnv = childEnvironment(options.env, "drop-aws-credentials");
  return {
    prepare: (choice) => Promise.resolve(prepare(choice, options, childEnv)),
  };
}

function prepare(
  choice: BrowserChoice,
  options: BrowserLauncherOptions,
  childEnv: Readonly<Record<string, string>>,
): PreparedBrowser {
  const { browser } = choice;
  if (browser === "default") {
    return {
      description: "the default browser",
      isolation: "shared",
      profileDirectory: undefined,
      open: (address) => openSystemBrowser(address, options.env, childEnv, options.platform),
    };
  }
  if (browser === "safari") return safari(options.platform, childEnv);
  const program = findBrowser(browser, options.platform, options.env);
  const description = `${browser} (${program})`;
  const launch = (args: readonly string[]) => launchDetached(program, args, childEnv, description);
  if (!choice.isolate) {
    const newWindow = chromiumFamily.has(browser) ? ["--new-window"] : ["--new-tab"];
    return {
      description,
      isolation: "shared",
      profileDirectory: undefined,
      open: (address) => launch([...newWindow, address]),
    };
  }
  if (browser === "firefox" && grantedContainersInstalled(options.platform, options.env)) {
    return {
      description: `${description}, container "${choice.profile}" (Granted Containers)`,
      isolation: "firefox-container",
      profileDirectory: undefined,
      open: (address) => launch(["--new-tab", grantedContainerUrl(choice.profile, address)]),
    };
  }
  // Awsafe's own profiles browse privately (Chromium's incognito, Firefox's private window): the
  // login URL, with its token, is part of the redirect chain a browser writes to its history.
  const directory = profileDirectory(options.dataDir, browser, choice.profile);
  if (browser === "firefox") {
    return {
      description: `${description}, profile directory ${directory}`,
      isolation: "firefox-profile",
      profileDirectory: directory,
      open: (address) => {
        makePrivateDirectory(directory);
        return launch(["--profile", directory, "--private-window", address]);
      },
    };
  }
  return {
    description: `${description}, user-data dir ${directory}`,
    isolation: "user-data-dir",
    profileDirectory: directory,
    open: (address) => {
      makePrivateDirectory(directory);
      return launch([
        `--user-data-dir=${directory}`,
        "--no-first-run",
        "--no-default-browser-check",
        "--incognito",
        address,
      ]);
    },
  };
}

function safari(
  platform: NodeJS.Platform,
  childEnv: Readonly<Record<string, string>>,
): PreparedBrowser {
  if (platform !== "darwin") {
    throw new UsageError("--browser safari: Safari runs only on macOS", {
      hint: "Choose another browser with --browser, or print the login URL with --stdout",
    });
  }
  return {
    description: "Safari",
    isolation: "shared",
    profileDirectory: undefined,
    open: (address) =>
      launchDetached("/usr/bin/open", ["-a", "Safari", address], childEnv, "Safari"),
  };
}

/**
 * `<dataDir>/browsers/<browser>/<profile>`, the profile name escaped so any name is one plain
 * directory name (`/`, `.`, `:` and the rest become `%XX`; never `..`).
 */
export function profileDirectory(dataDir: string, browser: string, profile: string): string {
  const escaped = [...Buffer.from(profile, "utf8")]
    .map((byte) => {
      const char = String.fromCharCode(byte);
      return /[A-Za-z0-9_-]/.test(char)
        ? char
        : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
    })
    .join("");
  return path.join(dataDir, "browsers", browser, escaped);
}

/** The directory and the two above it under the data dir, 0700: a browser profile holds cookies. */
function makePrivateDirectory(directory: string): void {
  try {
    mkdirSync(directory, { recursive: true, mode: 0o700 });
    for (const dir of [directory, path.dirname(directory), path.dirname(path.dirname(directory))]) {
      chmodSync(dir, 0o700);
    }
  } catch (error) {
    throw new StoreError(`Cannot make the browser profile directory ${directory}`, {
      hint: "Check the permissions of awsafe's data directory (AWSAFE_HOME or XDG_DATA_HOME)",
      cause: error,
    });
  }
}
