import { mkdir } from "node:fs/promises";
import path from "node:path";
import { writeFileAtomically } from "../../atomic-write.js";
import { ConfigError } from "../../errors.js";

/**
 * Replaces `file` with `text` atomically (a temporary file in the same directory, fsynced, then
 * renamed over it), so a failed or interrupted write leaves the old file byte-for-byte, and a
 * later write removes the temporary file a killed one left (see `writeFileAtomically`). The file
 * gets mode 0600 even if it was wider before, because the credentials file holds secrets and the
 * config file may hold them too; a missing parent directory is created 0700. A symlinked file is
 * written through to its target, leaving the link in place.
 *
 * `checkpoint` is called with `before-rename:<file name>` just before the rename (tests kill the
 * process there).
 *
 * @throws ConfigError when the directory or file cannot be written.
 */
export async function writePrivateFile(
  file: string,
  text: string,
  checkpoint?: (step: string) => void,
): Promise<void> {
  try {
    await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
    await writeFileAtomically(file, text, {
      mode: 0o600,
      beforeRename: () => checkpoint?.(`before-rename:${path.basename(file)}`),
    });
  } catch (error) {
    const reason = error instanceof Error && "code" in error ? String(error.code) : String(error);
    throw new ConfigError(`Cannot write ${file}: ${reason}; the file was left as it was`, {
      hint: "Check the permissions and free space of the directory, or point AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE elsewhere",
      cause: error,
    });
  }
}
