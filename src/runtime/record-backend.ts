import { writeAwsafeConfigBackend } from "../settings/write-awsafe-config.js";
import type { ConfiguredBackend } from "./configured-backend.js";

/**
 * Makes `choice` awsafe's configured backend (`backend` in awsafe's config.json), so commands and
 * `credential_process` lines run without `--backend` or `AWSAFE_BACKEND` find the same store.
 *
 * @returns the settings file written.
 */
export async function recordBackend(choice: ConfiguredBackend): Promise<string> {
  await writeAwsafeConfigBackend(choice.paths.configFile, choice.backend);
  return choice.paths.configFile;
}
