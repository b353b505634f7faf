import { listProfilesFromFiles } from "../../app/credentials/list-profiles.js";
import { InterruptedError } from "../../errors.js";
import type { CliIo } from "../io.js";
import { profileChoices, rankChoices, type ProfileChoice } from "./profile-choices.js";

/** The terminal the picker draws on: keys from stdin, the list on stderr (stdout may be a pipe). */
export interface PickerTerminal {
  readonly input: NodeJS.ReadStream;
  readonly output: NodeJS.WriteStream;
}

/**
 * Shows the profiles of the shared files (read without opening the secret store, prompting or
 * calling AWS) in a type-to-filter list and returns the one picked with Enter; `undefined` when
 * the files have no profile. The prompt library is loaded only now: no other run pays for it.
 *
 * @throws InterruptedError on Ctrl-C or Escape (exit 130; nothing has been run).
 */
export async function pickProfile(
  io: CliIo,
  command: string,
  terminal: PickerTerminal,
): Promise<string | undefined> {
  const choices = profileChoices(await listProfilesFromFiles(io));
  if (choices.length === 0) return undefined;
  const { autocomplete, isCancel } = await import("@clack/prompts");
  const nameWidth = Math.max(...choices.map((choice) => choice.name.length));
  // The guide and the radio take 5 columns; a line wider than the terminal would wrap.
  const columns = terminal.output.columns > 0 ? terminal.output.columns : 80;
  const lineWidth = Math.max(columns - 6, 20);
  const ranked = rankedBySearch(choices);
  const toOption = (choice: ProfileChoice) => ({
    value: choice.name,
    label: fitted(`${choice.name.padEnd(nameWidth)}  ${choice.credentials}`, lineWidth),
  });
  const picked = await autocomplete<string>({
    message: `Pick a profile for awsafe ${command} (type to filter by name, account ID or role)`,
    // Every profile, the matches first and best first; the filter then drops the rest, so the
    // list is in order of match and the prompt can count the matches.
    options(this: { readonly userInput: string }) {
      const { matches, others } = ranked(this.userInput);
      return [...matches, ...others].map(toOption);
    },
    filter: (search, option) => ranked(search).matched.has(option.value),
    maxItems: 12,
    input: terminal.input,
    output: terminal.output,
  });
  if (isCancel(picked)) {
    throw new InterruptedError(`Cancelled at the profile picker; awsafe ${command} did nothing`);
  }
  return picked;
}

/** {@link rankChoices} for one search at a time, remembered while the search stays the same. */
function rankedBySearch(choices: readonly ProfileChoice[]) {
  let last:
    | {
        search: string;
        matches: ProfileChoice[];
        others: ProfileChoice[];
        matched: Set<string>;
      }
    | undefined;
  return (search: string) => {
    if (last?.search !== search) {
      const matches = rankChoices(choices, search).map(({ choice }) => choice);
      const matched = new Set(matches.map((choice) => choice.name));
      const others = choices.filter((choice) => !matched.has(choice.name));
      last = { search, matches, others, matched };
    }
    return last;
  };
}

function fitted(line: string, width: number): string {
  return line.length <= width ? line : `${line.slice(0, width - 1)}…`;
}
