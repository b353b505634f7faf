import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { repoRoot } from "./conformance.js";

const cli = join(repoRoot, "dist/cli.cjs");

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

/** Runs the built CLI (`npm run build` first) with a clean environment and the given HOME. */
export function runAwsafe(
  args: readonly string[],
  home: string,
  env: Record<string, string> = {},
): CliRun {
  if (!existsSync(cli))
    throw new Error("dist/cli.cjs is missing: run `npm run build` before these tests");
  const result = spawnSync(process.execPath, [cli, ...args], {
    env: { PATH: process.env.PATH ?? "", HOME: home, ...env },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
