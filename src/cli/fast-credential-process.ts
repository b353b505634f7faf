import { homedir } from "node:os";
import { ttyPrompter } from "../prompt/tty-prompter.js";
import type { CommandInput } from "./command-table.js";
import { providerOptions } from "./credential-input.js";
import { formatCredentials } from "./format/format-credentials.js";
import { fdOutput } from "./fd-output.js";
import type { CliIo } from "./io.js";
import { reportError } from "./report-error.js";
import { selfCommand } from "../runtime/self-command.js";
import { viaAgent } from "../runtime/ask-agent.js";

/**
 * The hot path: `awsafe credential-process <profile>`, which the AWS CLI and SDKs run before
 * every call, answered by the running agent. Bundled on its own into one file so
 * that it loads one module instead of the command parser and a dozen chunks. Returns the exit
 * code, or `undefined` when the agent cannot answer here (none runs, the store needs a
 * passphrase typed, ...): the caller then runs the full CLI, which handles every other case.
 */
export async function fastCredentialProcess(profile: string): Promise<number | undefined> {
  const io: CliIo = {
    env: process.env,
    platform: { platform: process.platform, homedir },
    stdout: fdOutput(1, () => process.stdout),
    stderr: fdOutput(2, () => process.stderr),
    prompter: ttyPrompter({ platform: process.platform, mode: process.env.AWSAFE_PROMPT }),
    selfCommand: selfCommand(),
  };
  const input: CommandInput = { positionals: [profile], options: {} };
  try {
    const resolved = await viaAgent(io, input, profile, providerOptions(input));
    if (resolved === undefined) return undefined;
    io.stdout.write(formatCredentials("process", resolved.credentials, resolved));
    return 0;
  } catch (error) {
    return reportError(error, io, false);
  }
}
