import type { NamedLock } from "../ports/lock.js";

/**
 * A {@link NamedLock} inside one process: work under one name runs one at a time, in order.
 * In the agent this is the single flight: the first request for a session refreshes it, the
 * ones that arrive meanwhile wait and then find it cached.
 */
export function inProcessLock(): NamedLock {
  const tails = new Map<string, Promise<unknown>>();
  return {
    withLock<T>(name: string, work: () => Promise<T>): Promise<T> {
      const before = tails.get(name) ?? Promise.resolve();
      const result = before.then(work, work);
      const tail = result.then(
        () => undefined,
        () => undefined,
      );
      tails.set(name, tail);
      void tail.then(() => {
        if (tails.get(name) === tail) tails.delete(name);
      });
      return result;
    },
  };
}
