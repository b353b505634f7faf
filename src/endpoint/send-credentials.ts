import type { ServerResponse } from "node:http";
import type { CredentialCache } from "./credential-cache.js";
import { sendJsonError } from "./json-error.js";
import type { ServingCredentials } from "./serving-credentials.js";

/** Which of the prebuilt bodies a route answers with. */
export type BodyOf = (serving: ServingCredentials) => Buffer;

/**
 * Answers with the cached credentials; when none are usable, waits for a refresh (the one in
 * flight, or a new one) up to `waitMs`, then answers 503: an MFA prompt the user has not
 * answered yet must not hold connections open without end.
 */
export function sendCredentials(
  response: ServerResponse,
  cache: CredentialCache,
  bodyOf: BodyOf,
  waitMs: number,
): void {
  const ready = cache.ready();
  if (ready !== undefined) {
    writeBody(response, bodyOf(ready));
    return;
  }
  withinTime(cache.refresh(), waitMs).then(
    (fresh) => {
      writeBody(response, bodyOf(fresh));
    },
    () => {
      sendJsonError(
        response,
        503,
        "CredentialsUnavailable",
        "the credentials could not be refreshed; awsafe's output says why",
      );
    },
  );
}

function writeBody(response: ServerResponse, body: Buffer): void {
  response.writeHead(200, {
    "Content-Type": "application/json",
    "Content-Length": body.length,
    "Cache-Control": "no-store",
  });
  response.end(body);
}

function withinTime<T>(promise: Promise<T>, waitMs: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error("refresh still running"));
    }, waitMs);
    timer.unref();
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error("refresh failed"));
      },
    );
  });
}
