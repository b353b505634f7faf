import { AppError, AuthError, ConfigError, StoreError, UsageError } from "../errors.js";
import { AwsUnavailableError, MfaCodeRejectedError } from "../ports/aws/aws-errors.js";
import type { WireError } from "./agent-protocol.js";

/** An error as the agent or the client sends it: only AppErrors keep their text. */
export function toWireError(error: unknown): WireError {
  const hint = error instanceof AppError && error.hint !== undefined ? { hint: error.hint } : {};
  if (error instanceof MfaCodeRejectedError) {
    return {
      kind: "mfa-rejected",
      message: error.message,
      serialNumber: error.serialNumber,
      ...hint,
    };
  }
  if (error instanceof UsageError) return { kind: "usage", message: error.message, ...hint };
  if (error instanceof StoreError) return { kind: "store", message: error.message, ...hint };
  if (error instanceof AuthError) return { kind: "auth", message: error.message, ...hint };
  if (error instanceof ConfigError) return { kind: "config", message: error.message, ...hint };
  if (error instanceof AwsUnavailableError)
    return { kind: "unavailable", message: error.message, ...hint };
  // A bug: say so without sending a stack or anything the error might hold.
  const text = error instanceof Error ? error.message : String(error);
  return { kind: "internal", message: `awsafe agent: ${text}` };
}

/** The AppError (or, for `internal`, plain Error) a wire error stands for. */
export function fromWireError(wire: WireError): Error {
  const options = { hint: wire.hint };
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
    case "internal":
      return new Error(wire.message);
  }
}
