import { createHash } from "node:crypto";
import type { EmulatorClock } from "../clock.js";
import type { SsoAccount, SsoDirectory } from "../sso/sso-directory.js";
import { newTotpSecret } from "../world/ids.js";
import type { Role } from "../world/model.js";
import { World } from "../world/world.js";
import { AWS_MANAGED_POLICIES } from "./aws-managed-policies.js";
import type { Seed, SeedOidcProvider, SeedSso, SeedUser } from "./seed-types.js";

/** An OIDC provider registered for AssumeRoleWithWebIdentity. */
export interface OidcProvider {
  readonly arn: string;
  readonly accountId: string;
  /** The issuer without `https://`, as IAM names the provider and its condition keys. */
  readonly host: string;
  readonly audiences: readonly string[];
  readonly signingSecret: string;
}

/** Everything a seed turns into. */
export interface SeededState {
  readonly world: World;
  readonly sso: SsoDirectory | undefined;
  readonly oidcProviders: ReadonlyMap<string, OidcProvider>;
}

/** Builds the emulator's state from a seed, generating keys and secrets the seed leaves out. */
export function buildWorld(seed: Seed, clock: EmulatorClock): SeededState {
  const world = new World(clock);
  for (const [arn, document] of AWS_MANAGED_POLICIES) {
    world.addManagedPolicy(arn, arn.slice(arn.lastIndexOf("/") + 1), JSON.stringify(document));
  }
  for (const account of seed.accounts) {
    const { root } = world.ensureAccount(account.id, account.name);
    if (account.root !== undefined) {
      root.mfaEnabled = account.root.mfa;
      root.passwordPresent = account.root.password;
      root.accessKeys = account.root.accessKeys;
      root.passwordLastUsed = daysAgo(clock, account.root.passwordLastUsedDaysAgo);
      root.accessKeyLastUsed = daysAgo(clock, account.root.accessKeyLastUsedDaysAgo);
    }
  }
  for (const p of seed.managedPolicies) {
    const arn = `arn:aws:iam::${p.accountId}:policy/${p.policyName}`;
    world.addManagedPolicy(arn, p.policyName, JSON.stringify(p.document));
  }
  for (const g of seed.groups) {
    const group = world.createGroup(g.accountId, g.groupName);
    for (const [name, doc] of Object.entries(g.inlinePolicies))
      group.inlinePolicies.set(name, JSON.stringify(doc));
    for (const arn of g.managedPolicyArns)
      group.attachedPolicyArns.add(world.managedPolicy(arn).arn);
  }
  for (const u of seed.users) addUser(world, u);
  for (const r of seed.roles) {
    const role = world.createRole(r.accountId, r.roleName, JSON.stringify(r.trustPolicy), {
      maxSessionDuration: r.maxSessionDuration,
      ...(r.path === undefined ? {} : { path: r.path }),
    });
    for (const [name, doc] of Object.entries(r.inlinePolicies))
      role.inlinePolicies.set(name, JSON.stringify(doc));
    for (const arn of r.managedPolicyArns)
      role.attachedPolicyArns.add(world.managedPolicy(arn).arn);
  }
  const oidcProviders = new Map(seed.oidcProviders.map((p) => [oidcArn(p), toProvider(p)]));
  return { world, sso: seed.sso && buildSso(world, seed.sso), oidcProviders };
}

function addUser(world: World, u: SeedUser): void {
  const user = world.createUser(u.accountId, u.userName);
  for (const [name, doc] of Object.entries(u.inlinePolicies))
    user.inlinePolicies.set(name, JSON.stringify(doc));
  for (const arn of u.managedPolicyArns) user.attachedPolicyArns.add(world.managedPolicy(arn).arn);
  for (const groupName of u.groups)
    user.groupNames.add(world.group(u.accountId, groupName).groupName);
  for (const k of u.accessKeys) {
    const key = world.createAccessKey(user, {
      ...(k.accessKeyId === undefined ? {} : { accessKeyId: k.accessKeyId }),
      ...(k.secretAccessKey === undefined ? {} : { secretAccessKey: k.secretAccessKey }),
    });
    key.createDate = daysAgo(world.clock, k.ageDays) ?? key.createDate;
    const used = daysAgo(world.clock, k.lastUsedDaysAgo);
    if (used !== undefined) key.lastUsed = { date: used, serviceName: "sts", region: "us-east-1" };
  }
  user.passwordLastUsed = daysAgo(world.clock, u.passwordLastUsedDaysAgo);
  if (u.mfa !== undefined) {
    user.mfaDevices.push({
      serialNumber: u.mfa.serialNumber ?? `arn:aws:iam::${u.accountId}:mfa/${u.userName}`,
      totpSecret: u.mfa.totpSecret ?? newTotpSecret(),
      enableDate: world.clock.now(),
      lastUsedStep: -1,
    });
  }
  if (u.loginProfile) user.loginProfile = { createDate: world.clock.now() };
}

function daysAgo(clock: EmulatorClock, days: number | undefined): Date | undefined {
  return days === undefined ? undefined : new Date(clock.nowMs() - days * 86_400_000);
}

function oidcArn(p: SeedOidcProvider): string {
  return `arn:aws:iam::${p.accountId}:oidc-provider/${issuerHost(p.url)}`;
}

function toProvider(p: SeedOidcProvider): OidcProvider {
  return {
    arn: oidcArn(p),
    accountId: p.accountId,
    host: issuerHost(p.url),
    audiences: p.audiences,
    signingSecret: p.signingSecret,
  };
}

/** IAM names an OIDC provider by its issuer URL without the scheme. */
export function issuerHost(url: string): string {
  return url.replace(/^https:\/\//, "").replace(/\/$/, "");
}

function buildSso(world: World, sso: SeedSso): SsoDirectory {
  const sets = new Map(sso.permissionSets.map((p) => [p.name, p]));
  const accounts: SsoAccount[] = sso.accounts.map((a) => {
    world.ensureAccount(a.accountId, a.accountName);
    const roles = new Map<string, Role>();
    for (const name of a.permissionSets) {
      const set = sets.get(name);
      if (set === undefined) throw new Error(`sso.accounts: unknown permission set "${name}"`);
      const role = createSsoRole(world, a.accountId, name);
      for (const arn of set.managedPolicyArns)
        role.attachedPolicyArns.add(world.managedPolicy(arn).arn);
      if (set.inlinePolicy !== undefined)
        role.inlinePolicies.set("AwsSSOInlinePolicy", JSON.stringify(set.inlinePolicy));
      roles.set(name, role);
    }
    return {
      accountId: a.accountId,
      accountName: a.accountName,
      emailAddress: a.emailAddress,
      roles,
    };
  });
  return {
    startUrl: sso.startUrl,
    region: sso.region,
    users: sso.users,
    accounts,
    sessionDurations: new Map(sso.permissionSets.map((p) => [p.name, p.sessionDuration])),
  };
}

// Identity Center provisions `AWSReservedSSO_<set>_<16 hex>` roles under this path.
function createSsoRole(world: World, accountId: string, permissionSet: string): Role {
  const suffix = createHash("sha256")
    .update(`${accountId}/${permissionSet}`)
    .digest("hex")
    .slice(0, 16);
  const trust = {
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: {
          Federated: `arn:aws:iam::${accountId}:saml-provider/AWSSSO_emulator_DO_NOT_DELETE`,
        },
        Action: ["sts:AssumeRoleWithSAML", "sts:TagSession"],
      },
    ],
  };
  return world.createRole(
    accountId,
    `AWSReservedSSO_${permissionSet}_${suffix}`,
    JSON.stringify(trust),
    {
      path: "/aws-reserved/sso.amazonaws.com/",
      maxSessionDuration: 43200,
    },
  );
}
