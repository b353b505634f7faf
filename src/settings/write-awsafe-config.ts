import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { ConfigError } from "../errors.js";
import { readAwsafeConfigObject } from "./awsafe-config.js";

/**
 * Sets `backend` in awsafe's settings, keeping every other key; the file is written atomically,
 * mode 0600, in a 0700 directory.
 */
export async function writeAwsafeConfigBackend(file: string, backend: string): Promise<void> {
  const json = readAwsafeConfigObject(file) ?? {};
  const text = `${JSON.stringify({ ...json, backend }, null, 2)}\n`;
  try {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    // Loaded here, and this function has a file of its own: reading the config is on the
    // credential_process hot path, writing is not.
    const { writeFileAtomically } = await import("../atomic-write.js");
    await writeFileAtomically(file, text, { mode: 0o600 });
  } catch (error) {
    throw new ConfigError(`Cannot write ${file}; it was left as it was`, {
      hint: "Check the directory's permissions and free space, or choose another place with AWSAFE_HOME.",
      cause: error,
    });
  }
}
