import { AppError } from "../errors.js";
import { splitCommand } from "./split-command.js";

/**
 * The `credential_process` value that makes the AWS CLI and the SDKs ask this awsafe for a
 * profile's credentials: `<node> <awsafe script> credential-process <profile>`, with absolute
 * paths so it works whatever PATH the calling tool has. It names no backend: it reads the store
 * recorded in awsafe's config (the calling tool's environment may lack whatever chose it), while
 * lines with `--backend` that earlier versions wrote keep working.
 *
 * Each word is quoted only when it must be, with single quotes: botocore splits the value with
 * POSIX `shlex.split` and runs it without a shell, the JS SDK runs it through `/bin/sh`, and
 * single quotes mean the same to both.
 */
export function credentialProcessLine(self: readonly string[], profile: string): string {
  return [...self, "credential-process", profile].map(shellQuote).join(" ");
}

/** `word` as one word for both `shlex.split` and `sh`. */
export function shellQuote(word: string): string {
  if (/^[A-Za-z0-9_\-/.%@:+=,]+$/.test(word)) return word;
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

/**
 * The words of an awsafe `credential_process` value (any version, any path), split as botocore
 * splits it; `undefined` for another program's line or one that cannot be split.
 */
export function awsafeProcessWords(value: string): string[] | undefined {
  if (!isAwsafeProcessLine(value)) return undefined;
  try {
    return splitCommand(value, "credential_process");
  } catch (error) {
    if (error instanceof AppError) return undefined;
    throw error;
  }
}

/** Whether a `credential_process` value was written by awsafe (any version, any path). */
export function isAwsafeProcessLine(value: string): boolean {
  return /\scredential-process\s/.test(value) && /awsafe|cli\.c?js/.test(value);
}
