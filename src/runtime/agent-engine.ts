import type { AgentHandlers } from "../agent/agent-server.js";
import { answerCache, filesFingerprint } from "../agent/answer-cache.js";
import { inProcessLock } from "../agent/in-process-lock.js";
import { overlaySessions } from "../agent/overlay-sessions.js";
import type { AppContext } from "../app/app-context.js";
import { resolveCredentials } from "../app/credentials/resolve-credentials.js";
import { locateSharedConfig } from "../config/locate-shared-config.js";
import type { SecretStore } from "../ports/secret-store.js";
import { createMemoryStore } from "../store/memory/memory-store.js";
import { encryptedStoreFile } from "../store/open-store.js";
import type { RuntimeContext } from "./context.js";
import { engineAdapters } from "./credential-engine.js";
import { chooseConfiguredBackend, openConfiguredStore } from "./open-configured-store.js";
import { requestEnvironment } from "./request-environment.js";

/**
 * The agent's engine: the same providers as `--no-agent`, with sessions in this process's memory
 * only and the in-process lock as single flight. Each request is resolved in the requesting
 * client's environment, restricted to the variables that matter (see request-environment.ts);
 * the clock and test hooks are the agent's own. Stores are opened once per backend and data
 * directory (the encrypted file's scrypt unlock is paid once per agent, not per call) and never
 * prompt. A request the agent answered before, over unchanged files, gets the same answer while
 * it is fresh.
 */
export function agentEngine(agent: RuntimeContext): AgentHandlers {
  const sessionEntries = new Map<string, string>();
  const sessions = createMemoryStore(sessionEntries);
  const stores = new Map<string, Promise<SecretStore>>();
  const lock = inProcessLock();
  const answers = answerCache();
  return {
    sessions: () => sessionEntries.size,
    async credentials(request, mfa) {
      const context: AppContext = {
        env: requestEnvironment(request.env),
        platform: agent.platform,
      };
      const { backend, paths } = chooseConfiguredBackend(context, request.backend);
      const shared = locateSharedConfig(context.env, context.platform);
      const answerKey = JSON.stringify([
        request.profile,
        request.durationSeconds ?? null,
        request.noSession ?? false,
        request.region ?? null,
        backend,
        context.env,
        filesFingerprint([
          shared.configFile,
          shared.credentialsFile,
          paths.configFile,
          encryptedStoreFile(paths.dataDir),
        ]),
      ]);
      const known = answers.get(answerKey, agent.now());
      if (known !== undefined) return known;
      const key = `${backend}\n${paths.dataDir}`;
      let store = stores.get(key);
      if (store === undefined) {
        store = openConfiguredStore(context, backend, paths, {
          prompter: undefined,
          hooks: agent.hooks,
        });
        stores.set(key, store);
        // A failed open (wrong passphrase, locked keychain) is retried by the next request.
        store.catch(() => stores.delete(key));
      }
      const resolved = await resolveCredentials(
        context,
        {
          store: overlaySessions(await store, sessions),
          mfa,
          lock,
          now: agent.now,
          ...engineAdapters(context),
        },
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
