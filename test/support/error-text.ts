import { inspect } from "node:util";
import { AppError } from "../../src/errors.js";

/** The hint of an AppError, `undefined` for anything else. */
export function hintOf(error: unknown): string | undefined {
  return error instanceof AppError ? error.hint : undefined;
}

/**
 * Everything a user could be shown of an error: its text, its hint, and the texts of its causes
 * (`--debug` prints the chain), for asserting that no secret is among them.
 */
export function errorText(error: unknown): string {
  const parts: string[] = [];
  let link: unknown = error;
  for (let depth = 0; depth < 8 && link !== undefined; depth++) {
    parts.push(textOf(link), hintOf(link) ?? "");
    link = link instanceof Error ? link.cause : undefined;
  }
  return parts.join("\n");
}

/** The rejection of `promise` (fails the test when it resolves). */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    (value: unknown) => {
      throw new Error(`expected a rejection, got ${JSON.stringify(value)}`);
    },
    (error: unknown) => error,
  );
}

function textOf(value: unknown): string {
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  return typeof value === "string" ? value : inspect(value);
}
