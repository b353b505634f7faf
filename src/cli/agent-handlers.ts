import type { AgentHandlers } from "../agent/agent-server.js";
import { inProcessLock } from "../agent/in-process-lock.js";
import { overlaySessions } from "../agent/overlay-sessions.js";
import { resolveCredentials } from "../app/resolve-credentials.js";
import type { PlatformFacts } from "../config/locate-shared-config.js";
import { noPrompter } from "../ports/prompter.js";
import type { SecretStore } from "../ports/secret-store.js";
import { createMemoryStore } from "../store/memory/memory-store.js";
import { chooseCliBackend, openCliStore } from "./cli-store.js";
import type { CliIo } from "./io.js";

/**
 * The agent's engine: the same providers as `--no-agent`, with sessions in this process's memory
 * only and the in-process lock as single flight. Each request is resolved in the requesting
 * client's environment; stores are opened once per backend and data directory (the encrypted
 * file's scrypt unlock is paid once per agent, not per call) and never prompt.
 */
export function agentHandlers(platform: PlatformFacts): AgentHandlers {
  const sessionEntries = new Map<string, string>();
  const sessions = createMemoryStore(sessionEntries);
  const stores = new Map<string, Promise<SecretStore>>();
  const lock = inProcessLock();
  const quiet = { write: () => true };
  return {
    sessions: () => sessionEntries.size,
    async credentials(request, mfa) {
      const io: CliIo = {
        env: request.env,
        platform,
        stdout: quiet,
        stderr: quiet,
        prompter: noPrompter,
        selfCommand: [],
      };
      const { backend, paths } = await chooseCliBackend(io, request.backend);
      const key = `${backend}\n${paths.dataDir}\n${request.env.AWSAFE_TEST_KEYCHAIN_SERVICE ?? ""}`;
      let store = stores.get(key);
      if (store === undefined) {
        store = openCliStore(io, backend, paths, { prompt: false });
        stores.set(key, store);
        // A failed open (wrong passphrase, locked keychain) is retried by the next request.
        store.catch(() => stores.delete(key));
      }
      const resolved = await resolveCredentials(
        io,
        { store: overlaySessions(await store, sessions), mfa, lock },
        request.profile,
        {
          durationSeconds: request.durationSeconds,
          noSession: request.noSession,
          region: request.region,
        },
      );
      return { credentials: resolved.credentials, region: resolved.region };
    },
  };
}
