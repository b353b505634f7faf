import type { MfaCodeSource } from "../ports/mfa-code-source.js";
import { spawnCommandRunner } from "../process/spawn-command-runner.js";
import { chooseMfaSource } from "../prompt/choose-mfa-source.js";
import type { RuntimeContext } from "./context.js";

/**
 * Where this process gets MFA codes: `--mfa-token`, the profile's `mfa_process`, or the prompt
 * `AWSAFE_PROMPT` names. With the agent, the agent asks this process and this process prompts.
 */
export function clientMfaSource(
  context: RuntimeContext,
  mfaToken: string | undefined,
): MfaCodeSource {
  return chooseMfaSource({
    mfaToken,
    promptMode: context.env.AWSAFE_PROMPT,
    prompter: context.prompter,
    runner: spawnCommandRunner(context.env, "mfa_process"),
  });
}
