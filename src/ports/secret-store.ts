import type { CredentialsData } from "./credentials-json.js";

/**
 * The secret store port: where long-term keys, cached sessions, SSO tokens and backups live.
 * Every backend (OS keychain, age-encrypted file, pass, memory) implements {@link SecretStore};
 * one contract suite (`src/store/contract.test-suite.ts`) holds them to the same behaviour.
 */

/** The backends awsafe can keep secrets in. */
export const BackendName = {
  Keychain: "keychain",
  File: "file",
  Pass: "pass",
  Memory: "memory",
} as const;
export type BackendName = (typeof BackendName)[keyof typeof BackendName];

/** What an item holds. The owner's name ({@link ItemRef.name}) means something per kind. */
export const ItemKind = {
  /** An IAM user's access key; owner: the profile name. */
  LongTerm: "long-term",
  /** Temporary credentials from STS; owner: the profile (or source key) the session is for. */
  Session: "session",
  /** An IAM Identity Center access token; owner: the sso-session name (or start URL). */
  SsoToken: "sso-token",
  /** An SSO-OIDC client registration (90 days); owner: the sso-session name (or start URL). */
  SsoClient: "sso-client",
  /** A copy of a file awsafe changed (e.g. `~/.aws/credentials` before import); owner: a label. */
  Backup: "backup",
  /** The journal of an access-key rotation under way; owner: the profile whose key it rotates. */
  Rotation: "rotation",
} as const;
export type ItemKind = (typeof ItemKind)[keyof typeof ItemKind];

/**
 * Names one item: `awsafe/<name>/<kind>` in every backend. `name` may hold any characters a
 * profile name can (slashes, spaces, dots, unicode); backends encode it so it can never escape
 * its namespace.
 */
export interface ItemRef<K extends ItemKind = ItemKind> {
  readonly kind: K;
  readonly name: string;
}

/** A long-term access key of an IAM user. Optional fields are metadata, never needed to sign. */
export interface LongTermKeyItem {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly mfaSerial?: string;
  readonly accountId?: string;
  readonly userName?: string;
  /** ISO 8601 time the key was stored (or created, when known). */
  readonly createdAt?: string;
}

/** Temporary credentials (GetSessionToken, AssumeRole, SSO role credentials). */
export interface SessionItem extends CredentialsData {
  readonly sessionToken: string;
  /** ISO 8601 expiry. */
  readonly expiration: string;
  /** True when the session was obtained with an MFA code. */
  readonly mfa?: boolean;
}

/** An IAM Identity Center (SSO-OIDC) token and the client registration that refreshes it. */
export interface SsoTokenItem {
  readonly accessToken: string;
  /** ISO 8601 expiry of the access token. */
  readonly expiresAt: string;
  readonly refreshToken?: string;
  readonly clientId?: string;
  readonly clientSecret?: string;
  /** ISO 8601 expiry of the client registration. */
  readonly registrationExpiresAt?: string;
  readonly region?: string;
  readonly startUrl?: string;
}

/**
 * A client awsafe registered with SSO-OIDC (`RegisterClient`), reused by every sign-in to the
 * same sso-session until it expires; the client secret is a secret.
 */
export interface SsoClientItem {
  readonly clientId: string;
  readonly clientSecret: string;
  /** ISO 8601 expiry of the registration. */
  readonly expiresAt: string;
  readonly grantTypes?: readonly string[];
  readonly scopes?: readonly string[];
  readonly authorizationEndpoint?: string;
  readonly region?: string;
  readonly startUrl?: string;
}

/** The full text of a file as it was before awsafe changed it. */
export interface BackupItem {
  /** Absolute path the content came from. */
  readonly source: string;
  /** ISO 8601 time the backup was taken. */
  readonly takenAt: string;
  readonly content: string;
  /**
   * SHA-256 (hex) of the text awsafe wrote in the file's place, so a restore can tell whether
   * the file changed since. Backups taken before this field existed lack it.
   */
  readonly replacedWithSha256?: string;
}

/**
 * The journal of one access-key rotation (`awsafe rotate`), written before CreateAccessKey is
 * called and again, with the new key, before anything else is done with its answer: whatever
 * stops the rotation, the next run knows which keys are whose and finishes or undoes it.
 */
export type RotationItem = RotationStarted | RotationKeyCreated;

/** Before CreateAccessKey: no new key is known yet. */
export interface RotationStarted {
  readonly phase: "creating";
  /** ISO 8601 time the rotation started. */
  readonly startedAt: string;
  /** The IAM user whose key is rotated, and its ARN. */
  readonly userName: string;
  readonly userArn: string;
  /** The stored key being replaced. */
  readonly oldAccessKeyId: string;
  /**
   * The user's key IDs just before CreateAccessKey: a key beyond these that nobody stores was
   * made by a call whose answer was lost.
   */
  readonly keysBefore: readonly string[];
}

/** After CreateAccessKey: the new key, kept here before it is checked, stored or used. */
export interface RotationKeyCreated extends Omit<RotationStarted, "phase"> {
  readonly phase: "created";
  readonly newAccessKeyId: string;
  readonly newSecretAccessKey: string;
  /** ISO 8601 time IAM made the new key, when it said. */
  readonly newCreatedAt?: string;
  /** The old key's secret, so it can be stored again if the new key is lost before the end. */
  readonly oldSecretAccessKey: string;
}

/** The value type of each item kind. */
export interface ItemValues {
  readonly "long-term": LongTermKeyItem;
  readonly session: SessionItem;
  readonly "sso-token": SsoTokenItem;
  readonly "sso-client": SsoClientItem;
  readonly backup: BackupItem;
  readonly rotation: RotationItem;
}

/** One change of a batch given to {@link SecretStore.apply}. */
export type StoreChange =
  | { readonly op: "put"; readonly item: StoredItem }
  | { readonly op: "delete"; readonly ref: ItemRef };

/** An item together with its value, kind and value type kept in step. */
export type StoredItem = {
  readonly [K in ItemKind]: { readonly ref: ItemRef<K>; readonly value: ItemValues[K] };
}[ItemKind];

/** Narrows {@link SecretStore.list}; absent fields match everything. */
export interface ItemFilter {
  readonly kind?: ItemKind;
  readonly name?: string;
}

/**
 * A place to keep secrets. Values are small JSON documents, validated on the way out: a value
 * that does not match its kind is a {@link StoreError}, never a half-read item. All failures the
 * user can fix (locked keychain, wrong passphrase, tampered file, missing tool) are StoreErrors
 * (exit 69) with a hint.
 */
export interface SecretStore {
  readonly backend: BackendName;
  /** Where the secrets are, for messages: "Secret Service", a file path, a pass store. */
  readonly location: string;
  /** The item's value, or `undefined` when there is none. */
  get<K extends ItemKind>(ref: ItemRef<K>): Promise<ItemValues[K] | undefined>;
  /** Creates or replaces the item. */
  put<K extends ItemKind>(ref: ItemRef<K>, value: ItemValues[K]): Promise<void>;
  /** Removes the item; `false` when there was none. */
  delete(ref: ItemRef): Promise<boolean>;
  /** The items that exist, sorted by name then kind. Items of kinds this version does not know are left out. */
  list(filter?: ItemFilter): Promise<ItemRef[]>;
  /**
   * Applies several changes. The encrypted file applies them in one write (one KDF, all or
   * nothing); other backends apply them in order and stop at the first failure.
   */
  apply(changes: readonly StoreChange[]): Promise<void>;
  /**
   * Checks, without writing, what a write would need that a read does not (pass initialised,
   * the file store's directory private): a dry run calls it to fail as the real run would.
   * A StoreError when it would fail; absent when a backend has nothing to check.
   */
  checkWritable?(): Promise<void>;
}
