import { readFile } from "node:fs/promises";
import path from "node:path";
import type { AppContext } from "../app/app-context.js";
import {
  resolveCredentials,
  type ResolveDeps,
  type ResolvedCredentials,
} from "../app/credentials/resolve-credentials.js";
import { createSsoAdapter } from "../aws/sso-adapter.js";
import { createSsoOidcAdapter } from "../aws/sso-oidc-adapter.js";
import { createStsAdapter } from "../aws/sts-adapter.js";
import { namedFileLock } from "../lock/named-file-lock.js";
import { spawnCommandRunner } from "../process/spawn-command-runner.js";
import { clientMfaSource } from "./client-mfa-source.js";
import type { RuntimeContext } from "./context.js";
import type { CredentialRequest } from "./credential-request.js";
import { type OpenedCommandStore, openCommandStore } from "./open-configured-store.js";
import { processTimeLimits } from "./process-time-limits.js";
import { clientSsoSignIn } from "./sso-sign-in.js";

/**
 * The adapters every resolution uses, in or out of the agent, for one environment: STS over the
 * AWS SDK (pointed by `AWS_ENDPOINT_URL[_STS]`), `credential_process` spawned without a shell
 * (in the environment the AWS SDKs give it, less awsafe's passphrase; capped and time-limited),
 * web identity tokens read from their files.
 *
 * @throws UsageError when `AWSAFE_PROCESS_TIMEOUT_SECONDS` is malformed.
 */
export function engineAdapters(
  context: AppContext,
): Pick<ResolveDeps, "sts" | "processRunner" | "readTextFile" | "sso" | "ssoOidc"> {
  return {
    sts: createStsAdapter({ env: context.env }),
    sso: createSsoAdapter({ env: context.env }),
    ssoOidc: createSsoOidcAdapter({ env: context.env }),
    processRunner: spawnCommandRunner({
      env: context.env,
      setting: "credential_process",
      awsCredentials: "keep-aws-credentials",
      timeLimits: processTimeLimits(context.env),
    }),
    readTextFile: (file) => readFile(file, "utf8"),
  };
}

/**
 * A credential request worked out in this process (`--no-agent`, or where no agent can serve):
 * the configured store, whose passphrase may be asked on the terminal; MFA codes from this
 * process's sources; sessions cached in the store under cross-process locks in
 * `<data dir>/locks`, so parallel runs still make one prompt and one STS call. A command that has
 * opened the store already (`rotate`) passes it, so its passphrase is not asked again.
 */
export async function resolveInProcess(
  context: RuntimeContext,
  request: CredentialRequest,
  opened?: OpenedCommandStore,
): Promise<ResolvedCredentials> {
  const { store, choice } = opened ?? (await openCommandStore(context, request.backend));
  const deps: ResolveDeps = {
    store,
    mfa: request.mfaSource ?? clientMfaSource(context, request.mfaToken),
    lock: namedFileLock(path.join(choice.paths.dataDir, "locks")),
    now: context.now,
    ssoSignIn: clientSsoSignIn(context, { mode: "auto" }),
    ...engineAdapters(context),
  };
  return resolveCredentials(context, deps, request.profile, request.options);
}
