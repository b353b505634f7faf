import type { MfaCodeSource } from "../ports/mfa-code-source.js";
import { spawnCommandRunner } from "../process/spawn-command-runner.js";
import { chooseMfaSource } from "../prompt/choose-mfa-source.js";
import type { RuntimeContext } from "./context.js";
import { processTimeLimits } from "./process-time-limits.js";

/**
 * Where this process gets MFA codes: `--mfa-token`, the profile's `mfa_process`, or the prompt
 * `AWSAFE_PROMPT` names. With the agent, the agent asks this process and this process prompts.
 * The commands run without inherited AWS credentials (see `process/child-environment.ts`).
 *
 * @throws UsageError for an unknown `AWSAFE_PROMPT` or a malformed time limit.
 */
export function clientMfaSource(
  context: RuntimeContext,
  mfaToken: string | undefined,
): MfaCodeSource {
  const source = chooseMfaSource({
    mfaToken,
    promptMode: context.env.AWSAFE_PROMPT,
    prompter: context.prompter,
    runner: spawnCommandRunner({
      env: context.env,
      setting: "mfa_process",
      awsCredentials: "drop-aws-credentials",
      timeLimits: processTimeLimits(context.env),
    }),
  });
  const debug = context.debug;
  if (debug === undefined) return source;
  return (request) => {
    const from =
      mfaToken !== undefined
        ? "--mfa-token"
        : request.mfaProcess !== undefined
          ? "the profile's mfa_process"
          : `the ${context.env.AWSAFE_PROMPT ?? "terminal"} prompt`;
    debug(`MFA code for ${request.serialNumber} (profile "${request.profile}") asked from ${from}`);
    return source(request);
  };
}
