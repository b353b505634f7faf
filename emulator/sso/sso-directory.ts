import type { Role } from "../world/model.js";

/** An account assigned in Identity Center, with one role per permission set. */
export interface SsoAccount {
  readonly accountId: string;
  readonly accountName: string;
  readonly emailAddress: string;
  /** Permission set name → the AWSReservedSSO_* role it provisions in this account. */
  readonly roles: ReadonlyMap<string, Role>;
}

/** The seeded IAM Identity Center instance. */
export interface SsoDirectory {
  readonly startUrl: string;
  readonly region: string;
  readonly users: readonly string[];
  readonly accounts: readonly SsoAccount[];
  /** Permission set name → role session length in seconds. */
  readonly sessionDurations: ReadonlyMap<string, number>;
}
