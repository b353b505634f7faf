import { execFile } from "node:child_process";
import type { Environment } from "../ports/environment.js";
import { childEnvironment } from "./child-environment.js";

/**
 * What `program args...` prints (stdout then stderr: the AWS CLI v1 prints its version on
 * stderr), run without a shell within `timeoutMs`, in `env` less awsafe's secrets and the AWS
 * credentials (it has no use for them); `undefined` when it is not installed, fails or takes too
 * long.
 */
export function programOutput(
  program: string,
  args: readonly string[],
  env: Environment,
  timeoutMs = 10_000,
): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile(
      program,
      [...args],
      {
        env: childEnvironment(env, "drop-aws-credentials"),
        timeout: timeoutMs,
        maxBuffer: 64 * 1024,
        windowsHide: true,
      },
      (error, stdout, stderr) => {
        resolve(error === null ? `${stdout}${stderr}` : undefined);
      },
    );
  });
}
