import path from "node:path";
import type { ResolveDeps } from "../app/credentials/resolve-credentials.js";
import { namedFileLock } from "../lock/named-file-lock.js";
import { chooseCliBackend, openCliStore } from "./open-configured-store.js";
import type { CommandInput } from "../cli/command-table.js";
import { stringOption } from "../cli/command-input.js";
import { clientMfaSource } from "../cli/credential-input.js";
import type { CliIo } from "../cli/io.js";
import { hookedNow } from "./test-hooks.js";

/**
 * The store, MFA source and cache lock of a credential command run in this process
 * (`--no-agent`). The encrypted file's passphrase may be asked on the terminal. Sessions are
 * cached in the store under cross-process locks in `<data dir>/locks`.
 */
export async function credentialDeps(io: CliIo, input: CommandInput): Promise<ResolveDeps> {
  const { backend, paths } = chooseCliBackend(io, stringOption(input, "backend"));
  const store = await openCliStore(io, backend, paths, { prompt: true });
  return {
    store,
    mfa: clientMfaSource(io, input),
    lock: namedFileLock(path.join(paths.dataDir, "locks")),
    now: hookedNow(io.env),
  };
}
