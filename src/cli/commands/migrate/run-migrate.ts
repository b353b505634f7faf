import { repointProcessLines } from "../../../app/configure/repoint-process-lines.js";
import { migrateStore } from "../../../app/store/migrate-store.js";
import { ExitCode, UsageError } from "../../../errors.js";
import { chooseConfiguredBackend } from "../../../runtime/configured-backend.js";
import { openConfiguredStore } from "../../../runtime/open-configured-store.js";
import { recordBackend } from "../../../runtime/record-backend.js";
import type { CommandRun } from "../../command-spec.js";
import type { MigrateInput } from "./migrate-command.js";

/**
 * `awsafe migrate --from B1 --to B2`: move every stored item, verify, delete the source, then
 * make B2 awsafe's configured backend, so later commands (and `credential_process` lines,
 * which name no backend unless one was forced at import) find the items where they now are;
 * lines that do name B1 are pointed at B2.
 */
export const runMigrate: CommandRun<MigrateInput> = async (input, io) => {
  if (input.from === undefined || input.to === undefined) {
    throw new UsageError("migrate needs --from and --to", {
      hint: "e.g. awsafe migrate --from keychain --to file",
    });
  }
  const from = chooseConfiguredBackend(io, input.from);
  const to = chooseConfiguredBackend(io, input.to);
  if (from.backend === to.backend) {
    throw new UsageError(`--from and --to are both "${from.backend}"; nothing to migrate`);
  }
  const opening = { prompter: io.prompter, hooks: io.hooks, notice: io.notice };
  const source = await openConfiguredStore(io, from.backend, from.paths, opening);
  const result = await migrateStore({
    from: source,
    openTarget: () => openConfiguredStore(io, to.backend, to.paths, opening),
    checkpoint: io.hooks.checkpoint,
  });
  io.stderr.write(
    `moved ${result.moved.length} item(s) from ${source.location} (${from.backend}) to the ${to.backend} store\n`,
  );
  const settings = await recordBackend(to);
  io.stderr.write(`awsafe now uses the ${to.backend} store (set in ${settings})\n`);
  for (const profile of await repointProcessLines(io, from.backend, to.backend)) {
    io.stderr.write(`profile "${profile}": credential_process now names the ${to.backend} store\n`);
  }
  const env = io.env.AWSAFE_BACKEND;
  if (env !== undefined && env !== "" && env !== to.backend) {
    io.stderr.write(`warning: AWSAFE_BACKEND=${env} still overrides it; change or unset it\n`);
  }
  return ExitCode.Ok;
};
