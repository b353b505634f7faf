import { AppError, AuthError, ConfigError, StoreError, UsageError } from "../errors.js";
import { AwsUnavailableError, MfaCodeRejectedError } from "../ports/aws/aws-errors.js";
import { redactText } from "../redact.js";
import type { WireCause, WireError } from "./agent-protocol.js";
import { ClientOnlyError } from "./client-only-error.js";

/** How deep a cause chain travels. */
const maxCauses = 8;

/**
 * An error as the agent or the client sends it. AppErrors keep their kind, text and hint; the
 * cause chain travels too (names and messages, redacted), so `--debug` shows why STS refused a
 * call the agent made. Anything else is a bug: its message only, never a stack.
 */
export function toWireError(error: unknown): WireError {
  const causes = wireCauses(error);
  const more = {
    ...(error instanceof AppError && error.hint !== undefined ? { hint: error.hint } : {}),
    ...(causes.length === 0 ? {} : { causes }),
  };
  if (error instanceof MfaCodeRejectedError) {
    return {
      kind: "mfa-rejected",
      message: error.message,
      serialNumber: error.serialNumber,
      ...more,
    };
  }
  if (error instanceof ClientOnlyError)
    return { kind: "client-only", message: error.message, ...more };
  if (error instanceof UsageError) return { kind: "usage", message: error.message, ...more };
  if (error instanceof StoreError) return { kind: "store", message: error.message, ...more };
  if (error instanceof AuthError) return { kind: "auth", message: error.message, ...more };
  if (error instanceof ConfigError) return { kind: "config", message: error.message, ...more };
  if (error instanceof AwsUnavailableError)
    return { kind: "unavailable", message: error.message, ...more };
  const text = error instanceof Error ? error.message : String(error);
  return { kind: "internal", message: `awsafe agent: ${redactText(text)}`, ...more };
}

/** The AppError (or, for `internal`, plain Error) a wire error stands for, causes rebuilt. */
export function fromWireError(wire: WireError): Error {
  const options = { hint: wire.hint, cause: rebuildCauses(wire.causes ?? []) };
  switch (wire.kind) {
    case "usage":
      return new UsageError(wire.message, options);
    case "store":
      return new StoreError(wire.message, options);
    case "auth":
      return new AuthError(wire.message, options);
    case "mfa-rejected":
      return new MfaCodeRejectedError(wire.message, wire.serialNumber ?? "", options);
    case "config":
      return new ConfigError(wire.message, options);
    case "unavailable":
      return new AwsUnavailableError(wire.message, options);
    case "client-only":
      return new ClientOnlyError(wire.message, options);
    case "internal":
      return new Error(wire.message, { cause: options.cause });
  }
}

function wireCauses(error: unknown): WireCause[] {
  const causes: WireCause[] = [];
  let cause = error instanceof Error ? error.cause : undefined;
  while (cause !== undefined && causes.length < maxCauses) {
    causes.push(
      cause instanceof Error
        ? { name: cause.name, message: redactText(cause.message) }
        : { name: "cause", message: redactText(describeValue(cause)) },
    );
    cause = cause instanceof Error ? cause.cause : undefined;
  }
  return causes;
}

function rebuildCauses(causes: readonly WireCause[]): Error | undefined {
  let chain: Error | undefined;
  for (const { name, message } of [...causes].reverse()) {
    const error = new Error(message, chain === undefined ? undefined : { cause: chain });
    error.name = name;
    chain = error;
  }
  return chain;
}

function describeValue(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch {
    return typeof value;
  }
}
