import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { splitCommand } from "../config/split-command.js";
import { AppError } from "../errors.js";
import {
  awsCredentialVariables,
  awsafeSecretVariables,
  type Environment,
} from "../ports/environment.js";
import { childEnvironment } from "../process/child-environment.js";
import type { OpenBrowser } from "../ports/sso-sign-in.js";

/** How long a launcher may take to fail before the browser counts as opened. */
const launchGraceMs = 1500;

/**
 * Opens URLs the way the person asked: `$BROWSER` first (a list of commands separated like
 * PATH, each with `%s` for the URL or the URL appended, as Python's `webbrowser` reads it, which
 * the AWS CLI uses), else the platform's opener through the `open` package (`xdg-open`, macOS
 * `open`, Windows' shell; under WSL the Windows browser). The launcher runs without a shell, in
 * the background, and is not waited for; one that fails at once (not found, non-zero exit)
 * makes the next one be tried, and when none opens the caller prints the URL.
 */
export function browserOpener(env: Environment, platform: NodeJS.Platform): OpenBrowser {
  return async (url) => {
    const browsers = (env.BROWSER ?? "")
      .split(platform === "win32" ? ";" : path.delimiter)
      .map((entry) => entry.trim())
      .filter((entry) => entry !== "");
    for (const entry of browsers) {
      const words = commandWords(entry);
      if (words === undefined) continue;
      const args = words.slice(1);
      const withUrl = args.some((word) => word.includes("%s"))
        ? args.map((word) => word.replaceAll("%s", url))
        : [...args, url];
      const [program] = words;
      if (await launched(() => spawn(program, withUrl, detached(env)))) return true;
    }
    if (browsers.length > 0) return false;
    try {
      const { default: open } = await import("open");
      const child = await withoutSecretsInProcessEnv(() => open(url, { wait: false }));
      return await launched(() => undefined, child);
    } catch {
      return false;
    }
  };
}

function commandWords(entry: string): [string, ...string[]] | undefined {
  try {
    return splitCommand(entry, "BROWSER");
  } catch (error) {
    if (error instanceof AppError) return undefined;
    throw error;
  }
}

function detached(env: Environment) {
  return {
    detached: true,
    stdio: "ignore" as const,
    env: childEnvironment(env, "drop-aws-credentials"),
  };
}

/**
 * The `open` package spawns its launcher with `process.env` and takes no environment: awsafe's
 * secret variables are taken out of it while it starts, and put back at once.
 */
async function withoutSecretsInProcessEnv<T>(work: () => Promise<T>): Promise<T> {
  const saved = new Map<string, string>();
  for (const name of [...awsafeSecretVariables, ...awsCredentialVariables]) {
    const value = process.env[name];
    if (value === undefined) continue;
    saved.set(name, value);
    Reflect.deleteProperty(process.env, name);
  }
  try {
    return await work();
  } finally {
    for (const [name, value] of saved) process.env[name] = value;
  }
}

/** Whether a launcher got going: it did not fail to start, nor exit non-zero, within the grace time. */
function launched(start: () => ChildProcess | undefined, started?: ChildProcess): Promise<boolean> {
  let child: ChildProcess | undefined;
  try {
    child = started ?? start();
  } catch {
    return Promise.resolve(false);
  }
  if (child === undefined) return Promise.resolve(false);
  const running = child;
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      running.unref();
      resolve(true);
    }, launchGraceMs);
    running.once("error", () => {
      clearTimeout(timer);
      resolve(false);
    });
    running.once("exit", (code) => {
      clearTimeout(timer);
      resolve(code === 0);
    });
  });
}
