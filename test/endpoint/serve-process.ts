import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import { awsafeArgv } from "../support/awsafe-command.js";
import type { AwsafeWorld } from "../engine/awsafe-world.js";

/** A running `awsafe serve`. */
export interface ServeProcess {
  /** The `export NAME=value` lines it printed, as a map. */
  readonly exports: Record<string, string>;
  readonly port: number;
  /** What it wrote to stderr so far. */
  stderr(): string;
  /** Sends `signal` and resolves with how the process ended. */
  stop(signal: NodeJS.Signals): Promise<{ status: number | null; signal: string | null }>;
}

/**
 * Starts `awsafe serve <args>` in `world` and resolves once it has printed its export lines
 * (it listens before it prints). Its stdout and stderr join `world.captured` when it ends, for
 * the secret scan; a test must `stop()` it (a failed start kills it here).
 */
export async function startServe(
  world: AwsafeWorld,
  args: readonly string[],
  wanted: readonly string[] = ["AWS_CONTAINER_AUTHORIZATION_TOKEN"],
): Promise<ServeProcess> {
  const command = awsafeArgv(["serve", ...args]);
  const child = spawn(command.program, command.args, {
    env: world.env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const ended = new Promise<{ status: number | null; signal: string | null }>((resolve) => {
    child.on("exit", (status, signal) => {
      world.captured.push(stdout, stderr);
      resolve({ status, signal });
    });
  });
  const exports = await readExports(child, wanted, (line) => {
    stdout += `${line}\n`;
  }).catch(async (error: unknown) => {
    child.kill("SIGKILL");
    await ended;
    throw new Error(`awsafe serve did not start: ${String(error)}\n${stderr}`);
  });
  const url = exports.AWS_CONTAINER_CREDENTIALS_FULL_URI ?? "";
  return {
    exports,
    port: Number(new URL(url).port),
    stderr: () => stderr,
    stop: (signal) => {
      child.kill(signal);
      return ended;
    },
  };
}

function readExports(
  child: ChildProcess,
  wanted: readonly string[],
  record: (line: string) => void,
): Promise<Record<string, string>> {
  return new Promise((resolve, reject) => {
    const exports: Record<string, string> = {};
    const stdout = child.stdout;
    if (stdout === null) throw new Error("no stdout");
    const lines = createInterface({ input: stdout });
    lines.on("line", (line) => {
      record(line);
      const match = /^export ([A-Z0-9_]+)=(.*)$/.exec(line);
      if (match?.[1] !== undefined && match[2] !== undefined) exports[match[1]] = match[2];
      if (wanted.every((name) => name in exports)) resolve(exports);
    });
    child.on("exit", (code) => {
      reject(new Error(`exited ${String(code)} before printing ${wanted.join(", ")}`));
    });
  });
}
