import {
  execEnvironment,
  refuseNestedExec,
  serverExecEnvironment,
} from "../../app/credentials/exec-environment.js";

import { UsageError } from "../../errors.js";
import { runChild } from "../../process/run-child.js";
import type { CommandRun } from "../command-table.js";
import { flag, positional } from "../command-input.js";
import type { CliIo } from "../io.js";
import { obtainCredentials } from "../../runtime/obtain-credentials.js";
import { serveResolved } from "../../runtime/serve-credentials.js";

/**
 * `awsafe exec <profile> [options] -- <command> [args...]`: runs the command with temporary
 * credentials in a clean environment (the user's `$SHELL` when no command is given) and returns
 * its exit code, or 128 + signal. With `--server` the command gets no keys but a loopback
 * credential endpoint that refreshes them, which lives as long as the command.
 */
export const run: CommandRun = async (input, io) => {
  const profile = positional(input, 0);
  if (profile === undefined) throw new UsageError("exec needs a profile name");
  refuseNestedExec(io.env);
  const [program, ...args] = commandWords(input.positionals[1], io.env.SHELL);
  const resolved = await obtainCredentials(io, input, profile);
  if (!flag(input, "server")) return runChild(program, args, execEnvironment(io.env, resolved));
  const served = await serveResolved(io, input, resolved, {
    // The child owns the terminal: only a failed refresh is worth interrupting it for.
    log: () => undefined,
    warn: (line) => {
      warn(io, line);
    },
  });
  try {
    return await runChild(program, args, serverExecEnvironment(io.env, resolved, served));
  } finally {
    await served.stop();
  }
};

function warn(io: CliIo, line: string): void {
  io.stderr.write(`awsafe exec: ${line}\n`);
}

function commandWords(value: unknown, shell: string | undefined): [string, ...string[]] {
  const words = Array.isArray(value) ? value.filter((word) => typeof word === "string") : [];
  const [program, ...args] = words;
  if (program !== undefined) return [program, ...args];
  return [shell === undefined || shell === "" ? "/bin/sh" : shell];
}
