import { checkAccount } from "../app/doctor/account-checks.js";
import { type Finding, finding } from "../app/doctor/finding.js";
import { checkMachine, type DoctorSection } from "../app/doctor/run-doctor.js";
import type { AgentHealth, StoreHealth } from "../app/doctor/machine/tool-checks.js";
import { createIamAdapter } from "../aws/iam-adapter.js";
import { createStsAdapter } from "../aws/sts-adapter.js";
import { stsClockSkew } from "../aws/sts-clock.js";
import { AppError, ConfigError, UsageError } from "../errors.js";
import { programOutput } from "../process/program-output.js";
import { locateAwsafePaths } from "../settings/awsafe-paths.js";
import { agentStatus } from "./agent-control.js";
import type { RuntimeContext } from "./context.js";
import { checkProfileUser, NoIamUserError } from "./iam-user-check.js";
import { inspectStore } from "./inspect-store.js";
import { credentialsForIam } from "./iam-credentials.js";

/** What `awsafe doctor` was asked. */
export interface DoctorOptions {
  /** The profile whose credentials the account checks use; none: machine checks only. */
  readonly profile: string | undefined;
  readonly backend: string | undefined;
  /** The current directory, whose `.envrc` / `.env` are checked. */
  readonly cwd: string;
}

/**
 * The doctor's sections: this machine always; with a profile, the account its credentials
 * reach and the IAM user behind this machine's keys (as `iam check` reads it).
 */
export async function runDoctorChecks(
  context: RuntimeContext,
  options: DoctorOptions,
): Promise<DoctorSection[]> {
  const view = await inspectStore(context, options.backend);
  const store: StoreHealth =
    view.status === "open"
      ? { status: "open", backend: view.backend, location: view.location, keys: view.keyIds.size }
      : { status: view.status, backend: view.backend, message: view.message, hint: view.hint };
  const machine = await checkMachine(context, {
    cwd: options.cwd,
    awsafePaths: locateAwsafePaths(context.env, context.platform),
    store,
    storedKeyProfiles: view.status === "open" ? new Set(view.keyIds.keys()) : new Set(),
    agent: () => agentHealth(context),
    awsCliVersion: () => programOutput("aws", ["--version"], context.env),
    clockSkew: () => stsClockSkew(context.env, context.now),
  });
  const sections: DoctorSection[] = [{ title: "this machine", findings: machine }];
  if (options.profile !== undefined)
    sections.push(...(await accountSections(context, options.profile, options.backend)));
  return sections;
}

async function agentHealth(context: RuntimeContext): Promise<AgentHealth> {
  try {
    const status = await agentStatus(context);
    return status === undefined
      ? { running: false }
      : { running: true, pid: status.pid, memoryProtected: status.memoryProtected };
  } catch (error) {
    if (error instanceof AppError) return { running: false };
    throw error;
  }
}

async function accountSections(
  context: RuntimeContext,
  profile: string,
  backend: string | undefined,
): Promise<DoctorSection[]> {
  let title = `account (profile "${profile}")`;
  let account: Finding[];
  try {
    const resolved = await credentialsForIam(context, profile, backend);
    const identity = await createStsAdapter({
      env: context.env,
      debug: context.debug,
    }).getCallerIdentity(resolved.credentials, { profile });
    title = `account ${identity.account} (profile "${profile}", as ${identity.arn})`;
    account = await checkAccount({
      iam: createIamAdapter({ env: context.env, debug: context.debug }),
      credentials: resolved.credentials,
      context: { profile },
      now: context.now(),
    });
  } catch (error) {
    // A profile that is unknown or misconfigured is bad input, with its own exit code (78, 64).
    if (
      !(error instanceof AppError) ||
      error instanceof ConfigError ||
      error instanceof UsageError
    ) {
      throw error;
    }
    account = [
      finding(
        "credentials",
        "fail",
        `cannot get credentials for profile "${profile}": ${error.message}`,
        error.hint,
      ),
    ];
    return [{ title, findings: account }];
  }
  return [{ title, findings: account }, await userSection(context, profile, backend)];
}

async function userSection(
  context: RuntimeContext,
  profile: string,
  backend: string | undefined,
): Promise<DoctorSection> {
  try {
    const check = await checkProfileUser(context, profile, backend);
    return { title: `IAM user ${check.user.arn} (this machine's keys)`, findings: check.findings };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    if (error instanceof NoIamUserError) {
      return {
        title: "IAM user behind this machine's keys",
        findings: [finding("iam-user", "ok", `none: ${error.message}`)],
      };
    }
    const status = error instanceof ConfigError ? "warn" : "fail";
    return {
      title: "IAM user behind this machine's keys",
      findings: [finding("iam-user", status, `not checked: ${error.message}`, error.hint)],
    };
  }
}
