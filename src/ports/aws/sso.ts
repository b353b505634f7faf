import type { AwsCallContext } from "./call-context.js";
import type { TemporaryCredentials } from "./credentials.js";

/** An account the signed-in IAM Identity Center user can reach. */
export interface SsoAccount {
  readonly accountId: string;
  readonly accountName: string | undefined;
  readonly emailAddress: string | undefined;
}

/** A role (permission set) the user can take in an account. */
export interface SsoRole {
  readonly accountId: string;
  readonly roleName: string;
}

/** Where a portal call goes: the sso-session's region, and its start URL for messages. */
export interface SsoCallContext extends AwsCallContext {
  readonly region: string;
  readonly startUrl?: string | undefined;
}

/**
 * The IAM Identity Center portal (the `sso` service), called with the user's access token, never
 * with AWS credentials. Lists return every page. Every method rejects with an AppError: an
 * AuthError when the token is refused or the user lacks the account or role, an unavailable
 * error when the portal could not be reached or kept throttling after retries.
 */
export interface SsoPort {
  getRoleCredentials(
    accessToken: string,
    role: SsoRole,
    context: SsoCallContext,
  ): Promise<TemporaryCredentials>;
  listAccounts(accessToken: string, context: SsoCallContext): Promise<SsoAccount[]>;
  /** One page of ListAccounts (for callers that pace and retry each call themselves). */
  listAccountsPage?(
    accessToken: string,
    nextToken: string | undefined,
    context: SsoCallContext,
  ): Promise<{ readonly items: readonly SsoAccount[]; readonly next: string | undefined }>;
  listAccountRoles(
    accessToken: string,
    accountId: string,
    context: SsoCallContext,
  ): Promise<SsoRole[]>;
  /** Ends the portal session of `accessToken` (the token is then refused everywhere). */
  logout(accessToken: string, context: SsoCallContext): Promise<void>;
  /** Lets go of the connections an adapter kept between calls (none by default). */
  close?(): void;
}
