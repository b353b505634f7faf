import type { ChildProcess } from "node:child_process";
import { StoreError } from "../../errors.js";
import type { OpenedBrowser } from "../../ports/browser.js";

/**
 * Starts `program` without a shell, in a process group of its own (so it outlives awsafe and a
 * Ctrl-C in the terminal does not reach it), with stdin, stdout and stderr on /dev/null: a
 * browser's chatter is not awsafe's output, and a pipe would tie the two together. `env` is the
 * child's whole environment (see `child-environment.ts`).
 *
 * @throws StoreError when it cannot be started (not found, not executable).
 */
export async function launchDetached(
  program: string,
  args: readonly string[],
  env: Readonly<Record<string, string>>,
  what: string,
): Promise<OpenedBrowser> {
  const { spawn } = await import("node:child_process");
  const child = spawn(program, args, { env, detached: true, stdio: "ignore" });
  await new Promise<void>((resolve, reject) => {
    child.once("spawn", resolve);
    child.once("error", (error) => {
      reject(
        new StoreError(`Cannot start ${what}: ${errorCode(error)}`, {
          hint: "Check the browser's installation, choose another with --browser, or print the login URL with --stdout",
          cause: error,
        }),
      );
    });
  });
  return watchExit(child, what);
}

/**
 * Watches a started launcher or browser for a failed exit (a non-zero status or a signal) while
 * awsafe waits for it to open the address.
 */
export function watchExit(child: ChildProcess, what: string): OpenedBrowser {
  const failed = new Promise<StoreError>((resolve) => {
    child.once("exit", (code, signal) => {
      if (code === 0) return;
      const how = signal === null ? `with status ${String(code)}` : `on signal ${signal}`;
      resolve(
        new StoreError(`${what} exited ${how} before it opened the console`, {
          hint: "Run it by hand to see why, choose another with --browser, or print the login URL with --stdout",
        }),
      );
    });
  });
  return {
    failed,
    release: () => {
      child.removeAllListeners("exit");
      child.unref();
    },
  };
}

function errorCode(error: Error): string {
  return "code" in error && typeof error.code === "string" ? error.code : error.name;
}
