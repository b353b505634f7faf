import { access, readdir } from "node:fs/promises";
import path from "node:path";
import { StoreError } from "../../errors.js";
import type { SecretStore } from "../../ports/secret-store.js";
import type { RawBackend, RawChange } from "../raw-backend.js";
import { storeOverRaw } from "../store-over-raw.js";
import { runPass } from "./run-pass.js";
import type { PassResult } from "./run-pass.js";

/** Options of {@link openPassStore}. */
export interface PassStoreOptions {
  /** The password store directory (`PASSWORD_STORE_DIR`, default `~/.password-store`). */
  readonly storeDir: string;
  /**
   * Environment for `pass` and gpg (GNUPGHOME, PATH, GPG_TTY, ...); awsafe's passphrase and AWS
   * credentials are dropped (`process/child-environment.ts`).
   */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** How long one `pass` run may take; default 5 minutes (gpg may ask for a passphrase). */
  readonly timeoutMs?: number | undefined;
  /** The folder awsafe's entries go in. Default `awsafe`. */
  readonly prefix?: string;
}

/**
 * The standard unix password manager: each item is the entry `awsafe/<encoded name>/<kind>`,
 * written with `pass insert -m -f` from stdin so no secret is ever in argv. Presence and listing
 * read the store directory (`*.gpg` files), which is pass's own format, instead of parsing the
 * tree `pass ls` draws.
 */
export function openPassStore(options: PassStoreOptions): Promise<SecretStore> {
  const storeDir = path.resolve(options.storeDir);
  const prefix = options.prefix ?? "awsafe";
  const env = { ...options.env, PASSWORD_STORE_DIR: storeDir };
  const pass = (args: readonly string[], input?: string) =>
    runPass(args, env, input, options.timeoutMs);
  const location = `the pass store ${storeDir}`;
  const entry = (key: string): string => `${prefix}/${key}`;
  const fileOf = (key: string): string => path.join(storeDir, `${entry(key)}.gpg`);
  const backend: RawBackend = {
    backend: "pass",
    location,
    read: async (key) => {
      if (!(await exists(fileOf(key)))) return undefined;
      return check(await pass(["show", entry(key)]), `read ${entry(key)} from`, location);
    },
    write: async (changes: readonly RawChange[]) => {
      await requireInitialized(storeDir);
      for (const { key, text } of changes) {
        if (text === undefined) {
          if (!(await exists(fileOf(key)))) continue;
          check(await pass(["rm", "-f", entry(key)]), `delete ${entry(key)} from`, location);
        } else {
          check(
            await pass(["insert", "-m", "-f", entry(key)], text),
            `write ${entry(key)} to`,
            location,
          );
        }
      }
    },
    keys: async () =>
      (await listGpgFiles(path.join(storeDir, prefix))).map((file) =>
        file.slice(0, -".gpg".length),
      ),
    checkWritable: () => requireInitialized(storeDir),
  };
  return Promise.resolve(storeOverRaw(backend));
}

function check(result: PassResult, action: string, location: string): string {
  if (result.code === 0) return result.stdout;
  const detail = result.stderr.trim().split("\n")[0] ?? "";
  return fail(
    `Cannot ${action} ${location}: pass exited with ${String(result.code)} (${detail.slice(0, 200)})`,
  );
}

function fail(message: string): never {
  throw new StoreError(message, {
    hint: "Check that `pass show` works for you (gpg key present, gpg-agent unlocked), or choose another store with --backend.",
  });
}

async function requireInitialized(storeDir: string): Promise<void> {
  if (await exists(path.join(storeDir, ".gpg-id"))) return;
  throw new StoreError(
    `Cannot write to the pass store ${storeDir}: it is not initialized (no .gpg-id)`,
    {
      hint: "Run `pass init <your-gpg-key-id>` first, or choose another store with --backend.",
    },
  );
}

/** Paths of `*.gpg` files under `dir`, relative to it, with `/` separators. */
async function listGpgFiles(dir: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { recursive: true, withFileTypes: true });
  } catch (error) {
    if (error instanceof Error && "code" in error && error.code === "ENOENT") return [];
    throw new StoreError(`Cannot list ${dir}`, { hint: "Check its permissions.", cause: error });
  }
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith(".gpg"))
    .map((entry) =>
      path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"),
    );
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}
