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
 *
 * Timed by `Atomics.waitAsync` where the runtime has it: V8 keeps that time on the embedder's
 * own timer, in native code, while Node's first `setTimeout` of a process compiles its timer
 * modules, about half a millisecond of each cached `credential-process` call (a quarter of what
 * that call costs over Node's own start). A wait that is woken (restart, cancel) or that times
 * out late is told apart by its generation, and ignored.
 */
export function startDeadline(ms: number, expire: () => void): Deadline {
  let generation = 0;
  let cell: Int32Array | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stop = () => {
    generation++;
    if (cell !== undefined) Atomics.notify(cell, 0);
    if (timer !== undefined) clearTimeout(timer);
  };
  const arm = (waitMs: number) => {
    stop();
    const armed = generation;
    const fire = () => {
      if (armed === generation) expire();
    };
    if (typeof Atomics.waitAsync === "function") {
      cell ??= new Int32Array(new SharedArrayBuffer(4));
      const wait = Atomics.waitAsync(cell, 0, 0, waitMs);
      if (wait.async) {
        void wait.value.then((outcome) => {
          if (outcome === "timed-out") fire();
        });
      } else if (wait.value === "timed-out") {
        // A zero limit is over at once.
        queueMicrotask(fire);
      }
      return;
    }
    timer = setTimeout(fire, waitMs);
    timer.unref();
  };
  arm(ms);
  return { restart: arm, cancel: stop };
}
