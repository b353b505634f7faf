import { spawnCommandRunner } from "../process/spawn-command-runner.js";
import { chooseMfaSource } from "../prompt/choose-mfa-source.js";
import type { MfaCodeSource } from "../ports/mfa-code-source.js";
import type { ProviderOptions } from "../providers/credential-provider.js";
import type { CommandInput } from "./command-table.js";
import { stringOption } from "./command-input.js";
import type { CliIo } from "./io.js";
import { parseDuration } from "./parse-duration.js";

/** `--region`, `--duration`, `--no-session` as the providers take them. */
export function providerOptions(input: CommandInput): ProviderOptions {
  const duration = stringOption(input, "duration");
  return {
    region: stringOption(input, "region"),
    durationSeconds: duration === undefined ? undefined : parseDuration(duration),
    // Commander turns `--no-session` into `session: false`.
    noSession: input.options.session === false,
  };
}

/**
 * Where this process gets MFA codes: `--mfa-token`, the profile's `mfa_process`, or the prompt
 * `AWSAFE_PROMPT` names. With the agent, the agent asks this process and this process prompts.
 */
export function clientMfaSource(io: CliIo, input: CommandInput): MfaCodeSource {
  return chooseMfaSource({
    mfaToken: stringOption(input, "mfaToken"),
    promptMode: io.env.AWSAFE_PROMPT,
    prompter: io.prompter,
    runner: spawnCommandRunner(io.env, "mfa_process"),
  });
}
