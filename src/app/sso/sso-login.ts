import type { SecretStore } from "../../ports/secret-store.js";
import type { SsoSignIn } from "../../ports/sso-sign-in.js";
import type { SsoTarget } from "../../plan/sso-target.js";
import { readStoredClient, readStoredSignIn, signInChanges } from "./stored-sso.js";
import { ssoRefreshWindowMs } from "./token-source.js";

/** What `sso login` did. */
export type SsoLoginResult =
  | { readonly outcome: "signed-in"; readonly expiresAt: Date; readonly refreshable: boolean }
  | { readonly outcome: "still-signed-in"; readonly expiresAt: Date };

/**
 * `awsafe sso login`: a stored token with more than 15 minutes left is kept (as `aws sso login`
 * skips the browser then) unless `force`; otherwise a sign-in, whose token, refresh token and
 * client go into the store in one change. The AWS CLI's plain-text cache is not written here.
 */
export async function ssoLogin(
  target: SsoTarget,
  deps: { readonly store: SecretStore; readonly signIn: SsoSignIn; readonly now: () => Date },
  force: boolean,
): Promise<SsoLoginResult> {
  const stored = await readStoredSignIn(deps.store, target);
  if (
    !force &&
    stored !== undefined &&
    stored.tokens.expiresAt.getTime() - deps.now().getTime() > ssoRefreshWindowMs
  ) {
    return { outcome: "still-signed-in", expiresAt: stored.tokens.expiresAt };
  }
  const signedIn = await deps.signIn({
    key: target.key,
    session: target.session,
    startUrl: target.startUrl,
    region: target.region,
    scopes: target.scopes,
    profile: target.profile,
    reason:
      stored === undefined
        ? "no sign-in is stored"
        : force
          ? "asked to sign in again"
          : "the sign-in expires soon",
    client: await readStoredClient(deps.store, target),
  });
  await deps.store.apply(signInChanges(target, signedIn.tokens, signedIn.client));
  return {
    outcome: "signed-in",
    expiresAt: signedIn.tokens.expiresAt,
    refreshable: target.session !== undefined && signedIn.tokens.refreshToken !== undefined,
  };
}
