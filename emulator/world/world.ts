import type { EmulatorClock } from "../clock.js";
import { entityAlreadyExists, limitExceeded, noSuchEntity } from "./iam-errors.js";
import { newId, newSecretAccessKey } from "./ids.js";
import type {
  AccessKey,
  RootUser,
  Group,
  ManagedPolicy,
  PolicyDocument,
  Role,
  Session,
  User,
} from "./model.js";

/** AWS's quota: a user has at most two access keys, active or not. */
export const MAX_ACCESS_KEYS_PER_USER = 2;

/** An AWS account known to the emulator. */
export interface Account {
  readonly id: string;
  readonly name: string;
  readonly root: RootUser;
}

/** A named policy document as the evaluator takes it. */
export interface NamedPolicy {
  readonly name: string;
  readonly document: PolicyDocument;
}

/**
 * Everything the emulator knows: accounts, IAM entities, keys and live sessions. Operations read
 * and change it; nothing else holds state (SSO runtime state aside).
 */
export class World {
  readonly accounts = new Map<string, Account>();
  readonly users = new Map<string, User>();
  readonly accessKeys = new Map<string, AccessKey>();
  readonly roles = new Map<string, Role>();
  readonly groups = new Map<string, Group>();
  readonly managedPolicies = new Map<string, ManagedPolicy>();
  readonly sessions = new Map<string, Session>();

  constructor(readonly clock: EmulatorClock) {}

  /** Registers an account if it is new. */
  ensureAccount(id: string, name = ""): Account {
    const existing = this.accounts.get(id);
    if (existing !== undefined) return existing;
    // Unless a seed says otherwise, root is as the practice wants it: MFA on, no keys.
    const root: RootUser = {
      mfaEnabled: true,
      passwordPresent: true,
      accessKeys: 0,
      passwordLastUsed: undefined,
      accessKeyLastUsed: undefined,
      createDate: this.clock.now(),
    };
    const account = { id, name, root };
    this.accounts.set(id, account);
    return account;
  }

  /** The user, or NoSuchEntity. */
  user(accountId: string, userName: string): User {
    const user = this.users.get(`${accountId}/${userName}`);
    if (user === undefined) throw noSuchEntity(`The user with name ${userName} cannot be found.`);
    return user;
  }

  /** Creates a user; EntityAlreadyExists if the name is taken. */
  createUser(accountId: string, userName: string, path = "/"): User {
    const key = `${accountId}/${userName}`;
    if (this.users.has(key))
      throw entityAlreadyExists(`User with name ${userName} already exists.`);
    this.ensureAccount(accountId);
    const user: User = {
      accountId,
      userName,
      userId: newId("AIDA"),
      arn: `arn:aws:iam::${accountId}:user${path}${userName}`,
      path,
      createDate: this.clock.now(),
      inlinePolicies: new Map(),
      attachedPolicyArns: new Set(),
      groupNames: new Set(),
      mfaDevices: [],
      loginProfile: undefined,
      passwordLastUsed: undefined,
    };
    this.users.set(key, user);
    return user;
  }

  /** The user's access keys, oldest first. */
  keysOf(user: User): AccessKey[] {
    return [...this.accessKeys.values()].filter(
      (k) => k.accountId === user.accountId && k.userName === user.userName,
    );
  }

  /** Issues an access key (given or generated); LimitExceeded past two per user. */
  createAccessKey(
    user: User,
    given?: { accessKeyId?: string; secretAccessKey?: string },
  ): AccessKey {
    if (this.keysOf(user).length >= MAX_ACCESS_KEYS_PER_USER) {
      throw limitExceeded(`Cannot exceed quota for AccessKeysPerUser: ${MAX_ACCESS_KEYS_PER_USER}`);
    }
    const key: AccessKey = {
      accessKeyId: given?.accessKeyId ?? newId("AKIA"),
      secretAccessKey: given?.secretAccessKey ?? newSecretAccessKey(),
      accountId: user.accountId,
      userName: user.userName,
      createDate: this.clock.now(),
      status: "Active",
      lastUsed: undefined,
    };
    this.accessKeys.set(key.accessKeyId, key);
    return key;
  }

  /** The user's access key by id, or NoSuchEntity. */
  accessKeyOf(user: User, accessKeyId: string): AccessKey {
    const key = this.accessKeys.get(accessKeyId);
    if (key === undefined || key.accountId !== user.accountId || key.userName !== user.userName) {
      throw noSuchEntity(`The Access Key with id ${accessKeyId} cannot be found.`);
    }
    return key;
  }

  /** The role by name, or NoSuchEntity. */
  role(accountId: string, roleName: string): Role {
    const role = this.roles.get(`${accountId}/${roleName}`);
    if (role === undefined) throw noSuchEntity(`The role with name ${roleName} cannot be found.`);
    return role;
  }

  /** The role an ARN names (`arn:aws:iam::ACCOUNT:role/[PATH/]NAME`), or undefined. */
  roleByArn(arn: string): Role | undefined {
    const match = /^arn:aws:iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(arn);
    if (match?.[1] === undefined || match[2] === undefined) return undefined;
    const role = this.roles.get(`${match[1]}/${match[2]}`);
    return role?.arn === arn ? role : undefined;
  }

  /** Creates a role; EntityAlreadyExists if the name is taken. */
  createRole(
    accountId: string,
    roleName: string,
    trustPolicy: PolicyDocument,
    options: { maxSessionDuration?: number; description?: string; path?: string } = {},
  ): Role {
    const arn = roleArn(accountId, roleName, options.path);
    if (this.roles.has(`${accountId}/${roleName}`))
      throw entityAlreadyExists(`Role with name ${roleName} already exists.`);
    this.ensureAccount(accountId);
    const role: Role = {
      accountId,
      roleName,
      roleId: newId("AROA"),
      arn,
      path: options.path ?? "/",
      createDate: this.clock.now(),
      description: options.description ?? "",
      trustPolicy,
      maxSessionDuration: options.maxSessionDuration ?? 3600,
      inlinePolicies: new Map(),
      attachedPolicyArns: new Set(),
    };
    this.roles.set(`${accountId}/${roleName}`, role);
    return role;
  }

  /** The group by name, or NoSuchEntity. */
  group(accountId: string, groupName: string): Group {
    const group = this.groups.get(`${accountId}/${groupName}`);
    if (group === undefined)
      throw noSuchEntity(`The group with name ${groupName} cannot be found.`);
    return group;
  }

  /** Creates a group; EntityAlreadyExists if the name is taken. */
  createGroup(accountId: string, groupName: string, path = "/"): Group {
    const key = `${accountId}/${groupName}`;
    if (this.groups.has(key))
      throw entityAlreadyExists(`Group with name ${groupName} already exists.`);
    this.ensureAccount(accountId);
    const group: Group = {
      accountId,
      groupName,
      groupId: newId("AGPA"),
      arn: `arn:aws:iam::${accountId}:group${path}${groupName}`,
      path,
      createDate: this.clock.now(),
      inlinePolicies: new Map(),
      attachedPolicyArns: new Set(),
    };
    this.groups.set(key, group);
    return group;
  }

  /** Registers a managed policy under `arn`. */
  addManagedPolicy(arn: string, policyName: string, document: PolicyDocument): ManagedPolicy {
    if (this.managedPolicies.has(arn)) {
      throw entityAlreadyExists(
        `A policy called ${policyName} already exists. Duplicate names are not allowed.`,
      );
    }
    const policy: ManagedPolicy = {
      arn,
      policyName,
      policyId: newId("ANPA"),
      path: "/",
      createDate: this.clock.now(),
      document,
    };
    this.managedPolicies.set(arn, policy);
    return policy;
  }

  /** The managed policy, or NoSuchEntity with AWS's attach-time wording. */
  managedPolicy(arn: string): ManagedPolicy {
    const policy = this.managedPolicies.get(arn);
    if (policy === undefined)
      throw noSuchEntity(`Policy ${arn} does not exist or is not attachable.`);
    return policy;
  }

  /** A user's effective identity policies: inline, attached, and those of its groups. */
  userPolicies(user: User): NamedPolicy[] {
    const policies = this.ownPolicies(user.userName, user.inlinePolicies, user.attachedPolicyArns);
    for (const groupName of user.groupNames) {
      const group = this.groups.get(`${user.accountId}/${groupName}`);
      if (group === undefined) continue;
      policies.push(
        ...this.ownPolicies(group.groupName, group.inlinePolicies, group.attachedPolicyArns),
      );
    }
    return policies;
  }

  /** A role's identity policies: inline and attached. */
  rolePolicies(role: Role): NamedPolicy[] {
    return this.ownPolicies(role.roleName, role.inlinePolicies, role.attachedPolicyArns);
  }

  private ownPolicies(
    owner: string,
    inline: ReadonlyMap<string, PolicyDocument>,
    attached: ReadonlySet<string>,
  ): NamedPolicy[] {
    const policies: NamedPolicy[] = [];
    for (const [name, document] of inline) policies.push({ name: `${owner}/${name}`, document });
    for (const arn of attached) {
      const managed = this.managedPolicies.get(arn);
      if (managed !== undefined) policies.push({ name: arn, document: managed.document });
    }
    return policies;
  }
}

/** `arn:aws:iam::ACCOUNT:role/PATH/NAME`. */
export function roleArn(accountId: string, roleName: string, path = "/"): string {
  return `arn:aws:iam::${accountId}:role${path}${roleName}`;
}
