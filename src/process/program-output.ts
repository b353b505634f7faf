import { execFile } from "node:child_process";

/**
 * What `program args...` prints (stdout then stderr: the AWS CLI v1 prints its version on
 * stderr), run without a shell within `timeoutMs`; `undefined` when it is not installed, fails
 * or takes too long.
 */
export function programOutput(
  program: string,
  args: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  timeoutMs = 10_000,
): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile(
      program,
      [...args],
      { env, timeout: timeoutMs, maxBuffer: 64 * 1024, windowsHide: true },
      (error, stdout, stderr) => {
        resolve(error === null ? `${stdout}${stderr}` : undefined);
      },
    );
  });
}
