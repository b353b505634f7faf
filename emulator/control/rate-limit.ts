/** A token bucket per service (`sso`, `sso-oidc`, …): calls beyond it are throttled. */
export class RateLimit {
  readonly #buckets = new Map<
    string,
    { perSecond: number; burst: number; tokens: number; at: number }
  >();

  /** Limits `service` to `perSecond` calls, `burst` at once. */
  set(service: string, perSecond: number, burst: number): void {
    this.#buckets.set(service, {
      perSecond,
      burst: Math.max(1, burst),
      tokens: Math.max(1, burst),
      at: 0,
    });
  }

  clear(): void {
    this.#buckets.clear();
  }

  list(): { service: string; perSecond: number; burst: number }[] {
    return [...this.#buckets].map(([service, b]) => ({
      service,
      perSecond: b.perSecond,
      burst: b.burst,
    }));
  }

  /** Whether a call of `operation` may go through now (it takes a token). */
  allow(operation: string, nowMs: number): boolean {
    const bucket = this.#buckets.get(operation.split(":", 1)[0] ?? operation);
    if (bucket === undefined) return true;
    if (bucket.at === 0) bucket.at = nowMs;
    bucket.tokens = Math.min(
      bucket.burst,
      bucket.tokens + ((nowMs - bucket.at) / 1000) * bucket.perSecond,
    );
    bucket.at = nowMs;
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }
}
