import { ExitCode } from "../../../errors.js";
import { inspectStore } from "../../../runtime/inspect-store.js";
import type { CommandRun } from "../../command-spec.js";
import type { ListInput } from "./list-command.js";
import { printProfileTable } from "./print-profile-table.js";

/**
 * `awsafe list [--json] [--backend B]`: every profile, its region, where its credentials come
 * from, and the key ID (redacted) of keys held in the secret store.
 */
export const runList: CommandRun<ListInput> = async (input, io) => {
  const store = await inspectStore(io, input.backend);
  if (input.json) {
    const { listJson } = await import("./list-json.js");
    const keyIds = store.status === "open" ? store.keyIds : new Map<string, string>();
    io.stdout.write(await listJson(io, store, keyIds));
  } else {
    await printProfileTable(io, store);
  }
  return ExitCode.Ok;
};
