/**
 * What an injected fault does to a call: `throttle` and `error` answer instead of the operation;
 * `denied` answers AccessDenied as a policy would; `lost-reply` runs the operation and then
 * answers a 500, as when AWS did the work but its answer never reached the client; `latency`
 * delays the answer.
 */
export type FaultKind = "throttle" | "error" | "denied" | "lost-reply" | "latency";

/** A fault armed for an operation (`sts:AssumeRole`, or `*` for every operation). */
export interface Fault {
  readonly operation: string;
  readonly kind: FaultKind;
  /** How many more calls it hits; `null` = every call until cleared. */
  remaining: number | null;
  /** How many matching calls it lets through before it starts hitting. */
  skip: number;
  readonly latencyMs: number;
}

/** A failure a fault makes a call meet. */
export type FaultFailure = Exclude<FaultKind, "latency">;

/** The faults a call meets: a delay, and at most one failure. */
export interface FaultOutcome {
  readonly latencyMs: number;
  readonly failure: FaultFailure | undefined;
}

/** Faults armed through the control API, consumed call by call. */
export class FaultTable {
  readonly #faults: Fault[] = [];

  /** Arms a fault. */
  add(fault: Fault): void {
    this.#faults.push(fault);
  }

  /** Disarms every fault. */
  clear(): void {
    this.#faults.length = 0;
  }

  /** The armed faults. */
  list(): readonly Fault[] {
    return this.#faults;
  }

  /** Consumes the faults that match `operation` and says what the call meets. */
  take(operation: string): FaultOutcome {
    let latencyMs = 0;
    let failure: FaultOutcome["failure"];
    for (const fault of this.#faults) {
      if (fault.operation !== operation && fault.operation !== "*") continue;
      if (fault.remaining === 0) continue;
      if (fault.skip > 0) {
        fault.skip -= 1;
        continue;
      }
      if (fault.kind === "latency") latencyMs += fault.latencyMs;
      else if (failure === undefined) failure = fault.kind;
      else continue;
      if (fault.remaining !== null) fault.remaining -= 1;
    }
    this.#removeSpent();
    return { latencyMs, failure };
  }

  #removeSpent(): void {
    for (let i = this.#faults.length - 1; i >= 0; i--) {
      if (this.#faults[i]?.remaining === 0) this.#faults.splice(i, 1);
    }
  }
}
