import { AuthError, UsageError } from "../errors.js";
import type { CommandRunner } from "../ports/command-runner.js";
import type { MfaCodeSource, MfaRequest } from "../ports/mfa-code-source.js";
import type { Prompter } from "../ports/prompter.js";
import { fixedMfaCode } from "./fixed-mfa-code.js";
import { guiMfaCode } from "./gui-mfa-code.js";
import { mfaProcessCode } from "./mfa-process-code.js";
import { mfaQuestion } from "./mfa-question.js";
import { ykmanMfaCode } from "./ykman-mfa-code.js";

/** What decides where a code comes from. */
export interface MfaSourceChoice {
  /** `--mfa-token`. */
  readonly mfaToken?: string | undefined;
  /** `AWSAFE_PROMPT`: terminal (default) | zenity | kdialog | osascript | ykman | none. */
  readonly promptMode?: string | undefined;
  /** The terminal (`/dev/tty`). */
  readonly prompter: Prompter;
  /** Runs `mfa_process`, ykman and the dialogs. */
  readonly runner: CommandRunner;
}

/**
 * The MFA code source for a run: `--mfa-token` first, then the profile's `mfa_process`, then
 * the prompt `AWSAFE_PROMPT` names (the terminal by default).
 *
 * @throws UsageError at once when `AWSAFE_PROMPT` names no known prompt.
 */
export function chooseMfaSource(choice: MfaSourceChoice): MfaCodeSource {
  if (choice.mfaToken !== undefined) return fixedMfaCode(choice.mfaToken);
  const mode =
    choice.promptMode === undefined || choice.promptMode === "" ? "terminal" : choice.promptMode;
  const prompt = promptFor(mode, choice);
  return (request) =>
    request.mfaProcess === undefined
      ? prompt(request)
      : mfaProcessCode(choice.runner, { ...request, mfaProcess: request.mfaProcess });
}

function promptFor(mode: string, choice: MfaSourceChoice): MfaCodeSource {
  switch (mode) {
    case "terminal":
      return (request) => terminalCode(choice.prompter, request);
    case "zenity":
    case "kdialog":
    case "osascript":
      return (request) => guiMfaCode(choice.runner, mode, request);
    case "ykman":
      return (request) => ykmanMfaCode(choice.runner, request);
    case "none":
      return (request) =>
        Promise.reject(noWayToAsk(request, "AWSAFE_PROMPT=none turns asking off"));
    default:
      throw new UsageError(`Unknown AWSAFE_PROMPT "${mode}"`, {
        hint: "Use one of: terminal, zenity, kdialog, osascript, ykman, none",
      });
  }
}

async function terminalCode(prompter: Prompter, request: MfaRequest): Promise<string> {
  if (!prompter.canPrompt()) throw noWayToAsk(request, "there is no terminal to ask on");
  return prompter.secret(`${mfaQuestion(request)}: `);
}

function noWayToAsk(request: MfaRequest, why: string): AuthError {
  return new AuthError(`An MFA code for ${request.serialNumber} is needed, but ${why}`, {
    hint: `Give it with --mfa-token CODE, set mfa_process in profile "${request.profile}" (a command printing the code, e.g. \`ykman oath accounts code -s NAME\`), or set AWSAFE_PROMPT to zenity, kdialog, osascript or ykman`,
  });
}
