/**
 * A cross-process lock by name. The session cache holds it while it refreshes a session, so
 * parallel awsafe processes wait for the one that asks for MFA and calls STS, then reuse its
 * result instead of asking again.
 */
export interface NamedLock {
  /** Runs `work` while holding the lock `name`; waits while another process holds it. */
  withLock<T>(name: string, work: () => Promise<T>): Promise<T>;
}

/** A lock that never waits: for one-shot runs that share nothing (tests, `--no-cache`). */
export const noLock: NamedLock = { withLock: (_name, work) => work() };
