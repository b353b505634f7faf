import { StoreError } from "../../errors.js";
import type { Environment } from "../../ports/environment.js";
import { childEnvironment } from "../../process/child-environment.js";
import { runBounded } from "../../process/run-bounded.js";

/** What `pass` printed and how it exited. */
export interface PassResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * The most `pass show` may print: awsafe's items are a few KiB (the largest, a backup of the
 * shared files, is what `~/.aws/credentials` held); more means something else answers as `pass`.
 */
const maxPassOutputBytes = 16 * 1024 * 1024;

/** How long `pass` may take by default: gpg may ask a person for the key's passphrase. */
export const defaultPassTimeoutMs = 300_000;

/**
 * Runs `pass` with `args` (item names only, never a secret) and `input` on stdin, where secrets
 * go, in `env` without awsafe's passphrase or AWS credentials (pass and gpg need neither). A
 * missing `pass` binary, a flood of output and a run past `timeoutMs` are StoreErrors; a non-zero
 * exit is returned for the caller to judge.
 */
export async function runPass(
  args: readonly string[],
  env: Environment,
  input = "",
  timeoutMs = defaultPassTimeoutMs,
): Promise<PassResult> {
  const outcome = await runBounded("pass", args, {
    env: childEnvironment(env, "drop-aws-credentials"),
    stdin: { input },
    stderr: "capture",
    maxOutputBytes: maxPassOutputBytes,
    timeoutMs,
  }).catch((error: unknown) => {
    throw notInstalled(error);
  });
  switch (outcome.kind) {
    case "exited":
      return { code: outcome.exitCode, stdout: outcome.stdout, stderr: outcome.stderr };
    case "too-much-output":
      throw new StoreError(
        `\`pass ${args[0] ?? ""}\` printed more than 16 MiB; awsafe stopped it`,
        {
          hint: "Check that `pass` on PATH is the password store, or choose another store with --backend.",
        },
      );
    case "timed-out":
      throw new StoreError(
        `\`pass ${args[0] ?? ""}\` did not finish within ${timeoutMs / 1000} s; awsafe stopped it`,
        {
          hint: "Answer gpg's passphrase prompt sooner (or unlock gpg-agent first), or allow more time with AWSAFE_PROMPT_TIMEOUT_SECONDS",
        },
      );
  }
}

function notInstalled(error: unknown): StoreError {
  return new StoreError("Cannot run `pass`: it is not installed or not on PATH", {
    hint: "Install pass (e.g. `apt-get install pass`), or choose another store with --backend.",
    cause: error,
  });
}
