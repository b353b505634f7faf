import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { assertAwsafeBuilt, awsafeArgv } from "./awsafe-command.js";

/** What a run of the built CLI printed and how it ended. */
export interface CliRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** A throwaway HOME with `~/.aws/config` and `~/.aws/credentials` as given. */
export function makeHome(files: { config?: string; credentials?: string } = {}): string {
  const home = mkdtempSync(join(tmpdir(), "awsafe-home-"));
  mkdirSync(join(home, ".aws"), { mode: 0o700 });
  if (files.config !== undefined) writeFileSync(join(home, ".aws/config"), files.config);
  if (files.credentials !== undefined)
    writeFileSync(join(home, ".aws/credentials"), files.credentials);
  return home;
}

/**
 * Runs the built CLI (`npm run build` first, or the single executable: see awsafe-command.ts)
 * with a clean environment and the given HOME; `cwd` is the working directory, this process's
 * when not given. An agent a run starts exits after a minute idle rather than the hour users
 * get (`env` may say otherwise): a throwaway HOME's agent does not outlive the test run.
 */
export function runAwsafe(
  args: readonly string[],
  home: string,
  env: Record<string, string> = {},
  cwd?: string,
): CliRun {
  assertAwsafeBuilt();
  const command = awsafeArgv(args);
  const result = spawnSync(command.program, command.args, {
    ...(cwd === undefined ? {} : { cwd }),
    env: { PATH: process.env.PATH ?? "", HOME: home, AWSAFE_AGENT_IDLE_SECONDS: "60", ...env },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    maxBuffer: 256 * 1024 * 1024,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
