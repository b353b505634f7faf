/** One answer a {@link Questions.select} offers. */
export interface Choice {
  readonly value: string;
  readonly label: string;
  /** Shown beside the label (where it comes from, a key ID). */
  readonly hint?: string;
}

/** How a {@link Questions.text} answer is offered and checked. */
export interface TextQuestion {
  /** The suggestion: shown in the empty box, and what Enter alone answers. */
  readonly initial?: string | undefined;
  /** An example shown in the empty box when there is no suggestion. */
  readonly placeholder?: string | undefined;
  /** The problem with an answer, shown under it until it is fixed; `undefined`: it is fine. */
  readonly check?: ((answer: string) => string | undefined) | undefined;
}

/**
 * The questions of a guided command (`awsafe setup`), asked on the terminal. Ctrl-C rejects
 * with an InterruptedError (130). The domain never asks: the CLI passes this in.
 */
export interface Questions {
  select(message: string, choices: readonly Choice[], initial?: string): Promise<string>;
  text(message: string, question: TextQuestion): Promise<string>;
  confirm(message: string, initial: boolean): Promise<boolean>;
  /** One line of progress between the questions. */
  say(line: string): Promise<void>;
}
