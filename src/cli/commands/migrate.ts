import { writeAwsafeConfigBackend } from "../../settings/awsafe-config.js";
import { migrateStore } from "../../app/store/migrate-store.js";
import { repointProcessLines } from "../../app/configure/repoint-process-lines.js";
import { ExitCode, UsageError } from "../../errors.js";
import type { CommandRun } from "../command-table.js";
import { stringOption } from "../command-input.js";
import { chooseCliBackend, openCliStore } from "../../runtime/open-configured-store.js";
import { testHooks } from "../../runtime/test-hooks.js";

/**
 * `awsafe migrate --from B1 --to B2`: move every stored item, verify, delete the source, then
 * make B2 awsafe's configured backend, so later commands (and `credential_process` lines,
 * which name no backend unless one was forced at import) find the items where they now are;
 * lines that do name B1 are pointed at B2.
 */
export const run: CommandRun = async (input, io) => {
  const fromName = stringOption(input, "from");
  const toName = stringOption(input, "to");
  if (fromName === undefined || toName === undefined) {
    throw new UsageError("migrate needs --from and --to", {
      hint: "e.g. awsafe migrate --from keychain --to file",
    });
  }
  checkBackendName("--from", fromName);
  checkBackendName("--to", toName);
  const from = chooseCliBackend(io, fromName);
  const to = chooseCliBackend(io, toName);
  if (from.backend === to.backend) {
    throw new UsageError(`--from and --to are both "${from.backend}"; nothing to migrate`);
  }
  const source = await openCliStore(io, from.backend, from.paths, { prompt: true });
  const result = await migrateStore({
    from: source,
    openTarget: () => openCliStore(io, to.backend, to.paths, { prompt: true }),
    checkpoint: testHooks(io.env).checkpoint,
  });
  io.stderr.write(
    `moved ${result.moved.length} item(s) from ${source.location} (${from.backend}) to the ${to.backend} store\n`,
  );
  await writeAwsafeConfigBackend(to.paths.configFile, to.backend);
  io.stderr.write(`awsafe now uses the ${to.backend} store (set in ${to.paths.configFile})\n`);
  for (const profile of await repointProcessLines(io, from.backend, to.backend)) {
    io.stderr.write(`profile "${profile}": credential_process now names the ${to.backend} store\n`);
  }
  const env = io.env.AWSAFE_BACKEND;
  if (env !== undefined && env !== "" && env !== to.backend) {
    io.stderr.write(`warning: AWSAFE_BACKEND=${env} still overrides it; change or unset it\n`);
  }
  return ExitCode.Ok;
};

function checkBackendName(option: string, name: string): void {
  if (!["keychain", "file", "pass"].includes(name)) {
    throw new UsageError(`Unknown secret store backend "${name}" for ${option}`, {
      hint: "Choose one of: keychain, file, pass.",
    });
  }
}
