import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/** A throwaway GnuPG home with one passphrase-less key, and an initialized pass store for it. */
export interface PassFixture {
  readonly env: Record<string, string>;
  readonly storeDir: string;
  readonly fingerprint: string;
  cleanup(): Promise<void>;
}

/** Makes a temp GNUPGHOME with a new key (ed25519/cv25519) and a pass store initialized to it. */
export async function makePassFixture(): Promise<PassFixture> {
  const root = await mkdtemp(path.join(tmpdir(), "awsafe-pass-"));
  const env = {
    PATH: process.env.PATH ?? "",
    HOME: root,
    GNUPGHOME: path.join(root, "gnupg"),
    PASSWORD_STORE_DIR: path.join(root, "store"),
  };
  const cleanup = async (): Promise<void> => {
    await run("gpgconf", ["--kill", "all"], { env }).catch(() => undefined);
    await rm(root, { recursive: true, force: true });
  };
  try {
    await run("mkdir", ["-m", "700", env.GNUPGHOME], { env });
    const uid = "awsafe test <awsafe-test@example.invalid>";
    await run(
      "gpg",
      ["--batch", "--passphrase", "", "--quick-gen-key", uid, "future-default", "default", "never"],
      {
        env,
      },
    );
    const { stdout } = await run("gpg", ["--batch", "--with-colons", "--list-keys", uid], { env });
    const fingerprint = /^fpr:+([0-9A-F]+):/m.exec(stdout)?.[1];
    if (fingerprint === undefined) throw new Error("gpg made no key");
    await run("pass", ["init", fingerprint], { env });
    return { env, storeDir: env.PASSWORD_STORE_DIR, fingerprint, cleanup };
  } catch (error) {
    await cleanup();
    throw error;
  }
}
