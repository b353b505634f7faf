import type { Finding } from "../app/doctor/finding.js";
import { type AssumedRole, checkIamUser } from "../app/iam/check-iam-user.js";
import { readUserPolicies } from "../app/iam/read-user-policies.js";
import type { ResolvedCredentials } from "../app/credentials/resolve-credentials.js";
import { loadSharedConfig } from "../app/load-shared-config.js";
import { createIamAdapter } from "../aws/iam-adapter.js";
import { createStsAdapter } from "../aws/sts-adapter.js";
import { AppError, AuthError, ConfigError } from "../errors.js";
import type { IamUserCaller } from "../iam/caller-context.js";
import { readPolicyDocument } from "../iam/policy-document.js";
import { createPlanner } from "../plan/plan-credentials.js";
import type { RuntimeContext } from "./context.js";
import { storedKeyProfiles } from "./inspect-store.js";
import { credentialsForIam } from "./iam-credentials.js";
import { obtainCredentials } from "./obtain-credentials.js";

/** The profile's credentials do not come from an IAM user's keys (SSO, web identity, ...). */
export class NoIamUserError extends ConfigError {}

/** What `iam check` found, and whose credentials read it. */
export interface IamUserCheck {
  readonly user: IamUserCaller;
  readonly reader: string;
  readonly findings: readonly Finding[];
}

/**
 * `iam check <profile>`: the IAM user whose keys the profile's chain starts from (found with
 * STS GetCallerIdentity on those keys, which no policy can deny), its policies and those of its
 * groups, and the roles every profile over the same keys assumes (their trust policies), all
 * read with the profile's own credentials (a role with `audit-readonly` rights, or the user's
 * session); a role in another account is read with its own profile's credentials.
 *
 * @throws ConfigError when the profile's chain does not start with an IAM user's keys.
 */
export async function checkProfileUser(
  context: RuntimeContext,
  profile: string,
  backend: string | undefined,
): Promise<IamUserCheck> {
  const shared = await loadSharedConfig(context);
  const stored = (await storedKeyProfiles(context, backend)) ?? new Set<string>();
  const plan = createPlanner(shared.data, { storedKeyProfiles: stored });
  const [source] = plan(profile).steps;
  if (source.kind !== "storedKeys" && source.kind !== "staticKeys") {
    throw new NoIamUserError(
      `Profile "${profile}" gets its credentials from ${source.kind === "sso" || source.kind === "ssoToken" ? "IAM Identity Center" : "a source other than an IAM user's keys"}: there is no IAM user behind it to check`,
      {
        hint: "Name a profile whose chain starts with an IAM user's keys (`awsafe explain <profile>` shows the chain)",
      },
    );
  }
  const sts = createStsAdapter({ env: context.env, debug: context.debug });
  const iam = createIamAdapter({ env: context.env, debug: context.debug });
  const request = (name: string, noSession: boolean) => ({
    profile: name,
    options: { region: undefined, durationSeconds: undefined, noSession },
    agent: true,
    backend,
    mfaToken: undefined,
  });
  const keys = await obtainCredentials(context, request(source.profile, true));
  const identity = await sts.getCallerIdentity(keys.credentials, { profile: source.profile });
  const user = iamUser(identity.arn, identity.userId, source.profile);
  const reader = await credentialsForIam(context, profile, backend);
  const readerIdentity = await sts.getCallerIdentity(reader.credentials, { profile });
  const policies = await readUserPolicies(iam, reader.credentials, user.userName, {
    profile,
  }).catch((error: unknown) => {
    throw cannotRead(error, user, profile, readerIdentity.arn);
  });
  const roles = await readRoles(context, {
    plan,
    profiles: [...shared.data.profiles.keys()],
    sourceProfile: source.profile,
    reader,
    readerAccount: readerIdentity.account,
    read: (credentials, name, viaProfile) =>
      iam.getRole(credentials, name, { profile: viaProfile }),
    credentialsOf: async (name) =>
      (await obtainCredentials(context, request(name, false))).credentials,
  });
  return {
    user,
    reader: readerIdentity.arn,
    findings: checkIamUser({ user, policies, roles, now: context.now() }),
  };
}

/** A refusal to read the user's policies, said with the permissions that would allow it. */
function cannotRead(error: unknown, user: IamUserCaller, profile: string, reader: string): unknown {
  if (!(error instanceof AuthError)) return error;
  return new AuthError(
    `Cannot read the policies of ${user.arn} as ${reader} (profile "${profile}"): ${error.message}`,
    {
      hint: "Check with a profile whose role may read IAM in that account: `awsafe iam policy audit-readonly` prints the policy it needs",
      cause: error,
    },
  );
}

function iamUser(arn: string, userId: string, profile: string): IamUserCaller {
  const name = /^arn:[^:]*:iam::\d{12}:user\/(?:.*\/)?([^/]+)$/.exec(arn)?.[1];
  if (name === undefined) {
    throw new ConfigError(`The keys of profile "${profile}" belong to ${arn}, not to an IAM user`, {
      hint: "iam check reads IAM users; root's keys should be deleted (see awsafe doctor)",
    });
  }
  return { arn, userName: name, userId };
}

interface RoleReading {
  readonly plan: ReturnType<typeof createPlanner>;
  readonly profiles: readonly string[];
  readonly sourceProfile: string;
  readonly reader: ResolvedCredentials;
  readonly readerAccount: string;
  readonly read: (
    credentials: ResolvedCredentials["credentials"],
    roleName: string,
    profile: string,
  ) => Promise<{ readonly trustPolicy: string }>;
  readonly credentialsOf: (profile: string) => Promise<ResolvedCredentials["credentials"]>;
}

/** The first role of every profile over the same keys, with its trust policy where readable. */
async function readRoles(context: RuntimeContext, reading: RoleReading): Promise<AssumedRole[]> {
  const byArn = new Map<string, string[]>();
  for (const name of reading.profiles) {
    let steps;
    try {
      steps = reading.plan(name).steps;
    } catch (error) {
      if (error instanceof AppError) continue;
      throw error;
    }
    const [source, ...rest] = steps;
    const role = rest.find((step) => step.kind === "assumeRole");
    if (source.profile !== reading.sourceProfile || role?.kind !== "assumeRole") continue;
    byArn.set(role.roleArn, [...(byArn.get(role.roleArn) ?? []), name]);
  }
  const roles: AssumedRole[] = [];
  for (const [arn, profiles] of byArn) {
    const account = /^arn:[^:]*:iam::(\d{12}):role\//.exec(arn)?.[1];
    const roleName = arn.slice(arn.lastIndexOf("/") + 1);
    const viaProfile = profiles[0] ?? reading.sourceProfile;
    try {
      const credentials =
        account === reading.readerAccount
          ? reading.reader.credentials
          : await reading.credentialsOf(viaProfile);
      const role = await reading.read(credentials, roleName, viaProfile);
      roles.push({
        arn,
        profiles,
        trust: readPolicyDocument(role.trustPolicy, `trust policy of ${roleName}`),
      });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      context.debug?.(`cannot read the trust policy of ${arn}: ${error.message}`);
      roles.push({ arn, profiles, trust: undefined, unreadable: error.message });
    }
  }
  return roles;
}
