import { timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { AppError } from "../errors.js";
import { AuthError } from "../errors.js";
import type { CallbackListener } from "../ports/sso-sign-in.js";

const callbackPath = "/oauth/callback";

/**
 * The loopback end of the authorization-code flow (RFC 8252 §7.3): an HTTP server on
 * 127.0.0.1 only (the AWS CLI listens on every interface), on a port the system picks, bound
 * before the browser is sent to IAM Identity Center, and kept bound until the one callback
 * arrives (a close-and-rebind loses callbacks, aws-sso-cli#1441). It answers only `GET
 * /oauth/callback` with `Host: 127.0.0.1:<port>`; the first such request ends it, whatever it
 * carries: a code with the expected `state` (compared in constant time), or a failure.
 */
export async function listenForCallback(expectedState: string): Promise<CallbackListener> {
  let settle: ((outcome: { code: string } | { error: AppError }) => void) | undefined;
  const outcome = new Promise<{ code: string } | { error: AppError }>((resolve) => {
    settle = resolve;
  });
  let done = false;
  const server = createServer((request, response) => {
    const url = requestUrl(request, port);
    if (url === undefined) {
      answer(response, 400, "Bad request");
      return;
    }
    if (request.method !== "GET" || url.pathname !== callbackPath) {
      answer(response, 404, "Not found");
      return;
    }
    if (done) {
      answer(response, 410, "This sign-in has already been handled.");
      return;
    }
    done = true;
    const result = readCallback(url, expectedState);
    answer(
      response,
      "code" in result ? 200 : 400,
      "code" in result
        ? "Signed in to awsafe. You can close this window."
        : "The sign-in failed; see the terminal.",
    );
    settle?.(result);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port; // listening on TCP: the address is an AddressInfo
  const close = () => {
    server.close();
    server.closeAllConnections();
  };
  return {
    redirectUri: `http://127.0.0.1:${String(port)}${callbackPath}`,
    close,
    waitForCode: (signal) =>
      new Promise<string>((resolve, reject) => {
        const onAbort = () => {
          reject(signal.reason instanceof Error ? signal.reason : new Error("aborted"));
        };
        if (signal.aborted) onAbort();
        signal.addEventListener("abort", onAbort, { once: true });
        void outcome.then((result) => {
          signal.removeEventListener("abort", onAbort);
          if ("code" in result) resolve(result.code);
          else reject(result.error);
        });
      }),
  };
}

/** The request's URL when its Host is this listener's own (DNS rebinding gets nothing). */
function requestUrl(request: IncomingMessage, port: number): URL | undefined {
  if (request.headers.host !== `127.0.0.1:${String(port)}`) return undefined;
  try {
    return new URL(request.url ?? "/", `http://127.0.0.1:${String(port)}`);
  } catch {
    return undefined;
  }
}

function readCallback(url: URL, expectedState: string): { code: string } | { error: AppError } {
  const q = url.searchParams;
  const error = q.get("error");
  if (error !== null) {
    const description = q.get("error_description");
    return {
      error: new AuthError(
        `IAM Identity Center refused the sign-in: ${printable(error)}${description === null ? "" : ` (${printable(description)})`}`,
        { hint: "Run `awsafe sso login` again and allow the request in the browser" },
      ),
    };
  }
  const state = q.get("state") ?? "";
  if (!sameText(state, expectedState)) {
    return {
      error: new AuthError(
        "The sign-in callback came back with a state this sign-in did not send; it was refused",
        {
          hint: "Run `awsafe sso login` again; if it happens again, another page may be trying to sign you in",
        },
      ),
    };
  }
  const code = q.get("code");
  if (code === null || code === "") {
    return {
      error: new AuthError("The sign-in callback carried no authorization code", {
        hint: "Run `awsafe sso login` again",
      }),
    };
  }
  return { code };
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** What a redirect says, limited to printable ASCII and a length a line can hold. */
function printable(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, "?").slice(0, 200);
}

function answer(response: ServerResponse, status: number, text: string): void {
  const body = `<!doctype html><html><head><meta charset="utf-8"><title>awsafe</title></head><body><p>${text}</p></body></html>`;
  response.writeHead(status, {
    "content-type": "text/html; charset=utf-8",
    "cache-control": "no-store",
    "content-security-policy": "default-src 'none'",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
    connection: "close",
  });
  response.end(body);
}
