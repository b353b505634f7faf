/** Call counts as `GET /__emulator/stats` reports them. */
export interface StatsSnapshot {
  readonly total: number;
  readonly operations: Readonly<Record<string, number>>;
  readonly accessKeys: Readonly<Record<string, number>>;
  /** The most calls of each service (`sso`, `sso-oidc`, `sts`, …) in flight at once. */
  readonly maxInFlight: Readonly<Record<string, number>>;
}

/** Counts every call received, per operation and per signing access key id. */
export class CallStats {
  #total = 0;
  readonly #operations = new Map<string, number>();
  readonly #accessKeys = new Map<string, number>();
  readonly #inFlight = new Map<string, number>();
  readonly #maxInFlight = new Map<string, number>();

  /** A call of `operation` starts (`+1`) or ends (`-1`). */
  flight(operation: string, delta: 1 | -1): void {
    const service = operation.split(":", 1)[0] ?? operation;
    const now = (this.#inFlight.get(service) ?? 0) + delta;
    this.#inFlight.set(service, now);
    if (now > (this.#maxInFlight.get(service) ?? 0)) this.#maxInFlight.set(service, now);
  }

  /** Counts one call. */
  record(operation: string, accessKeyId: string | undefined): void {
    this.#total += 1;
    this.#operations.set(operation, (this.#operations.get(operation) ?? 0) + 1);
    if (accessKeyId !== undefined) {
      this.#accessKeys.set(accessKeyId, (this.#accessKeys.get(accessKeyId) ?? 0) + 1);
    }
  }

  /** The counts so far. */
  snapshot(): StatsSnapshot {
    return {
      total: this.#total,
      operations: Object.fromEntries(this.#operations),
      accessKeys: Object.fromEntries(this.#accessKeys),
      maxInFlight: Object.fromEntries(this.#maxInFlight),
    };
  }

  /** Starts counting from zero. */
  reset(): void {
    this.#total = 0;
    this.#operations.clear();
    this.#accessKeys.clear();
    this.#maxInFlight.clear();
  }
}
