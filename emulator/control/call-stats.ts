/** Call counts as `GET /__emulator/stats` reports them. */
export interface StatsSnapshot {
  readonly total: number;
  readonly operations: Readonly<Record<string, number>>;
  readonly accessKeys: Readonly<Record<string, number>>;
}

/** Counts every call received, per operation and per signing access key id. */
export class CallStats {
  #total = 0;
  readonly #operations = new Map<string, number>();
  readonly #accessKeys = new Map<string, number>();

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
    };
  }

  /** Starts counting from zero. */
  reset(): void {
    this.#total = 0;
    this.#operations.clear();
    this.#accessKeys.clear();
  }
}
