import { ExitCode } from "../../../errors.js";
import { commandTable } from "../../command-table.js";
import type { CommandRun } from "../../command-spec.js";
import { completeWords } from "../../completion/complete-words.js";
import { completionScript } from "../../completion/completion-scripts.js";
import { profileNames } from "../../completion/profile-names.js";
import type { CompleteInput, CompletionInput } from "./completion-command.js";

/** `awsafe completion <shell>`: the script, which calls this same awsafe back at each TAB. */
export const runCompletion: CommandRun<CompletionInput> = (input, io) => {
  io.stdout.write(completionScript(input.shell, io.selfCommand));
  return Promise.resolve(ExitCode.Ok);
};

/**
 * `awsafe __complete -- <words>`: one candidate per line. It never prompts, opens no store and
 * calls no AWS: profile names come from the shared files alone, and a file it cannot read or
 * parse gives no profile names rather than an error (a TAB must never print one).
 */
export const runComplete: CommandRun<CompleteInput> = (input, io) => {
  const words = input.words.length === 0 ? [""] : input.words;
  const candidates = completeWords(commandTable, words, {
    profiles: () => profileNames(io.env, io.platform),
  });
  io.stdout.write(candidates.map((candidate) => `${candidate}\n`).join(""));
  return Promise.resolve(ExitCode.Ok);
};
