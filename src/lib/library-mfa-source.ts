import { AppError, AuthError } from "../errors.js";
import type { MfaCodeSource, MfaRequest } from "../ports/mfa-code-source.js";
import { redactText } from "../redact.js";
import { clientMfaSource } from "../runtime/client-mfa-source.js";
import type { RuntimeContext } from "../runtime/context.js";

/**
 * Where a library call gets MFA codes (the agent asks this process, or the in-process engine
 * does): the caller's `mfaCodeProvider` when given, for every device; else the profile's
 * `mfa_process`; else the prompt `AWSAFE_PROMPT` names (the terminal by default); and when none
 * of these can ask, an error that names the library's ways to give a code.
 *
 * @throws UsageError for an unknown `AWSAFE_PROMPT`.
 */
export function libraryMfaSource(
  context: RuntimeContext,
  mfaCodeProvider: ((mfaSerial: string) => Promise<string>) | undefined,
): MfaCodeSource {
  if (mfaCodeProvider !== undefined) return (request) => callerCode(mfaCodeProvider, request);
  const cliSource = clientMfaSource(context, undefined);
  const mode = context.env.AWSAFE_PROMPT ?? "";
  const asksTerminal = mode === "" || mode === "terminal" || mode === "none";
  return (request) => {
    if (request.mfaProcess === undefined && asksTerminal && !context.prompter.canPrompt()) {
      return Promise.reject(noWayToAsk(request, mode === "none"));
    }
    return cliSource(request);
  };
}

async function callerCode(
  mfaCodeProvider: (mfaSerial: string) => Promise<string>,
  request: MfaRequest,
): Promise<string> {
  let code: unknown;
  try {
    code = await mfaCodeProvider(request.serialNumber);
  } catch (error) {
    if (error instanceof AppError) throw error;
    const why = redactText(error instanceof Error ? error.message : String(error));
    throw new AuthError(
      `The mfaCodeProvider gave no MFA code for ${request.serialNumber}: ${why}`,
      {
        hint: "Make mfaCodeProvider resolve to the 6-digit code the device shows",
        cause: error,
      },
    );
  }
  if (typeof code !== "string" || !/^\d{6}$/.test(code.trim())) {
    throw new AuthError(
      `The mfaCodeProvider gave no 6-digit MFA code for ${request.serialNumber}`,
      {
        hint: "Make mfaCodeProvider resolve to the 6-digit code the device shows, as a string",
      },
    );
  }
  return code.trim();
}

function noWayToAsk(request: MfaRequest, turnedOff: boolean): AuthError {
  const why = turnedOff ? "AWSAFE_PROMPT=none turns asking off" : "there is no terminal to ask on";
  return new AuthError(`An MFA code for ${request.serialNumber} is needed, but ${why}`, {
    hint: `Pass mfaCodeProvider to fromAwsafe(), or set mfa_process in profile "${request.profile}" (a command printing the code, e.g. \`ykman oath accounts code -s NAME\`)`,
  });
}
