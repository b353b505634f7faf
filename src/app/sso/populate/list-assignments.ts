import { setTimeout as sleep } from "node:timers/promises";
import { AwsUnavailableError } from "../../../ports/aws/aws-errors.js";
import type { SsoAccount, SsoCallContext, SsoPort, SsoRole } from "../../../ports/aws/sso.js";

/** Every account the user can reach, and its roles. */
export interface Assignments {
  readonly accounts: readonly SsoAccount[];
  /** Account id → role names, for every account listed. */
  readonly roles: ReadonlyMap<string, readonly string[]>;
}

/** What a listing that stopped part-way had: kept so a rerun goes on where it stopped. */
export interface ListingProgress {
  readonly accounts: readonly SsoAccount[];
  readonly roles: Readonly<Record<string, readonly string[]>>;
}

/** How hard the portal is called (SPECS-2 §B.4). */
export interface ListingLimits {
  /** Calls in flight at once. */
  readonly concurrency: number;
  /** Calls started per second, shared by every worker (one token bucket). */
  readonly ratePerSecond: number;
  /** Attempts per call, the first included, while the portal throttles or fails. */
  readonly attempts: number;
  /** The longest backoff before one retry. */
  readonly maxBackoffMs: number;
}

/**
 * Below the 20 requests per second granted's limiter cites for the portal (fwdcloudsec/granted
 * PR #463), 8 calls at once (aws-sso-cli defaults to 5 threads), and a retry budget per call
 * large enough for long throttled runs: the peers fail because one call runs out of attempts.
 */
export const defaultListingLimits: ListingLimits = {
  concurrency: 8,
  ratePerSecond: 15,
  attempts: 12,
  maxBackoffMs: 5000,
};

/** What the listing reports as it goes. */
export interface ListingHooks {
  readonly progress?: (done: number, total: number) => void;
  /** Called now and then with what is known so far, and when the listing fails. */
  readonly save?: (progress: ListingProgress) => Promise<void>;
}

/**
 * ListAccounts (every page), then ListAccountRoles for each account, through one shared rate
 * limit with bounded concurrency; throttling and 5xx are retried per call with exponential
 * backoff and full jitter, and each throttling answer also slows the shared rate down for a
 * while (so the workers back off together). `resume` holds what a failed run already had: its
 * account list and the roles of the accounts it finished are not asked again. A refused token
 * (expired mid-run) stops the listing at once; `hooks.save` has the progress by then.
 */
export async function listAssignments(
  sso: SsoPort,
  accessToken: string,
  context: SsoCallContext,
  options: {
    readonly limits?: ListingLimits;
    readonly resume?: ListingProgress | undefined;
    readonly hooks?: ListingHooks;
  } = {},
): Promise<Assignments> {
  const limits = options.limits ?? defaultListingLimits;
  const gate = rateGate(limits.ratePerSecond);
  const call = <T>(work: () => Promise<T>) => withRetries(work, gate, limits);
  const accounts =
    options.resume?.accounts ?? (await collectAccounts(sso, accessToken, context, call));
  const roles = new Map<string, readonly string[]>(Object.entries(options.resume?.roles ?? {}));
  const todo = accounts.filter((account) => !roles.has(account.accountId));
  const hooks = options.hooks ?? {};
  const snapshot = (): ListingProgress => ({ accounts, roles: Object.fromEntries(roles) });
  let done = accounts.length - todo.length;
  hooks.progress?.(done, accounts.length);
  let next = 0;
  let sinceSave = 0;
  const worker = async () => {
    while (next < todo.length) {
      const account = todo[next++];
      if (account === undefined) break;
      const listed: SsoRole[] = await call(() =>
        sso.listAccountRoles(accessToken, account.accountId, context),
      );
      roles.set(
        account.accountId,
        listed.map((role) => role.roleName),
      );
      hooks.progress?.(++done, accounts.length);
      if (++sinceSave >= 100 && hooks.save !== undefined) {
        sinceSave = 0;
        await hooks.save(snapshot());
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, limits.concurrency) }, worker));
  } catch (error) {
    next = todo.length;
    await hooks.save?.(snapshot());
    throw error;
  }
  return { accounts, roles };
}

async function collectAccounts(
  sso: SsoPort,
  accessToken: string,
  context: SsoCallContext,
  call: <T>(work: () => Promise<T>) => Promise<T>,
): Promise<SsoAccount[]> {
  if (sso.listAccountsPage === undefined) return call(() => sso.listAccounts(accessToken, context));
  const all: SsoAccount[] = [];
  let token: string | undefined;
  for (;;) {
    const page = await call(
      () =>
        sso.listAccountsPage?.(accessToken, token, context) ??
        Promise.reject(new Error("no pages")),
    );
    all.push(...page.items);
    if (page.next === undefined || page.next === "" || page.next === token) return all;
    token = page.next;
  }
}

/** A shared pace: each call waits for its slot; throttling widens the slots for a while. */
interface RateGate {
  wait(): Promise<void>;
  throttled(): void;
  succeeded(): void;
}

function rateGate(ratePerSecond: number): RateGate {
  const baseMs = 1000 / Math.max(0.1, ratePerSecond);
  let intervalMs = baseMs;
  let nextAt = 0;
  return {
    async wait() {
      const now = Date.now();
      const at = Math.max(now, nextAt);
      nextAt = at + intervalMs;
      if (at > now) await sleep(at - now);
    },
    throttled() {
      intervalMs = Math.min(intervalMs * 1.5, 1000);
    },
    succeeded() {
      intervalMs = Math.max(baseMs, intervalMs * 0.98);
    },
  };
}

async function withRetries<T>(
  work: () => Promise<T>,
  gate: RateGate,
  limits: ListingLimits,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    await gate.wait();
    try {
      const result = await work();
      gate.succeeded();
      return result;
    } catch (error) {
      // Throttling, 5xx and an unreachable portal are worth another try; a refusal is not.
      if (!(error instanceof AwsUnavailableError) || attempt >= limits.attempts) throw error;
      gate.throttled();
      const ceiling = Math.min(limits.maxBackoffMs, 100 * 2 ** attempt);
      await sleep(Math.random() * ceiling);
    }
  }
}
