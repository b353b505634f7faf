import { completionShells } from "../../completion/completion-scripts.js";
import { defineCommand, type InputOf, type OptionSpec } from "../../command-spec.js";
import { UsageError } from "../../../errors.js";
import { variadicArg } from "../../options.js";

/** The shell, as the first positional: one of {@link completionShells}. */
const shellArg = {
  name: "shell",
  description: `bash, zsh, fish or powershell`,
  required: true,
  variadic: false,
  read: (raw: unknown) => {
    const shell = completionShells.find((name) => name === raw);
    if (shell === undefined) {
      throw new UsageError(`No completion for the shell ${JSON.stringify(raw)}`, {
        hint: `Use one of: ${completionShells.join(", ")}`,
      });
    }
    return shell;
  },
};

const none: Record<string, OptionSpec<unknown>> = {};
const shellArgs = { shell: shellArg };

/** What `awsafe completion` is given. */
export type CompletionInput = InputOf<typeof shellArgs, typeof none>;

/** `awsafe completion bash|zsh|fish|powershell`. */
export const completionCommand = defineCommand({
  name: "completion",
  description: "print the shell completion script for bash, zsh, fish or powershell",
  args: shellArgs,
  options: none,
  examples: [
    'eval "$(awsafe completion bash)"   # in ~/.bashrc',
    "awsafe completion fish > ~/.config/fish/completions/awsafe.fish",
    "awsafe completion zsh > ~/.zfunc/_awsafe",
  ],
  load: async () => (await import("./run-completion.js")).runCompletion,
});

const wordsArgs = {
  words: variadicArg("words", "the words typed after awsafe, the last one under the cursor"),
};

/** What `awsafe __complete` is given. */
export type CompleteInput = InputOf<typeof wordsArgs, typeof none>;

/** `awsafe __complete -- <words>`: what the completion scripts run at each TAB (hidden). */
export const completeCommand = defineCommand({
  name: "__complete",
  description: "print the completion candidates of the last word, one per line",
  args: wordsArgs,
  options: none,
  hidden: true,
  load: async () => (await import("./run-completion.js")).runComplete,
});
