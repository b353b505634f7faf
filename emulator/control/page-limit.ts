/**
 * A cap on the size of every list page (IAM `MaxItems`, portal `max_result`), set through the
 * control API so a test can make a client follow several pages of a short seeded list.
 */
export class PageLimit {
  #maxItems: number | undefined;

  /** The cap, or `undefined` when pages are as large as the caller asked. */
  get maxItems(): number | undefined {
    return this.#maxItems;
  }

  /** Caps pages at `maxItems` (at least 1). */
  set(maxItems: number): void {
    this.#maxItems = Math.max(1, Math.floor(maxItems));
  }

  /** Lifts the cap. */
  clear(): void {
    this.#maxItems = undefined;
  }

  /** The page size for a request that asked for `requested` items. */
  apply(requested: number): number {
    return this.#maxItems === undefined ? requested : Math.min(requested, this.#maxItems);
  }
}
