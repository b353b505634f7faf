import type { EmulatorClock } from "./clock.js";
import type { CallStats } from "./control/call-stats.js";
import type { FaultTable } from "./control/fault-table.js";
import type { NewKeyDelay } from "./control/new-key-delay.js";
import type { PageLimit } from "./control/page-limit.js";
import type { OidcProvider } from "./seed/build-world.js";
import type { SsoDirectory } from "./sso/sso-directory.js";
import type { SsoRuntime } from "./sso/sso-runtime.js";
import type { World } from "./world/world.js";

/** A sign-in token from `getSigninToken`, redeemable once by `login`. */
export interface SigninGrant {
  readonly principalArn: string;
  readonly accountId: string;
  readonly expiresAt: Date;
  used: boolean;
}

/** Everything one running emulator holds. */
export interface EmulatorState {
  readonly clock: EmulatorClock;
  readonly world: World;
  readonly sso: SsoDirectory | undefined;
  readonly ssoRuntime: SsoRuntime;
  readonly oidcProviders: ReadonlyMap<string, OidcProvider>;
  readonly faults: FaultTable;
  readonly stats: CallStats;
  /** The page-size cap of list operations (control API `page-limit`). */
  readonly pageLimit: PageLimit;
  /** How long new access keys are refused after CreateAccessKey (control API `new-key-delay`). */
  readonly newKeyDelay: NewKeyDelay;
  readonly signinTokens: Map<string, SigninGrant>;
  /** Console sessions opened by `login`, by id. */
  readonly consoleSessions: Map<
    string,
    { readonly principalArn: string; readonly destination: string }
  >;
}
