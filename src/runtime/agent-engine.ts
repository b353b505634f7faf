import type { AgentHandlers } from "../agent/agent-server.js";
import { answerCache, filesFingerprint } from "../agent/answer-cache.js";
import { inProcessLock } from "../agent/in-process-lock.js";
import { overlaySessions } from "../agent/overlay-sessions.js";
import { resolveCredentials } from "../app/credentials/resolve-credentials.js";
import { locateSharedConfig } from "../config/locate-shared-config.js";
import { type PlatformFacts } from "../ports/environment.js";
import { noPrompter } from "../ports/prompter.js";
import type { SecretStore } from "../ports/secret-store.js";
import { createMemoryStore } from "../store/memory/memory-store.js";
import { encryptedStoreFile } from "../store/open-store.js";
import { chooseCliBackend, openCliStore } from "./open-configured-store.js";
import type { CliIo } from "../cli/io.js";
import { hookedNow } from "./test-hooks.js";

/**
 * The agent's engine: the same providers as `--no-agent`, with sessions in this process's memory
 * only and the in-process lock as single flight. Each request is resolved in the requesting
 * client's environment; stores are opened once per backend and data directory (the encrypted
 * file's scrypt unlock is paid once per agent, not per call) and never prompt. A request the
 * agent answered before, over unchanged files, gets the same answer while it is fresh.
 */
export function agentHandlers(platform: PlatformFacts): AgentHandlers {
  const sessionEntries = new Map<string, string>();
  const sessions = createMemoryStore(sessionEntries);
  const stores = new Map<string, Promise<SecretStore>>();
  const lock = inProcessLock();
  const answers = answerCache();
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
      const { backend, paths } = chooseCliBackend(io, request.backend);
      const shared = locateSharedConfig(request.env, platform);
      const answerKey = JSON.stringify([
        request.profile,
        request.durationSeconds ?? null,
        request.noSession ?? false,
        request.region ?? null,
        backend,
        request.env,
        filesFingerprint([
          shared.configFile,
          shared.credentialsFile,
          paths.configFile,
          encryptedStoreFile(paths.dataDir),
        ]),
      ]);
      const now = hookedNow(request.env);
      const known = answers.get(answerKey, now());
      if (known !== undefined) return known;
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
        { store: overlaySessions(await store, sessions), mfa, lock, now },
        request.profile,
        {
          durationSeconds: request.durationSeconds,
          noSession: request.noSession,
          region: request.region,
        },
      );
      const answer = { credentials: resolved.credentials, region: resolved.region };
      answers.set(answerKey, answer);
      return answer;
    },
  };
}
