import { spawn } from "node:child_process";

/** What the `age` CLI did: its exit code and everything it printed on the terminal. */
export interface AgeRun {
  readonly code: number | null;
  readonly output: string;
}

/**
 * Runs the real `age` CLI with `args`, answering each passphrase prompt with `passphrase`.
 * age reads passphrases from the terminal only (no env variable in age 1.1), so it runs under
 * `script`, which gives it a pseudo-terminal; answers are sent when a prompt appears, never on a
 * timer.
 */
export function runAge(args: readonly string[], passphrase: string): Promise<AgeRun> {
  const command = ["age", ...args].map(shellQuote).join(" ");
  const child = spawn("script", ["-qec", command, "/dev/null"], {
    stdio: ["pipe", "pipe", "pipe"],
  });
  let output = "";
  let answered = 0;
  const onOutput = (chunk: Buffer): void => {
    output += chunk.toString("utf8");
    const prompts = output.match(/passphrase[^:\n]*:/gi)?.length ?? 0;
    for (; answered < prompts; answered++) child.stdin.write(`${passphrase}\n`);
  };
  child.stdout.on("data", onOutput);
  child.stderr.on("data", onOutput);
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code) => {
      resolve({ code, output });
    });
  });
}

function shellQuote(word: string): string {
  return `'${word.replaceAll("'", `'\\''`)}'`;
}
