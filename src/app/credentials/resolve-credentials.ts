import { stringProperty } from "../../config/config-data.js";
import { selectedRegion } from "../../config/locate-shared-config.js";
import { ConfigError } from "../../errors.js";
import type { CredentialPlan } from "../../plan/credential-plan.js";
import { planCredentials } from "../../plan/plan-credentials.js";
import type { StsPort } from "../../ports/aws/sts.js";
import type { SsoOidcPort } from "../../ports/aws/sso-oidc.js";
import type { SsoPort } from "../../ports/aws/sso.js";
import type { SsoSignIn } from "../../ports/sso-sign-in.js";
import { ssoAccessToken } from "../sso/token-source.js";
import type { AwsCredentials } from "../../ports/aws/credentials.js";
import type { CommandRunner } from "../../ports/command-runner.js";
import type { NamedLock } from "../../ports/lock.js";
import type { MfaCodeSource } from "../../ports/mfa-code-source.js";
import type { SecretStore } from "../../ports/secret-store.js";
import { buildProvider } from "../../providers/build-provider.js";
import type { ProviderOptions } from "../../providers/credential-provider.js";
import type { AppContext } from "../app-context.js";
import { isAwsafeProcessLine } from "../../config/awsafe-process-line.js";
import { loadSharedConfig } from "../load-shared-config.js";

/** What resolving needs besides the context; `runtime/` chooses the adapters. */
export interface ResolveDeps {
  readonly store: SecretStore;
  readonly mfa: MfaCodeSource;
  /** The lock sessions are cached under; absent: nothing is cached. */
  readonly lock?: NamedLock | undefined;
  readonly sts: StsPort;
  /** Runs `credential_process`. */
  readonly processRunner: CommandRunner;
  /** Reads a web identity token file. */
  readonly readTextFile: (path: string) => Promise<string>;
  readonly now: () => Date;
  /** The IAM Identity Center portal (role credentials) and its token service (refreshes). */
  readonly sso: SsoPort;
  readonly ssoOidc: SsoOidcPort;
  /** Signs in when a profile's SSO token is missing or can no longer be renewed; absent: says to. */
  readonly ssoSignIn: SsoSignIn | undefined;
}

/** The credentials of a profile and the region to use them in. */
export interface ResolvedCredentials {
  readonly profile: string;
  readonly credentials: AwsCredentials;
  /** `--region`, then `AWS_REGION` / `AWS_DEFAULT_REGION`, then the profile's. */
  readonly region: string | undefined;
}

/**
 * Credentials for `profile`: plans it from the shared files and the keys in the store, then runs
 * the plan, reusing cached sessions (one MFA prompt and one STS call per refresh, across
 * processes). This is `credential-process`, `export` and `exec` without the printing.
 */
export async function resolveCredentials(
  context: AppContext,
  deps: ResolveDeps,
  profile: string,
  options: ProviderOptions = {},
): Promise<ResolvedCredentials> {
  const shared = await loadSharedConfig(context);
  const stored = await deps.store.list({ kind: "long-term" });
  const plan = planCredentials(shared.data, profile, {
    storedKeyProfiles: new Set(stored.map((ref) => ref.name)),
  });
  context.debug?.(`plan for profile "${profile}": ${planSteps(plan)}`);
  const [source] = plan.steps;
  if (source.kind === "process" && isAwsafeProcessLine(source.command)) {
    throw callsItself(source.profile);
  }
  const properties = shared.data.profiles.get(profile);
  const region =
    options.region ??
    selectedRegion(
      context.env,
      properties === undefined ? undefined : stringProperty(properties, "region"),
    );
  const provider = buildProvider(
    plan,
    {
      store: deps.store,
      sts: deps.sts,
      config: shared.data,
      env: context.env,
      mfa: deps.mfa,
      processRunner: deps.processRunner,
      readTextFile: deps.readTextFile,
      now: deps.now,
      ...(deps.lock === undefined ? {} : { lock: deps.lock }),
      ...(context.debug === undefined ? {} : { debug: context.debug }),
      sso: deps.sso,
      ssoToken: (target, refused) =>
        ssoAccessToken(
          target,
          {
            store: deps.store,
            oidc: deps.ssoOidc,
            lock: deps.lock,
            now: deps.now,
            signIn: deps.ssoSignIn,
          },
          refused,
        ),
    },
    { ...options, region },
  );
  return { profile, credentials: await provider(), region };
}

/** The steps of a plan in one line, for `--debug`: a plan holds no secret (see credential-plan.ts). */
function planSteps(plan: CredentialPlan): string {
  return plan.steps
    .map((step) => {
      const role = "roleArn" in step ? ` ${step.roleArn}` : "";
      const serial: string | undefined = "mfaSerial" in step ? step.mfaSerial : undefined;
      const mfa = serial === undefined ? "" : ` mfa ${serial}`;
      return `${step.kind}[${step.profile}${role}${mfa}]`;
    })
    .join(" → ");
}

/**
 * A profile whose only source is awsafe's own `credential_process` line would make awsafe run
 * itself, without end: its keys are not in this store (or another store is in use).
 */
function callsItself(profile: string): ConfigError {
  return new ConfigError(
    `Profile "${profile}" gets its credentials from awsafe itself (credential_process), but no key is stored for it`,
    {
      hint: `Store its key with \`awsafe add ${profile}\` (or choose the store that has it with --backend / AWSAFE_BACKEND)`,
    },
  );
}
