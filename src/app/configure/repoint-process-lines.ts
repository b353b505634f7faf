import { stringProperty } from "../../config/config-data.js";
import { setProfileProperties } from "../../config/edit/set-profile-properties.js";
import type { AppContext } from "../app-context.js";
import { awsafeProcessWords, shellQuote } from "../../config/awsafe-process-line.js";
import { loadSharedConfig } from "../load-shared-config.js";

/**
 * After `migrate`, points awsafe's `credential_process` lines that name the old store
 * (`--backend <from>`, written when the store was chosen explicitly) at the new one, so the AWS
 * CLI and the SDKs keep finding the keys. Other lines are left as they are.
 *
 * @returns the profiles whose line changed.
 */
export async function repointProcessLines(
  context: AppContext,
  from: string,
  to: string,
): Promise<string[]> {
  const shared = await loadSharedConfig(context);
  const changed: string[] = [];
  for (const [profile, properties] of shared.data.profiles) {
    const line = stringProperty(properties, "credential_process");
    const words = line === undefined ? undefined : awsafeProcessWords(line);
    const repointed = words === undefined ? undefined : withBackend(words, from, to);
    if (repointed === undefined) continue;
    await setProfileProperties(shared.paths, profile, { credential_process: repointed });
    changed.push(profile);
  }
  return changed;
}

/** The line with `--backend from` replaced by `--backend to`, or `undefined` when it has none. */
function withBackend(words: string[], from: string, to: string): string | undefined {
  const at = words.findIndex((word, index) => word === "--backend" && words[index + 1] === from);
  if (at < 0) return undefined;
  words[at + 1] = to;
  return words.map(shellQuote).join(" ");
}
