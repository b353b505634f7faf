import type { BackendName } from "../ports/secret-store.js";
import { ConfigError, UsageError } from "../errors.js";

/** The places a backend can be named, most specific first. Empty strings count as unset. */
export interface BackendChoiceInput {
  /** `--backend`. */
  readonly flag?: string | undefined;
  /** `AWSAFE_BACKEND`, read by the CLI. */
  readonly env?: string | undefined;
  /** awsafe's own config file. */
  readonly config?: string | undefined;
  readonly platform: NodeJS.Platform;
  /** Lets tests choose `memory`; users never should, as it forgets everything on exit. */
  readonly allowMemory?: boolean;
}

/** The backend to use and where that choice came from (for `doctor` and error messages). */
export interface BackendChoice {
  readonly backend: BackendName;
  readonly source: "flag" | "env" | "config" | "default";
}

const sources = [
  ["flag", "--backend"],
  ["env", "AWSAFE_BACKEND"],
  ["config", "awsafe's config"],
] as const;

/**
 * Picks the secret store backend: `--backend` > `AWSAFE_BACKEND` > awsafe's config > the
 * platform's default (the OS keychain on macOS, Windows and Linux; the encrypted file elsewhere).
 */
export function chooseBackend(input: BackendChoiceInput): BackendChoice {
  for (const [source, label] of sources) {
    const value = input[source];
    if (value === undefined || value === "") continue;
    const backend = parseBackend(value, input.allowMemory === true);
    if (backend === undefined) throw unknownBackend(value, source, label);
    return { backend, source };
  }
  return { backend: defaultBackend(input.platform), source: "default" };
}

function parseBackend(value: string, allowMemory: boolean): BackendName | undefined {
  switch (value) {
    case "keychain":
    case "file":
    case "pass":
      return value;
    case "memory":
      return allowMemory ? value : undefined;
    default:
      return undefined;
  }
}

function defaultBackend(platform: NodeJS.Platform): BackendName {
  return platform === "darwin" || platform === "win32" || platform === "linux"
    ? "keychain"
    : "file";
}

function unknownBackend(value: string, source: "flag" | "env" | "config", label: string): Error {
  const message = `Unknown secret store backend "${value}" (from ${label}): expected keychain, file or pass`;
  const hint =
    "Choose one of: keychain (OS keychain), file (age-encrypted file), pass (the unix password manager).";
  return source === "config"
    ? new ConfigError(message, { hint })
    : new UsageError(message, { hint });
}
