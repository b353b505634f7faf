import type { AppContext } from "../app/app-context.js";
import { UsageError } from "../errors.js";
import { chooseBackend } from "../store/choose-backend.js";
import type { RuntimeContext } from "./context.js";
import { chooseConfiguredBackend, type ConfiguredBackend } from "./configured-backend.js";
import { recordBackend } from "./record-backend.js";

/**
 * The store of a command that ties something to it: `add` and `import` store keys in it, and
 * `configure --credential-process` writes a line that will read from it.
 *
 * One rule makes every `credential_process` line awsafe writes find the keys: the store is
 * recorded in awsafe's config the first time something is stored (the lines name no backend and
 * so read the recorded one, whatever the calling AWS tool's environment lacks). A `--backend` or
 * `AWSAFE_BACKEND` that names another store than the recorded one is refused, not followed: a key
 * stored there would be out of reach of every line awsafe wrote, and the AWS tools would fail
 * later, far from the mistake. `awsafe migrate` is the way to change stores.
 *
 * @throws UsageError when the flag or the variable names another store than the recorded one.
 */
export function chooseStoringBackend(
  context: AppContext,
  flag: string | undefined,
): ConfiguredBackend {
  const choice = chooseConfiguredBackend(context, flag);
  const { recorded } = choice;
  if (recorded === undefined || choice.source === "config" || choice.source === "default") {
    return choice;
  }
  // Parsed as the config source would be, so a malformed config.json is named as such.
  const recordedBackend = chooseBackend({ config: recorded, platform: context.platform.platform });
  if (recordedBackend.backend === choice.backend) return choice;
  const given =
    choice.source === "flag" ? `--backend ${choice.backend}` : `AWSAFE_BACKEND=${choice.backend}`;
  const keep = choice.source === "flag" ? "leave out --backend" : "unset AWSAFE_BACKEND";
  throw new UsageError(
    `${given} is not awsafe's store: the ${recordedBackend.backend} store is recorded in ${choice.paths.configFile}, and every credential_process line awsafe writes reads from it`,
    {
      hint: `To move everything to ${choice.backend}: awsafe migrate --from ${recordedBackend.backend} --to ${choice.backend}; to use ${recordedBackend.backend}: ${keep}`,
    },
  );
}

/**
 * Records `choice` in awsafe's config when none is recorded yet, and says so (once: from then
 * on one is recorded). Called once something was stored (or awsafe's line written).
 */
export async function recordFirstBackend(
  context: RuntimeContext,
  choice: ConfiguredBackend,
): Promise<void> {
  if (choice.recorded !== undefined) return;
  const file = await recordBackend(choice);
  context.notice(
    `recorded the ${choice.backend} store as awsafe's store in ${file}: credential_process lines and commands without --backend or AWSAFE_BACKEND use it`,
  );
}
