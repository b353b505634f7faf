// `awsafe __complete -- <words>`, what the completion scripts run at each TAB: an entry of its
// own, loaded by dispatch.ts without the CLI proper (commander, the runtime), so a TAB costs the
// start-up, the command table and one parse of the shared files.
import { homedir } from "node:os";
import { commandTable } from "./command-table.js";
import { completeWords } from "./completion/complete-words.js";
import { profileNames } from "./completion/profile-names.js";

/** Prints one candidate per line for the last of `words` (what follows `__complete --`). */
export function complete(words: readonly string[]): void {
  const line = words.length === 0 ? [""] : words;
  const env = { ...process.env };
  const candidates = completeWords(commandTable, line, {
    profiles: () => profileNames(env, { platform: process.platform, homedir }),
  });
  process.stdout.write(candidates.map((candidate) => `${candidate}\n`).join(""));
}
