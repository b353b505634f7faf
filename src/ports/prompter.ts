/**
 * Asks the person at the terminal. The domain never prompts: use-cases that may need an answer
 * are given a Prompter by the CLI, which decides where questions go (`/dev/tty`, or nowhere).
 */
export interface Prompter {
  /** Whether questions can be asked at all (a terminal is there and prompting is allowed). */
  canPrompt(): boolean;
  /** Reads one line without echoing it. Never logs or returns anything but the answer. */
  secret(question: string): Promise<string>;
  /** Asks a yes/no question; only an explicit "y" or "yes" is a yes. */
  confirm(question: string): Promise<boolean>;
}

/** A prompter for runs without a terminal: every question is refused. */
export const noPrompter: Prompter = {
  canPrompt: () => false,
  secret: () => Promise.reject(new Error("no terminal to prompt on")),
  confirm: () => Promise.reject(new Error("no terminal to prompt on")),
};
