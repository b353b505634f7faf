import { AuthError } from "../errors.js";
import type { CommandRunner, CommandVector } from "../ports/command-runner.js";
import type { MfaRequest } from "../ports/mfa-code-source.js";
import { maxCodeOutputBytes } from "./max-code-output.js";
import { mfaQuestion } from "./mfa-question.js";

/** The dialog programs `AWSAFE_PROMPT` can name. */
export type GuiPrompt = "zenity" | "kdialog" | "osascript";

/**
 * Asks in a desktop dialog, for runs without a terminal (an IDE, a GUI app calling the AWS SDK).
 * The question names the device, never a secret; the answer comes back on the program's stdout.
 */
export async function guiMfaCode(
  runner: CommandRunner,
  program: GuiPrompt,
  request: MfaRequest,
): Promise<string> {
  const question = mfaQuestion(request);
  const result = await runner.run(dialogCommand(program, question), {
    stderr: "capture",
    subject: `the ${program} MFA dialog for profile "${request.profile}"`,
    maxOutputBytes: maxCodeOutputBytes,
    // A person reads the question and types the code: a program's limit would be too short.
    pace: "person",
  });
  if (result.exitCode !== 0) {
    throw new AuthError(`The ${program} MFA dialog was cancelled or failed`, {
      hint: "Enter the code in the dialog, or give it with --mfa-token",
    });
  }
  return program === "osascript" ? osascriptAnswer(result.stdout) : result.stdout.trim();
}

function dialogCommand(program: GuiPrompt, question: string): CommandVector {
  switch (program) {
    case "zenity":
      return ["zenity", "--entry", "--title=awsafe", `--text=${question}`];
    case "kdialog":
      return ["kdialog", "--title", "awsafe", "--inputbox", question];
    case "osascript":
      // The question is passed as an argument, never spliced into the script's text.
      return [
        "osascript",
        "-e",
        "on run argv",
        "-e",
        'text returned of (display dialog (item 1 of argv) default answer "" with title "awsafe")',
        "-e",
        "end run",
        question,
      ];
  }
}

function osascriptAnswer(stdout: string): string {
  return stdout.trim().replace(/^text returned:/, "");
}
