import type { MetadataBearer, MiddlewareStack } from "@smithy/types";
import type { DebugLog } from "../ports/debug-log.js";

/**
 * With `--debug`, logs each call a client makes: service, operation, how long it took (retries
 * included), the HTTP status and attempts, or the error's name. Only names and numbers: the
 * input (an MFA code, a token) and the output (credentials) are never looked at. Without
 * `debug` the client is left as it is.
 */
export function traceSdkCalls<I extends object, O extends MetadataBearer>(
  stack: MiddlewareStack<I, O>,
  debug: DebugLog | undefined,
): void {
  if (debug === undefined) return;
  stack.add(
    (next, context) => async (args) => {
      const started = performance.now();
      const call = `${serviceName(context.clientName)} ${operationName(context.commandName)}`;
      const took = () => `${String(Math.round(performance.now() - started))} ms`;
      try {
        const result = await next(args);
        const { httpStatusCode, attempts } = result.output.$metadata;
        debug(`AWS ${call}: ok in ${took()} (HTTP ${String(httpStatusCode)}${tries(attempts)})`);
        return result;
      } catch (error) {
        debug(`AWS ${call}: failed in ${took()} (${failure(error)})`);
        throw error;
      }
    },
    { step: "initialize", name: "awsafeDebugTrace", override: true },
  );
}

function serviceName(clientName: string | undefined): string {
  const name = clientName?.replace(/Client$/, "") ?? "AWS";
  return name === "SSOOIDC" ? "SSO-OIDC" : name;
}

function operationName(commandName: string | undefined): string {
  return commandName?.replace(/Command$/, "") ?? "call";
}

function tries(attempts: number | undefined): string {
  return attempts === undefined || attempts <= 1 ? "" : `, ${String(attempts)} attempts`;
}

/** The error's name and HTTP status: its message may quote the request, so it is left out. */
function failure(error: unknown): string {
  if (!(error instanceof Error)) return "error";
  const metadata: unknown = Reflect.get(error, "$metadata");
  const status: unknown =
    typeof metadata === "object" && metadata !== null
      ? Reflect.get(metadata, "httpStatusCode")
      : undefined;
  return typeof status === "number" ? `${error.name}, HTTP ${String(status)}` : error.name;
}
