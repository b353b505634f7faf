import { AppError } from "../../errors.js";
import type { SsoPort } from "../../ports/aws/sso.js";
import type { SecretStore } from "../../ports/secret-store.js";
import { ssoSessionPrefix } from "../../providers/session-cache-name.js";
import type { SsoTarget } from "../../plan/sso-target.js";
import { readStoredSignIn } from "./stored-sso.js";

/** What `sso logout` did for one sign-in. */
export interface SsoLogoutResult {
  readonly key: string;
  /** Whether a token was stored (and so deleted). */
  readonly hadToken: boolean;
  /** Why the portal's Logout failed, when it did (the local deletion happens regardless). */
  readonly portalFailure: string | undefined;
  /** Role sessions deleted from the store. */
  readonly sessions: number;
}

/**
 * `awsafe sso logout`: ends the portal session (Logout, as `aws sso logout` does; its failure is
 * reported, not fatal), then deletes the stored token and the role sessions made with it from
 * the store in one change. The client registration stays (it is not a sign-in; the next login
 * reuses it). Role credentials already handed out stay valid until they expire: AWS cannot
 * recall them.
 */
export async function ssoLogout(
  target: SsoTarget,
  deps: { readonly store: SecretStore; readonly sso: SsoPort },
): Promise<SsoLogoutResult> {
  const stored = await readStoredSignIn(deps.store, target);
  let portalFailure: string | undefined;
  if (stored !== undefined) {
    try {
      await deps.sso.logout(stored.tokens.accessToken, {
        region: target.region,
        startUrl: target.startUrl,
        profile: target.profile,
      });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      portalFailure = error.message;
    }
  }
  const prefix = ssoSessionPrefix(target.key);
  const sessions = (await deps.store.list({ kind: "session" })).filter((ref) =>
    ref.name.startsWith(prefix),
  );
  const token = stored === undefined ? [] : [{ kind: "sso-token" as const, name: target.key }];
  const gone = [...token, ...sessions];
  if (gone.length > 0) await deps.store.apply(gone.map((ref) => ({ op: "delete", ref })));
  return {
    key: target.key,
    hadToken: stored !== undefined,
    portalFailure,
    sessions: sessions.length,
  };
}

/** Every sign-in stored (for `logout --all`): the owner names of the `sso-token` items. */
export async function storedSignIns(store: SecretStore): Promise<string[]> {
  return (await store.list({ kind: "sso-token" })).map((ref) => ref.name);
}
