import { StoreError } from "../errors.js";
import type { NamedLock } from "../ports/lock.js";

/** How long a request waits for its turn: as long as `--no-agent`'s file lock waits. */
export const lockWaitMs = 5 * 60 * 1000;

/** The lock's view of a request: its client may leave, and then its turn is not taken. */
export interface LockRequest {
  readonly signal?: AbortSignal | undefined;
}

/** A lock for one process whose waits are bounded and whose waiters may leave. */
export interface InProcessLock {
  withLock<T>(name: string, work: () => Promise<T>, request?: LockRequest): Promise<T>;
  /** The same lock for one request: waits end when its `signal` aborts. */
  forRequest(request: LockRequest): NamedLock;
}

/**
 * A {@link NamedLock} inside one process: work under one name runs one at a time, in order. In
 * the agent this is the single flight: the first request for a session refreshes it, the ones
 * that arrive meanwhile wait and then find it cached. A waiter gives up after `waitMs` (a
 * StoreError saying so) or when its request's signal aborts (its client went away); either way
 * it passes its turn on without running its work, so one vanished client can never wedge the
 * requests behind it.
 */
export function inProcessLock(waitMs = lockWaitMs): InProcessLock {
  const tails = new Map<string, Promise<void>>();
  const withLock = <T>(name: string, work: () => Promise<T>, request: LockRequest = {}) => {
    const before = tails.get(name) ?? Promise.resolve();
    let passOn: () => void = () => undefined;
    const mine = new Promise<void>((resolve) => (passOn = resolve));
    const tail = before.then(() => mine);
    tails.set(name, tail);
    void tail.then(() => {
      if (tails.get(name) === tail) tails.delete(name);
    });
    return new Promise<T>((resolve, reject) => {
      let gaveUp = false;
      const giveUp = (error: Error) => {
        gaveUp = true;
        clearTimeout(timer);
        request.signal?.removeEventListener("abort", onAbort);
        reject(error);
      };
      const timer = setTimeout(() => {
        giveUp(waitedTooLong(name, waitMs));
      }, waitMs);
      const onAbort = () => {
        giveUp(new StoreError(`The request for "${name}" was dropped: its client went away`));
      };
      if (request.signal?.aborted === true) onAbort();
      else request.signal?.addEventListener("abort", onAbort, { once: true });
      void before.then(() => {
        if (gaveUp) {
          passOn();
          return;
        }
        clearTimeout(timer);
        request.signal?.removeEventListener("abort", onAbort);
        // The work's own outcome, error included, is the caller's.
        const done = work();
        done.then(resolve, reject);
        void done.catch(() => undefined).finally(passOn);
      });
    });
  };
  return {
    withLock,
    forRequest: (request) => ({ withLock: (name, work) => withLock(name, work, request) }),
  };
}

function waitedTooLong(name: string, waitMs: number): StoreError {
  const minutes = Math.round(waitMs / 60_000);
  return new StoreError(
    `Waited ${minutes >= 1 ? `${String(minutes)} min` : `${String(waitMs / 1000)} s`} for another request to refresh "${name}"`,
    {
      hint: "Another command is still waiting for its MFA code; answer it or stop it, then try again",
    },
  );
}
