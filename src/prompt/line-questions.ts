import { closeSync, openSync, writeSync } from "node:fs";
import { InterruptedError, UsageError } from "../errors.js";
import type { Choice, Questions, TextQuestion } from "../ports/questions.js";
import { readTerminalLine } from "./read-terminal-line.js";

/**
 * {@link Questions} as plain lines on `/dev/tty`, each answer read synchronously: for the Bun
 * single executable, where a terminal stream, once let go of, keeps swallowing what is typed
 * next (see read-terminal-line.ts), so the drawn questions would lose every answer after the
 * first. A choice is a numbered list; Enter takes the suggestion shown in brackets.
 */
export function lineQuestions(): Questions {
  const ask = (question: string): string => {
    const line = readTerminalLine(question, false);
    if (line === undefined) {
      throw new UsageError("Cannot ask: there is no terminal", {
        hint: "Give every answer as a flag, with --yes (see `awsafe setup --help`).",
      });
    }
    if (line.kind === "cancelled") throw new InterruptedError("Cancelled at the prompt");
    return line.text.trim();
  };
  /** Asks until `read` takes the answer; each refusal is said under the question. */
  const until = <T>(question: string, read: (answer: string) => Answer<T>): T => {
    for (;;) {
      const answer = read(ask(question));
      if ("value" in answer) return answer.value;
      say(`  ${answer.problem}\n`);
    }
  };
  return {
    confirm: (message: string, initial: boolean) =>
      Promise.resolve(
        until<boolean>(`? ${message} [${initial ? "Y/n" : "y/N"}] `, (answer) =>
          answer === ""
            ? { value: initial }
            : /^(y|yes)$/i.test(answer)
              ? { value: true }
              : /^(n|no)$/i.test(answer)
                ? { value: false }
                : { problem: "Answer y or n" },
        ),
      ),
    select: (message: string, choices: readonly Choice[], initial?: string) => {
      const lines = choices.map(
        (choice, index) =>
          `  ${String(index + 1)}) ${choice.label}${choice.hint === undefined ? "" : ` (${choice.hint})`}`,
      );
      say(`? ${message}\n${lines.join("\n")}\n`);
      const fallback =
        Math.max(
          0,
          choices.findIndex((choice) => choice.value === initial),
        ) + 1;
      return Promise.resolve(
        until<string>(`  Number [${String(fallback)}]: `, (answer) => {
          const picked = choices[(answer === "" ? fallback : Number(answer)) - 1];
          return picked === undefined
            ? { problem: `Answer a number from 1 to ${String(choices.length)}` }
            : { value: picked.value };
        }),
      );
    },
    text: (message: string, question: TextQuestion) => {
      const shown = question.initial ?? question.placeholder;
      return Promise.resolve(
        until<string>(`? ${message}${shown === undefined ? "" : ` [${shown}]`}: `, (answer) => {
          const value = answer === "" ? question.initial : answer;
          if (value === undefined) return { problem: "An answer is needed" };
          const problem = question.check?.(value);
          return problem === undefined ? { value } : { problem };
        }),
      );
    },
    say: (line: string) => {
      say(`• ${line}\n`);
      return Promise.resolve();
    },
  };
}

/** An answer taken, or why not. */
type Answer<T> = { readonly value: T } | { readonly problem: string };

function say(text: string): void {
  let fd: number | undefined;
  try {
    fd = openSync("/dev/tty", "w");
    writeSync(fd, text);
  } catch {
    // No terminal: the question that follows says so.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
