import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { answerCache, filesState, type CredentialsAnswer } from "../agent/answer-cache.js";
import { ClientOnlyError } from "../agent/client-only-error.js";
import { inProcessLock } from "../agent/in-process-lock.js";
import { overlaySessions } from "../agent/overlay-sessions.js";
import type { AgentHandlers } from "../agent/serve-connection.js";
import type { AppContext } from "../app/app-context.js";
import { loadSharedConfig } from "../app/load-shared-config.js";
import { resolveCredentials } from "../app/credentials/resolve-credentials.js";
import { sessionsOfProfile } from "../app/credentials/sessions-of-profile.js";
import { locateSharedConfig } from "../config/locate-shared-config.js";
import { locateAwsafePaths } from "../settings/awsafe-paths.js";
import { StoreError } from "../errors.js";
import { ssoSessionPrefix } from "../providers/session-cache-name.js";
import type { SecretStore } from "../ports/secret-store.js";
import { createMemoryStore } from "../store/memory/memory-store.js";
import { encryptedStoreFile } from "../store/encrypted-store-file.js";
import type { RuntimeContext } from "./context.js";
import { createStsAdapter } from "../aws/sts-adapter.js";
import { engineAdapters } from "./credential-engine.js";
import { chooseConfiguredBackend, type ConfiguredBackend } from "./configured-backend.js";
import { givenPassphrase, openConfiguredStore } from "./open-configured-store.js";
import { requestEnvironment } from "./request-environment.js";

/** A store the agent opened, and the digest of the passphrase that opened it (file store). */
interface OpenedStore {
  readonly store: Promise<SecretStore>;
  readonly passphrase: Buffer | undefined;
}

/**
 * The agent's engine: the same providers as `--no-agent`, with sessions in this process's memory
 * only and the in-process lock as single flight. Each request is resolved in the requesting
 * client's environment, restricted to the variables that matter (request-environment.ts); the
 * clock and test hooks are the agent's own. Stores are opened once per backend and data
 * directory (the encrypted file's scrypt unlock is paid once per agent, not per call) and never
 * prompt; a later request that brings a passphrase must bring the same one (compared in constant
 * time). A request the agent answered before, over unchanged files, gets the same answer while
 * it is fresh. Long-term keys never leave: such a request is the client's to work out.
 */
export function agentEngine(agent: RuntimeContext): AgentHandlers {
  const sessionEntries = new Map<string, string>();
  const sessions = createMemoryStore(sessionEntries);
  const stores = new Map<string, OpenedStore>();
  const lock = inProcessLock();
  const answers = answerCache<CredentialsAnswer & { readonly choice: ConfiguredBackend }>();
  const digestKey = randomBytes(32);
  const digest = (passphrase: string) =>
    createHmac("sha256", digestKey).update(passphrase).digest();

  // `choice` is the request's own, made once per request: awsafe's config is read once.
  const openStore = (
    context: AppContext,
    { backend, paths }: ConfiguredBackend,
    onDerivation: () => void,
  ): Promise<SecretStore> => {
    const key = `${backend}\n${paths.dataDir}`;
    const passphrase = backend === "file" ? givenPassphrase(context)?.passphrase : undefined;
    const given = passphrase === undefined ? undefined : digest(passphrase);
    const opened = stores.get(key);
    // A store first opened without a passphrase (its file did not exist yet) takes the first one.
    if (opened !== undefined && !(opened.passphrase === undefined && given !== undefined)) {
      if (given !== undefined && !samePassphrase(opened.passphrase, given)) {
        throw wrongPassphrase(encryptedStoreFile(paths.dataDir));
      }
      return opened.store;
    }
    const store = openConfiguredStore(context, backend, paths, {
      prompter: undefined,
      hooks: agent.hooks,
      onDerivation,
    });
    stores.set(key, { store, passphrase: given });
    // A failed open (wrong passphrase, locked keychain) is retried by the next request.
    store.catch(() => stores.delete(key));
    return store;
  };

  const storedKeyNames = async (): Promise<Set<string>> => {
    const names = new Set<string>();
    for (const opened of stores.values()) {
      const store = await opened.store.catch(() => undefined);
      for (const ref of (await store?.list({ kind: "long-term" })) ?? []) names.add(ref.name);
    }
    return names;
  };

  return {
    sessions: () => sessionEntries.size,
    async credentials(request, mfa, signal, signIn, debug) {
      const context: AppContext = {
        env: requestEnvironment(request.env),
        platform: agent.platform,
        debug,
      };
      // Everything the backend's choice depends on is part of the key (`--backend`, the
      // variables, awsafe's config file by its stamp): a remembered answer brings the choice it
      // was made with, and awsafe's config is read only to work a request out.
      const paths = locateAwsafePaths(context.env, context.platform);
      const shared = locateSharedConfig(context.env, context.platform);
      const files = filesState(
        [
          shared.configFile,
          shared.credentialsFile,
          paths.configFile,
          encryptedStoreFile(paths.dataDir),
        ],
        agent.now().getTime(),
      );
      // What the answer is remembered by: the request and the files' state (none without it).
      const memo =
        files === undefined
          ? undefined
          : {
              files,
              key: JSON.stringify([
                request.profile,
                request.durationSeconds ?? null,
                request.noSession ?? false,
                request.sessionOnly ?? false,
                request.region ?? null,
                request.backend ?? null,
                context.env,
                files.stamps,
              ]),
            };
      const known = memo && answers.get(memo.key, agent.now(), memo.files);
      if (known === undefined && request.ifRemembered === true) {
        throw new ClientOnlyError("The agent remembers no answer to this request");
      }
      const choice = known?.choice ?? chooseConfiguredBackend(context, request.backend, paths);
      // The encrypted file's unlock takes a scrypt derivation, a second or more, on another
      // thread: STS's client loads meanwhile rather than after it. (A keychain answers at once;
      // the client then loads while the MFA code is found.) A remembered answer is given only to
      // a request that opens the store too: a wrong passphrase is refused as before.
      const store = openStore(context, choice, () => {
        createStsAdapter({ env: context.env }).prepare?.();
      });
      if (known !== undefined) {
        await store;
        const until = known.credentials.expiration?.toISOString() ?? "";
        debug?.(`cache hit: the same request over unchanged files, valid until ${until}`);
        return { credentials: known.credentials, region: known.region };
      }
      debug?.("cache miss: no fresh answer to this request over these files; resolving");
      const resolved = await resolveCredentials(
        context,
        {
          store: overlaySessions(await store, sessions),
          mfa,
          lock: lock.forRequest({ signal }),
          now: agent.now,
          ssoSignIn: signIn,
          ...engineAdapters(context),
        },
        request.profile,
        {
          durationSeconds: request.durationSeconds,
          noSession: request.noSession,
          sessionOnly: request.sessionOnly,
          region: request.region,
        },
      );
      if (resolved.credentials.sessionToken === undefined) {
        throw new ClientOnlyError(
          `The agent does not hand out the long-term keys of profile "${request.profile}"`,
        );
      }
      const answer = { credentials: resolved.credentials, region: resolved.region };
      if (memo !== undefined) answers.set(memo.key, { ...answer, choice }, memo.files);
      return answer;
    },
    async forget(request) {
      const context: AppContext = {
        env: requestEnvironment(request.env),
        platform: agent.platform,
      };
      if (request.ssoKey !== undefined) {
        const prefix = ssoSessionPrefix(request.ssoKey);
        const gone = (await sessions.list({ kind: "session" })).filter((ref) =>
          ref.name.startsWith(prefix),
        );
        if (gone.length > 0) await sessions.apply(gone.map((ref) => ({ op: "delete", ref })));
        answers.clear();
        return gone.length;
      }
      const belongs =
        request.profile === undefined
          ? () => true
          : sessionsOfProfile(
              (await loadSharedConfig(context)).data,
              request.profile,
              await storedKeyNames(),
            );
      const gone = (await sessions.list({ kind: "session" })).filter((ref) => belongs(ref.name));
      if (gone.length > 0) await sessions.apply(gone.map((ref) => ({ op: "delete", ref })));
      answers.clear();
      return gone.length;
    },
  };
}

function samePassphrase(opened: Buffer | undefined, given: Buffer): boolean {
  return opened !== undefined && opened.length === given.length && timingSafeEqual(opened, given);
}

function wrongPassphrase(file: string): StoreError {
  return new StoreError(`Cannot unlock ${file}: wrong passphrase`, {
    hint: "Give the passphrase the store was created with (prompt, AWSAFE_FILE_PASSPHRASE or AWSAFE_FILE_PASSPHRASE_FILE); nothing was changed.",
  });
}
