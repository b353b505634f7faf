import { AuthError } from "../../errors.js";
import { AwsUnavailableError } from "../../ports/aws/aws-errors.js";
import type { SsoOidcPort, SsoTokens } from "../../ports/aws/sso-oidc.js";
import type { NamedLock } from "../../ports/lock.js";
import type { SecretStore } from "../../ports/secret-store.js";
import type { SsoSignIn } from "../../ports/sso-sign-in.js";
import { describeSsoTarget, ssoLoginCommand, type SsoTarget } from "../../plan/sso-target.js";
import { readStoredClient, readStoredSignIn, signInChanges, tokenItem } from "./stored-sso.js";

/**
 * An sso-session token is renewed with its refresh token once less than this remains (the AWS
 * CLI's window, SPECS §b.4), so a token handed out always has time left.
 */
export const ssoRefreshWindowMs = 15 * 60 * 1000;

/** What {@link ssoAccessToken} works with; the runtime chooses each. */
export interface TokenSourceDeps {
  readonly store: SecretStore;
  readonly oidc: SsoOidcPort;
  /** Single flight: one refresh or sign-in per target at a time (the agent's, or a file lock). */
  readonly lock: NamedLock | undefined;
  readonly now: () => Date;
  /** Runs a sign-in when no token can be had otherwise; absent: the command says to sign in. */
  readonly signIn: SsoSignIn | undefined;
}

/**
 * A usable IAM Identity Center access token for `target`: the stored one while it has time
 * left; else, for an sso-session, one refresh with the refresh token (keeping the old refresh
 * token when the answer has none); else a sign-in (`deps.signIn`). Legacy tokens (a profile with
 * `sso_start_url`) cannot be refreshed and are not renewed by themselves: once expired, the
 * person is told to sign in again (exit 77). Refreshes and sign-ins happen under the lock
 * `sso-token <key>`, so parallel requests make one of each: the others wait and find it stored.
 *
 * `refused`: the portal refused the stored token (logged out elsewhere, revoked): it is not used.
 */
export async function ssoAccessToken(
  target: SsoTarget,
  deps: TokenSourceDeps,
  refused = false,
): Promise<string> {
  const usable = async (): Promise<string | undefined> => {
    const stored = await readStoredSignIn(deps.store, target);
    if (stored === undefined || refused) return undefined;
    return fresh(stored.tokens, target, deps.now()) ? stored.tokens.accessToken : undefined;
  };
  const quick = await usable();
  if (quick !== undefined) return quick;
  const work = async () => (await usable()) ?? renew(target, deps, refused);
  return deps.lock === undefined ? work() : deps.lock.withLock(`sso-token ${target.key}`, work);
}

/** A token to hand out as it is: an sso-session's with more than the window left, a legacy one until it expires. */
function fresh(tokens: SsoTokens, target: SsoTarget, now: Date): boolean {
  const left = tokens.expiresAt.getTime() - now.getTime();
  const refreshable = target.session !== undefined && tokens.refreshToken !== undefined;
  return refreshable ? left > ssoRefreshWindowMs : left > 0;
}

async function renew(target: SsoTarget, deps: TokenSourceDeps, refused: boolean): Promise<string> {
  const stored = await readStoredSignIn(deps.store, target);
  const now = deps.now();
  let reason = stored === undefined ? "no sign-in is stored" : "the sign-in has expired";
  if (refused) reason = "IAM Identity Center no longer accepts the stored sign-in";
  const { client } = stored ?? {};
  if (
    stored !== undefined &&
    target.session !== undefined &&
    stored.tokens.refreshToken !== undefined &&
    client !== undefined &&
    client.expiresAt.getTime() > now.getTime()
  ) {
    try {
      const outcome = await deps.oidc.createToken(
        client,
        { kind: "refresh_token", refreshToken: stored.tokens.refreshToken },
        { region: target.region, startUrl: target.startUrl, profile: target.profile },
      );
      if (outcome.status === "issued") {
        const tokens = {
          ...outcome.tokens,
          refreshToken: outcome.tokens.refreshToken ?? stored.tokens.refreshToken,
        };
        await deps.store.put(
          { kind: "sso-token", name: target.key },
          tokenItem(target, tokens, client),
        );
        return tokens.accessToken;
      }
    } catch (error) {
      // Unreachable for now: a token with time left still serves; otherwise the failure stands.
      if (error instanceof AwsUnavailableError) {
        if (!refused && stored.tokens.expiresAt.getTime() > now.getTime()) {
          return stored.tokens.accessToken;
        }
        throw error;
      }
      if (!(error instanceof AuthError)) throw error;
      reason = "the IAM Identity Center session can no longer be renewed";
    }
  }
  if (stored !== undefined && !refused && stored.tokens.expiresAt.getTime() > now.getTime()) {
    return stored.tokens.accessToken;
  }
  if (target.session === undefined && stored !== undefined)
    throw legacyExpired(target, stored.tokens);
  if (deps.signIn === undefined) throw notSignedIn(target, reason);
  const signedIn = await deps.signIn({
    key: target.key,
    session: target.session,
    startUrl: target.startUrl,
    region: target.region,
    scopes: target.scopes,
    profile: target.profile,
    reason,
    client: await readStoredClient(deps.store, target),
  });
  await deps.store.apply(signInChanges(target, signedIn.tokens, signedIn.client));
  return signedIn.tokens.accessToken;
}

function legacyExpired(target: SsoTarget, tokens: SsoTokens): AuthError {
  const profile = target.profile === undefined ? "" : ` (profile "${target.profile}")`;
  return new AuthError(
    `The IAM Identity Center sign-in to ${target.startUrl}${profile} expired at ${tokens.expiresAt.toISOString()}; a profile with sso_start_url of its own cannot renew it`,
    {
      hint: `Run \`${ssoLoginCommand(target)}\`; move sso_start_url and sso_region into an [sso-session] section to have it renewed for you`,
    },
  );
}

/** Nobody here can sign in, or a sign-in is not wanted: the person is told how. */
export function notSignedIn(target: SsoTarget, reason: string): AuthError {
  const profile = target.profile === undefined ? "" : ` for profile "${target.profile}"`;
  return new AuthError(
    `Cannot get an IAM Identity Center token${profile}: ${reason} for ${describeSsoTarget(target)}`,
    { hint: `Run \`${ssoLoginCommand(target)}\`` },
  );
}
