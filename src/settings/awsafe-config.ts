// Synchronous: one small file, read on the hot path, where loading fs/promises costs more.
import { readFileSync } from "node:fs";
import { ConfigError } from "../errors.js";

/** awsafe's own settings file, as far as this version reads it. */
export interface AwsafeConfig {
  /** The secret store backend to use when neither `--backend` nor `AWSAFE_BACKEND` names one. */
  readonly backend?: string;
}

/**
 * Reads awsafe's settings (`config.json`); a missing file is empty settings. Unknown keys are
 * kept on disk and ignored here, so a newer awsafe's settings do not break this one.
 *
 * @throws ConfigError when the file cannot be read, is not a JSON object, or `backend` is not a string.
 */
export function readAwsafeConfig(file: string): AwsafeConfig {
  const json = readAwsafeConfigObject(file);
  if (json === undefined || !Object.hasOwn(json, "backend")) return {};
  const backend = json.backend;
  if (typeof backend !== "string") {
    throw new ConfigError(`${file}: "backend" must be a string`, {
      hint: 'Write e.g. {"backend": "file"}, or delete the key to use the platform default.',
    });
  }
  return { backend };
}

/**
 * Every key of awsafe's settings file as written there; `undefined` when there is no file.
 *
 * @throws ConfigError when the file cannot be read or is not a JSON object.
 */
export function readAwsafeConfigObject(file: string): Record<string, unknown> | undefined {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    if (error instanceof Error && "code" in error && error.code === "ENOENT") return undefined;
    throw new ConfigError(`Cannot read awsafe's config ${file}`, {
      hint: "Check its permissions, or choose another place with AWSAFE_HOME.",
      cause: error,
    });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw notAnObject(file, error);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw notAnObject(file);
  }
  return { ...parsed };
}

function notAnObject(file: string, cause?: unknown): ConfigError {
  return new ConfigError(`${file} is not a JSON object`, {
    hint: 'Fix it (e.g. {"backend": "file"}) or delete it to use the defaults.',
    cause,
  });
}
