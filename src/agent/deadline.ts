/** A wait with a limit: {@link startDeadline}. */
export interface Deadline {
  /** Starts the limit over, `ms` from now. */
  readonly restart: (ms: number) => void;
  /** No limit any more: `expire` is not called. */
  readonly cancel: () => void;
}

/**
 * Calls `expire` once `ms` have passed, unless restarted or cancelled first. Neither keeps the
 * process alive: the wait it bounds (an open connection) does.
 */
export function startDeadline(ms: number, expire: () => void): Deadline {
  let cancel = limitOnce(ms, expire);
  return {
    restart: (next) => {
      cancel();
      cancel = limitOnce(next, expire);
    },
    cancel: () => {
      cancel();
    },
  };
}

/**
 * Calls `expire` once, `ms` from now, unless the function it returns is called first; it does
 * not keep the process alive.
 *
 * Timed by `Atomics.waitAsync` where the runtime has it: V8 keeps that time on the embedder's
 * own timer, in native code, while Node's first `setTimeout` of a process compiles its timer
 * modules, about half a millisecond of each cached `credential-process` call (a quarter of what
 * that call costs over Node's own start). A wait that is woken (cancelled) or that times out
 * after it was cancelled is ignored.
 */
export function limitOnce(ms: number, expire: () => void): () => void {
  let cancelled = false;
  if (typeof Atomics.waitAsync === "function") {
    const cell = new Int32Array(new SharedArrayBuffer(4));
    const wait = Atomics.waitAsync(cell, 0, 0, ms);
    // A zero limit is over at once: `wait` is settled then.
    void Promise.resolve(wait.value).then((outcome) => {
      if (outcome === "timed-out" && !cancelled) expire();
    });
    return () => {
      cancelled = true;
      Atomics.notify(cell, 0);
    };
  }
  const timer = setTimeout(() => {
    if (!cancelled) expire();
  }, ms);
  timer.unref();
  return () => {
    cancelled = true;
    clearTimeout(timer);
  };
}
