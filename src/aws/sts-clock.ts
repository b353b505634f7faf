import type { Environment } from "../ports/environment.js";
import { serviceEndpoint } from "./client-factory.js";

/**
 * This machine's clock minus STS's, from the `Date` header of an unsigned request to STS (the
 * endpoint `AWS_ENDPOINT_URL_STS` / `AWS_ENDPOINT_URL` names, else the global one), or the error
 * that kept STS from answering within 5 s. The header has whole seconds.
 */
export async function stsClockSkew(env: Environment, now: () => Date): Promise<number | Error> {
  const endpoint = serviceEndpoint(env, "sts") ?? "https://sts.amazonaws.com";
  try {
    const response = await fetch(endpoint, { method: "GET", signal: AbortSignal.timeout(5000) });
    await response.body?.cancel();
    const date = response.headers.get("date");
    const parsed = date === null ? Number.NaN : Date.parse(date);
    if (Number.isNaN(parsed)) return new Error(`${endpoint} sent no Date header`);
    return now().getTime() - parsed;
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}
