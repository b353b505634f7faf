import {
  type AppErrorOptions,
  AuthError,
  ConfigError,
  StoreError,
  UsageError,
} from "../../errors.js";
import { AwsUnavailableError } from "../../ports/aws/aws-errors.js";

/**
 * `error` told again in the words of the rotation (what is stored, what a rerun does), with the
 * same exit code. Errors of other kinds (a bug, Ctrl-C) are returned as they are.
 */
export function retold(error: unknown, message: string, options: AppErrorOptions): unknown {
  const full = { ...options, cause: error };
  if (error instanceof AwsUnavailableError) return new AwsUnavailableError(message, full);
  if (error instanceof StoreError) return new StoreError(message, full);
  if (error instanceof AuthError) return new AuthError(message, full);
  if (error instanceof ConfigError) return new ConfigError(message, full);
  if (error instanceof UsageError) return new UsageError(message, full);
  return error;
}
