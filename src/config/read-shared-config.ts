import { readFile } from "node:fs/promises";
import { ConfigError } from "../errors.js";
import type { SharedConfigPaths } from "./locate-shared-config.js";
import {
  parseSharedConfig,
  type ParseOptions,
  type SharedConfig,
  type SharedConfigFile,
} from "./parse-shared-config.js";

/**
 * Reads and parses both shared files. A missing file reads as empty (as in every SDK); a file
 * that exists but cannot be read, or is not UTF-8 text, is a {@link ConfigError}.
 */
export async function readSharedConfig(
  paths: SharedConfigPaths,
  options: ParseOptions = {},
): Promise<SharedConfig> {
  const [config, credentials] = await Promise.all([
    readSharedFile(paths.configFile),
    readSharedFile(paths.credentialsFile),
  ]);
  return parseSharedConfig({ config, credentials }, options);
}

/** Reads one shared file; `undefined` when it does not exist. */
export async function readSharedFile(path: string): Promise<SharedConfigFile | undefined> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    if (isErrnoException(error) && error.code === "ENOENT") return undefined;
    const reason = isErrnoException(error) ? (error.code ?? error.message) : String(error);
    throw new ConfigError(`Cannot read ${path}: ${reason}`, {
      hint: "check the file's permissions, or point AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE elsewhere",
      cause: error,
    });
  }
  return { path, text: decodeConfigText(bytes, path) };
}

/** Decodes a shared file as strict UTF-8: the SDKs and the AWS CLI read nothing else. */
export function decodeConfigText(bytes: Uint8Array, path: string): string {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch (error) {
    throw new ConfigError(`${path} is not UTF-8 text`, {
      hint: "re-save the file as UTF-8 (the AWS CLI and SDKs cannot read it either)",
      cause: error,
    });
  }
}

function isErrnoException(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && "code" in error;
}
