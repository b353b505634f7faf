/**
 * The condition keys of a request (`aws:MultiFactorAuthPresent`, `aws:username`, ...), looked up
 * as IAM looks them up: without regard to case. A key may hold one value or a list (multivalued
 * keys such as `aws:TagKeys`, which only the `ForAnyValue:` / `ForAllValues:` operators read).
 */
export class RequestContext {
  readonly #values = new Map<string, string | readonly string[]>();

  constructor(values: Readonly<Record<string, string | readonly string[]>> = {}) {
    for (const [key, value] of Object.entries(values)) this.#values.set(key.toLowerCase(), value);
  }

  /** The value of `key`; `undefined` when the request does not carry it. */
  get(key: string): string | readonly string[] | undefined {
    return this.#values.get(key.toLowerCase());
  }

  /** The value of `key` when it is a single value (the only kind a policy variable can take). */
  single(key: string): string | undefined {
    const value = this.get(key);
    return typeof value === "string" ? value : undefined;
  }
}
