import { JsonReader, parseJsonStrict } from "./json-reader.js";
import type {
  Seed,
  SeedAccessKey,
  SeedGroup,
  SeedManagedPolicy,
  SeedMfa,
  SeedOidcProvider,
  SeedPermissionSet,
  SeedPolicy,
  SeedRole,
  SeedRoot,
  SeedSso,
  SeedSsoAccount,
  SeedUser,
} from "./seed-types.js";

/**
 * Parses the `--seed FILE` JSON text into a {@link Seed}; throws with the path of the first bad
 * value. The format is documented in emulator/README.md.
 */
export function parseSeed(text: string, fileName: string): Seed {
  const root = new JsonReader(parseJsonStrict(text, fileName), fileName);
  root.object();
  const sso = root.field("sso");
  return {
    accounts: root.field("accounts").array((a) => {
      const rootUser = a.field("root");
      return {
        id: accountId(a.field("id")),
        name: a.field("name").optionalString() ?? "",
        root: rootUser.absent ? undefined : readRoot(rootUser),
      };
    }),
    users: root.field("users").array(readUser),
    groups: root.field("groups").array(readGroup),
    roles: root.field("roles").array(readRole),
    managedPolicies: root.field("managedPolicies").array(readManagedPolicy),
    oidcProviders: root.field("oidcProviders").array(readOidcProvider),
    sso: sso.absent ? undefined : readSso(sso),
  };
}

function accountId(reader: JsonReader): string {
  const id = reader.string();
  if (!/^\d{12}$/.test(id)) throw reader.fail(`expected a 12-digit account id, found "${id}"`);
  return id;
}

function policy(reader: JsonReader): SeedPolicy {
  return reader.object();
}

function readRoot(r: JsonReader): SeedRoot {
  const days = (field: string) => {
    const reader = r.field(field);
    return reader.absent ? undefined : reader.number(0);
  };
  return {
    mfa: r.field("mfa").boolean(true),
    password: r.field("password").boolean(true),
    accessKeys: r.field("accessKeys").number(0),
    passwordLastUsedDaysAgo: days("passwordLastUsedDaysAgo"),
    accessKeyLastUsedDaysAgo: days("accessKeyLastUsedDaysAgo"),
  };
}

function optionalNumber(reader: JsonReader): number | undefined {
  return reader.absent ? undefined : reader.number(0);
}

function readUser(u: JsonReader): SeedUser {
  const mfa = u.field("mfa");
  return {
    accountId: accountId(u.field("accountId")),
    userName: u.field("userName").string(),
    accessKeys: u.field("accessKeys").array(readAccessKey),
    mfa: mfa.absent ? undefined : readMfa(mfa),
    inlinePolicies: u.field("inlinePolicies").record(policy),
    managedPolicyArns: u.field("managedPolicyArns").array((r) => r.string()),
    groups: u.field("groups").array((r) => r.string()),
    loginProfile: u.field("loginProfile").boolean(false),
    passwordLastUsedDaysAgo: optionalNumber(u.field("passwordLastUsedDaysAgo")),
  };
}

function readAccessKey(k: JsonReader): SeedAccessKey {
  return {
    accessKeyId: k.field("accessKeyId").optionalString(),
    secretAccessKey: k.field("secretAccessKey").optionalString(),
    ageDays: optionalNumber(k.field("ageDays")),
    lastUsedDaysAgo: optionalNumber(k.field("lastUsedDaysAgo")),
  };
}

function readMfa(m: JsonReader): SeedMfa {
  return {
    serialNumber: m.field("serialNumber").optionalString(),
    totpSecret: m.field("totpSecret").optionalString(),
  };
}

function readGroup(g: JsonReader): SeedGroup {
  return {
    accountId: accountId(g.field("accountId")),
    groupName: g.field("groupName").string(),
    inlinePolicies: g.field("inlinePolicies").record(policy),
    managedPolicyArns: g.field("managedPolicyArns").array((r) => r.string()),
  };
}

function readRole(r: JsonReader): SeedRole {
  return {
    accountId: accountId(r.field("accountId")),
    roleName: r.field("roleName").string(),
    path: r.field("path").optionalString(),
    trustPolicy: policy(r.field("trustPolicy")),
    inlinePolicies: r.field("inlinePolicies").record(policy),
    managedPolicyArns: r.field("managedPolicyArns").array((a) => a.string()),
    maxSessionDuration: r.field("maxSessionDuration").number(3600),
  };
}

function readManagedPolicy(p: JsonReader): SeedManagedPolicy {
  return {
    accountId: accountId(p.field("accountId")),
    policyName: p.field("policyName").string(),
    document: policy(p.field("document")),
  };
}

function readOidcProvider(p: JsonReader): SeedOidcProvider {
  return {
    accountId: accountId(p.field("accountId")),
    url: p.field("url").string(),
    audiences: p.field("audiences").array((a) => a.string()),
    signingSecret: p.field("signingSecret").string(),
  };
}

function readSso(s: JsonReader): SeedSso {
  return {
    startUrl: s.field("startUrl").string(),
    region: s.field("region").optionalString() ?? "us-east-1",
    users: s.field("users").array((u) => u.string()),
    permissionSets: s.field("permissionSets").array(readPermissionSet),
    accounts: s.field("accounts").array(readSsoAccount),
  };
}

function readPermissionSet(p: JsonReader): SeedPermissionSet {
  const inline = p.field("inlinePolicy");
  return {
    name: p.field("name").string(),
    managedPolicyArns: p.field("managedPolicyArns").array((a) => a.string()),
    inlinePolicy: inline.absent ? undefined : policy(inline),
    sessionDuration: p.field("sessionDuration").number(3600),
  };
}

function readSsoAccount(a: JsonReader): SeedSsoAccount {
  const id = accountId(a.field("accountId"));
  return {
    accountId: id,
    accountName: a.field("accountName").optionalString() ?? id,
    emailAddress: a.field("emailAddress").optionalString() ?? `aws+${id}@example.com`,
    permissionSets: a.field("permissionSets").array((p) => p.string()),
  };
}
