import type { EmulatorClock } from "./clock.js";
import type { CallStats } from "./control/call-stats.js";
import type { FaultTable } from "./control/fault-table.js";
import type { NewKeyDelay } from "./control/new-key-delay.js";
import type { PageLimit } from "./control/page-limit.js";
import type { RateLimit } from "./control/rate-limit.js";
import type { OidcProvider } from "./seed/build-world.js";
import type { SsoDirectory } from "./sso/sso-directory.js";
import type { SsoRuntime } from "./sso/sso-runtime.js";
import type { World } from "./world/world.js";

/** A sign-in token from `getSigninToken`, redeemable once by `login`. */
export interface SigninGrant {
  readonly principalArn: string;
  readonly accountId: string;
  /** The role's name, or the federated user's: what the console shows beside the account. */
  readonly identityName: string;
  /** When the token itself stops working (15 minutes). */
  readonly expiresAt: Date;
  /** The SessionDuration the request carried, if any (the tests check it was left out). */
  readonly sessionDurationSeconds: number | undefined;
  /** When a console session opened with it ends. */
  readonly consoleExpiresAt: Date;
  used: boolean;
}

/** A console session opened by `login`, held by the browser in a cookie. */
export interface ConsoleSession {
  readonly principalArn: string;
  readonly accountId: string;
  readonly identityName: string;
  readonly expiresAt: Date;
  readonly destination: string;
  readonly sessionDurationSeconds: number | undefined;
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
  /** Throttling by rate, per service (control API `rate-limit`). */
  readonly rateLimit: RateLimit;
  /** How long new access keys are refused after CreateAccessKey (control API `new-key-delay`). */
  readonly newKeyDelay: NewKeyDelay;
  readonly signinTokens: Map<string, SigninGrant>;
  /** Console sessions opened by `login`, by the id in the browser's cookie. */
  readonly consoleSessions: Map<string, ConsoleSession>;
}
