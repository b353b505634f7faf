import { InterruptedError, UsageError } from "../errors.js";
import type { Choice, Questions, TextQuestion } from "../ports/questions.js";
import type * as Clack from "@clack/prompts";
import { openControllingTerminal, type ControllingTerminal } from "./controlling-terminal.js";

/**
 * {@link Questions} drawn by `@clack/prompts` on the controlling terminal (`/dev/tty`), opened
 * for each question and let go of after it, so a program run between two questions (the AWS
 * CLI, which runs awsafe's `credential_process`, which asks for an MFA code) has the terminal to
 * itself. The library is loaded with the first question.
 */
export function clackQuestions(platform: NodeJS.Platform): Questions {
  const ask = async <T>(
    draw: (clack: typeof Clack, terminal: ControllingTerminal) => Promise<T | symbol>,
  ): Promise<T> => {
    const terminal = await openControllingTerminal(platform);
    if (terminal === undefined) {
      throw new UsageError("Cannot ask: there is no terminal", {
        hint: "Give every answer as a flag, with --yes (see `awsafe setup --help`).",
      });
    }
    try {
      const clack = await import("@clack/prompts");
      const answer = await draw(clack, terminal);
      if (clack.isCancel(answer)) throw new InterruptedError("Cancelled at the prompt");
      // Each drawer returns its own kind of answer or the cancel symbol, handled just above.
      return answer as T;
    } finally {
      terminal.close();
    }
  };
  return {
    select: (message: string, choices: readonly Choice[], initial?: string) =>
      ask<string>((clack, { input, output }) =>
        clack.select({
          message,
          options: choices.map((choice) => ({ ...choice })),
          ...(initial === undefined ? {} : { initialValue: initial }),
          input,
          output,
        }),
      ),
    // The suggestion is shown as the placeholder and taken on Enter; typing replaces it.
    text: (message: string, question: TextQuestion) =>
      ask<string>((clack, { input, output }) =>
        clack.text({
          message,
          ...(question.initial === undefined
            ? question.placeholder === undefined
              ? {}
              : { placeholder: question.placeholder }
            : { placeholder: question.initial, defaultValue: question.initial }),
          validate: (typed) => {
            const answer = (typed ?? "").trim();
            if (answer === "")
              return question.initial === undefined ? "An answer is needed" : undefined;
            return question.check?.(answer);
          },
          input,
          output,
        }),
      ).then((answer) => answer.trim()),
    confirm: (message: string, initial: boolean) =>
      ask<boolean>((clack, { input, output }) =>
        clack.confirm({ message, initialValue: initial, input, output }),
      ),
    say: async (line: string) => {
      await ask<true>((clack, { output }) => {
        clack.log.step(line, { output });
        return Promise.resolve(true as const);
      });
    },
  };
}
