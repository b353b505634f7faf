import { setTimeout as delay } from "node:timers/promises";

/** How often and how long an HTTP call is tried. */
export interface RetryPolicy {
  /** Attempts, the first included. */
  readonly attempts: number;
  /** How long one attempt may take before it is abandoned. */
  readonly timeoutMs: number;
  /** The backoff before the second attempt may be up to this; it doubles per attempt. */
  readonly baseDelayMs: number;
}

/**
 * One HTTP request, tried again after 429, a 5xx answer or a failed connection, with full-jitter
 * exponential backoff (as the SDKs' standard retry strategy does). A timed-out attempt is not
 * repeated: the user has already waited the whole timeout. Gives the last answer, or throws the
 * last failure.
 */
export async function fetchWithRetries(
  send: typeof fetch,
  url: URL,
  init: RequestInit,
  policy: RetryPolicy,
): Promise<Response> {
  for (let attempt = 1; ; attempt++) {
    const last = attempt >= policy.attempts;
    try {
      const response = await send(url, { ...init, signal: AbortSignal.timeout(policy.timeoutMs) });
      if (last || !retryableStatus(response.status)) return response;
      await discardBody(response);
    } catch (error) {
      if (last || isTimeout(error)) throw error;
    }
    await delay(Math.random() * policy.baseDelayMs * 2 ** (attempt - 1));
  }
}

/** Frees the connection of an answer nobody reads. */
export async function discardBody(response: Response): Promise<void> {
  await response.body?.cancel().catch(() => undefined);
}

/** Whether an attempt failed because it ran past its time (`AbortSignal.timeout`). */
export function isTimeout(error: unknown): boolean {
  return error instanceof Error && error.name === "TimeoutError";
}

function retryableStatus(status: number): boolean {
  return status === 429 || status >= 500;
}
