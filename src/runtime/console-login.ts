import { consoleLogin, type ConsoleLoginResult } from "../app/console/console-login.js";
import { chooseBrowser } from "../app/console/browser-choice.js";
import { createSigninAdapter } from "../aws/signin-adapter.js";
import { createStsAdapter } from "../aws/sts-adapter.js";
import { startOneTimeRedirect } from "../endpoint/one-time-redirect.js";
import { AppError } from "../errors.js";
import type { BrowserName } from "../ports/browser.js";
import type { SecretStore } from "../ports/secret-store.js";
import { createBrowserLauncher } from "../process/browser/browser-launcher.js";
import type { RuntimeContext } from "./context.js";
import type { CredentialRequest } from "./credential-request.js";
import { obtainCredentials } from "./obtain-credentials.js";
import { chooseConfiguredBackend, fileStoreNeedsPrompt } from "./configured-backend.js";
import type { OpenedCommandStore } from "./open-configured-store.js";
import { openChosenStore, openConfiguredStore } from "./open-configured-store.js";

/** What `awsafe login` asks of the runtime. */
export interface LoginRequest {
  readonly profile: string;
  readonly region: string | undefined;
  readonly destination: string | undefined;
  readonly service: string | undefined;
  readonly durationSeconds: number | undefined;
  /** `--stdout`: print the URL, open nothing. */
  readonly stdout: boolean;
  readonly browser: BrowserName | undefined;
  /** `--isolate` / `--no-isolate` / neither. */
  readonly isolate: boolean | undefined;
  /** `false` with `--no-agent`. */
  readonly agent: boolean;
  readonly backend: string | undefined;
  readonly mfaToken: string | undefined;
}

/**
 * `awsafe login` with the adapters of this process: the profile is planned against the keys in
 * the secret store (read without a prompt where the store allows; an encrypted file whose
 * passphrase is to be typed is opened once, here, and lent to the in-process engine), its
 * credentials come from the engine (the agent, or this process), STS and the sign-in endpoint
 * from the environment's endpoints, browsers from the machine, and the one-time address from
 * a loopback server.
 */
export async function loginToConsole(
  context: RuntimeContext,
  request: LoginRequest,
): Promise<ConsoleLoginResult> {
  const browser = request.stdout
    ? undefined
    : chooseBrowser({
        flag: request.browser,
        variable: context.env.AWSAFE_BROWSER,
        isolate: request.isolate,
        profile: request.profile,
      });
  const { names, opened } = await storedKeyNames(context, request.backend);
  const choice = chooseConfiguredBackend(context, request.backend);
  const engineRequest = (options: CredentialRequest["options"]): CredentialRequest => ({
    profile: request.profile,
    options,
    agent: request.agent,
    backend: request.backend,
    mfaToken: request.mfaToken,
  });
  return consoleLogin(
    context,
    {
      sts: createStsAdapter({ env: context.env, debug: context.debug }),
      signin: createSigninAdapter({ env: context.env, debug: context.debug }),
      credentials: async (options) =>
        (await obtainCredentials(context, engineRequest(options), opened)).credentials,
      browsers: createBrowserLauncher({
        env: context.env,
        platform: context.platform.platform,
        dataDir: choice.paths.dataDir,
      }),
      oneTimeAddress: (location) => startOneTimeRedirect({ location }),
      notice: context.notice,
    },
    {
      profile: request.profile,
      region: request.region,
      destination: request.destination,
      service: request.service,
      durationSeconds: request.durationSeconds,
      browser,
      storedKeyProfiles: names,
    },
  );
}

/**
 * The profiles with a key in the store, for the plan. The store is opened without a prompt
 * where it can be; the encrypted file whose passphrase is to be typed is opened with the prompt
 * (the engine would ask for it anyway) and handed on, so the passphrase is asked once. A store
 * that cannot be opened counts as empty: the engine then reports it, if the profile needs it.
 */
async function storedKeyNames(
  context: RuntimeContext,
  flag: string | undefined,
): Promise<{
  readonly names: ReadonlySet<string>;
  readonly opened: OpenedCommandStore | undefined;
}> {
  const choice = chooseConfiguredBackend(context, flag);
  if (choice.backend === "file" && fileStoreNeedsPrompt(context, choice.paths)) {
    const store = await openChosenStore(context, choice);
    return { names: await longTermNames(store), opened: { store, choice } };
  }
  let store: SecretStore;
  try {
    store = await openConfiguredStore(context, choice.backend, choice.paths, {
      prompter: undefined,
      hooks: context.hooks,
    });
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    context.debug?.(`the secret store cannot be read for the plan: ${error.message}`);
    return { names: new Set(), opened: undefined };
  }
  return { names: await longTermNames(store), opened: undefined };
}

async function longTermNames(store: SecretStore): Promise<ReadonlySet<string>> {
  const refs = await store.list({ kind: "long-term" });
  return new Set(refs.map((ref) => ref.name));
}
