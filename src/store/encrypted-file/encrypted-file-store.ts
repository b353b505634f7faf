import { mkdir, open, stat, type FileHandle } from "node:fs/promises";
import path from "node:path";
import { StoreError, UsageError } from "../../errors.js";
import type { SecretStore } from "../../ports/secret-store.js";
import type { RawBackend, RawChange } from "../raw-backend.js";
import { storeOverRaw } from "../store-over-raw.js";
import { decryptWithPassphrase, encryptWithPassphrase } from "./age-crypto.js";
import type { PassphraseProvider, PassphrasePurpose } from "./passphrase.js";
import { parseDocument, serializeDocument } from "./store-document.js";

/** Options of {@link openEncryptedFileStore}. */
export interface EncryptedFileStoreOptions {
  /** The store file, e.g. `<AWSAFE_HOME>/store.age`; its directory is made 0700. */
  readonly file: string;
  readonly passphrase: PassphraseProvider;
  /**
   * log2 of the scrypt cost for new encryptions; default 18, as `age -p`. Only test builds may
   * lower it (their e2e suite writes the store dozens of times).
   */
  readonly workFactor?: number | undefined;
  /** Told once when a write waits more than a second for another process's lock, and why. */
  readonly onLockWait?: ((line: string) => void) | undefined;
  /** Called with `before-rename:<file name>` as each write is about to replace the file (tests crash there). */
  readonly checkpoint?: ((step: string) => void) | undefined;
  /** Called as an unlock's scrypt derivation starts (on the thread pool, for a second or so). */
  readonly onDerivation?: (() => void) | undefined;
}

/** age's own scrypt work factor, and the least a build that ships writes with. */
export const defaultWorkFactor = 18;

/** An unlocked encrypted-file store: decrypted items are held in memory until {@link forget}. */
export interface EncryptedFileStore extends SecretStore {
  readonly file: string;
  /** Drops the passphrase and decrypted items; the next call asks the provider again. */
  forget(): void;
}

/**
 * Opens the age-encrypted file store and, when the file exists, unlocks it now: this is the one
 * scrypt derivation (about 1.5 s at work factor 18) a long-lived process pays. A store with no
 * file yet costs one failed `open`: age loads with the first decryption or encryption, the lock
 * and the atomic write with the first write, so reading or listing an absent store is cheap.
 *
 * After that, reads cost a file read and a byte comparison: the handle keeps the ciphertext it
 * decrypted and re-derives only when another process has rewritten the file. Writes cannot
 * avoid the KDF: age derives a fresh scrypt key for every encryption (a new salt per file is
 * what makes its zero-nonce key wrap safe), so each write pays one derivation. `apply` batches
 * many changes into one write, and the agent keeps sessions in memory, not here.
 */
export async function openEncryptedFileStore(
  options: EncryptedFileStoreOptions,
): Promise<EncryptedFileStore> {
  const file = path.resolve(options.file);
  const workFactor = options.workFactor ?? defaultWorkFactor;
  if (workFactor < defaultWorkFactor && !__AWSAFE_TEST_HOOKS__) {
    throw new StoreError(
      `Refusing to encrypt ${file} with a scrypt work factor of ${String(workFactor)} (at least ${String(defaultWorkFactor)})`,
      {
        hint: "A lower cost makes the passphrase easier to guess; this is a bug in awsafe, please report it",
      },
    );
  }
  const state = new FileState(file, options, workFactor);
  await state.load();
  const backend: RawBackend = {
    backend: "file",
    location: file,
    read: async (key) => (await state.load()).get(key),
    write: (changes) => state.write(changes),
    keys: async () => [...(await state.load()).keys()],
    checkWritable: async () => {
      await state.load();
      await assertPrivateDir(path.dirname(file));
    },
  };
  return {
    ...storeOverRaw(backend),
    file,
    forget: () => {
      state.forget();
    },
  };
}

interface Snapshot {
  /** The file's bytes when it was decrypted; undefined when there was no file. */
  readonly bytes: Buffer | undefined;
  readonly items: ReadonlyMap<string, string>;
}

const empty: Snapshot = { bytes: undefined, items: new Map() };

class FileState {
  private snapshot: Snapshot = empty;
  private passphrase: Promise<string> | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly file: string,
    private readonly options: EncryptedFileStoreOptions,
    private readonly workFactor: number,
  ) {}

  /** The items as the file holds them now, decrypting only when its bytes changed. */
  async load(): Promise<ReadonlyMap<string, string>> {
    const bytes = await readIfPresent(this.file);
    if (bytes === undefined) return (this.snapshot = empty).items;
    if (this.snapshot.bytes?.equals(bytes) === true) return this.snapshot.items;
    const text = await this.withPassphrase("unlock", (passphrase) =>
      decryptWithPassphrase(bytes, passphrase, this.file, this.options.onDerivation),
    );
    this.snapshot = { bytes, items: parseDocument(text, this.file) };
    return this.snapshot.items;
  }

  /** Read-modify-write under the cross-process lock; a file that fails to decrypt is never replaced. */
  write(changes: readonly RawChange[]): Promise<void> {
    const run = this.queue.then(() => this.writeLocked(changes));
    this.queue = run.catch(() => undefined);
    return run;
  }

  forget(): void {
    this.snapshot = empty;
    this.passphrase = undefined;
  }

  private async writeLocked(changes: readonly RawChange[]): Promise<void> {
    await ensurePrivateDir(path.dirname(this.file));
    // Loaded by the first write: a store that is only read, or has no file yet, needs neither
    // the lock (proper-lockfile, node:os) nor the atomic write (node:crypto).
    const [{ withFileLock }, { writeFileAtomically }] = await Promise.all([
      import("./file-lock.js"),
      import("../../atomic-write.js"),
    ]);
    const { checkpoint, onLockWait } = this.options;
    await withFileLock(
      this.file,
      async () => {
        const items = new Map(await this.load());
        for (const { key, text } of changes) {
          if (text === undefined) items.delete(key);
          else items.set(key, text);
        }
        const purpose = this.snapshot.bytes === undefined ? "create" : "unlock";
        const bytes = Buffer.from(
          await this.withPassphrase(purpose, (passphrase) =>
            encryptWithPassphrase(serializeDocument(items), passphrase, this.workFactor),
          ),
        );
        // Every writer holds the lock, so a temporary file of a dead writer can go at any age.
        await writeFileAtomically(this.file, bytes, {
          mode: 0o600,
          syncDirectory: true,
          leftoverMinAgeMs: 0,
          beforeRename: () => checkpoint?.(`before-rename:${path.basename(this.file)}`),
        });
        this.snapshot = { bytes, items };
      },
      { onWait: onLockWait },
    );
  }

  /** Runs `use` with the passphrase, asking the provider once; a passphrase that fails is not kept. */
  private async withPassphrase<T>(
    purpose: PassphrasePurpose,
    use: (passphrase: string) => Promise<T>,
  ): Promise<T> {
    const asked = (this.passphrase ??= askPassphrase(this.options.passphrase, purpose));
    try {
      return await use(await asked);
    } catch (error) {
      if (this.passphrase === asked) this.passphrase = undefined;
      throw error;
    }
  }
}

async function askPassphrase(
  provider: PassphraseProvider,
  purpose: PassphrasePurpose,
): Promise<string> {
  const passphrase = await provider(purpose);
  if (passphrase === "") {
    throw new UsageError("Cannot use the encrypted store: the passphrase is empty", {
      hint: "Give a passphrase (prompt, AWSAFE_FILE_PASSPHRASE or AWSAFE_FILE_PASSPHRASE_FILE).",
    });
  }
  return passphrase;
}

async function readIfPresent(file: string): Promise<Buffer | undefined> {
  let handle: FileHandle;
  try {
    handle = await open(file, "r");
  } catch (error) {
    if (isErrno(error, "ENOENT")) return undefined;
    throw unreadable(file, error);
  }
  try {
    assertPrivateFile(file, (await handle.stat()).mode);
    return await handle.readFile();
  } catch (error) {
    throw error instanceof StoreError ? error : unreadable(file, error);
  } finally {
    await handle.close();
  }
}

function unreadable(file: string, cause: unknown): StoreError {
  return new StoreError(`Cannot read the encrypted store ${file}`, {
    hint: "Check its permissions.",
    cause,
  });
}

/**
 * Refuses a store file other users can read or write, as ssh refuses such a key: the ciphertext
 * is all an offline passphrase guesser needs, and a writable file can be swapped. awsafe always
 * writes it 0600, so another mode was set by someone else (a copy, a restore, a chmod); whether
 * others took a copy meanwhile cannot be known, so the user decides, rather than a silent chmod.
 */
function assertPrivateFile(file: string, fileMode: number): void {
  if (process.platform === "win32") return;
  const mode = fileMode & 0o777;
  if ((mode & 0o077) === 0) return;
  throw new StoreError(
    `Refusing to use the encrypted store ${file}: other users can access it (mode ${mode.toString(8)})`,
    {
      hint: `Run \`chmod 600 ${file}\` if only you should read it (awsafe writes it so); if others may have copied it meanwhile, their copy can be attacked offline with passphrase guesses.`,
    },
  );
}

async function ensurePrivateDir(dir: string): Promise<void> {
  const created = await mkdir(dir, { recursive: true, mode: 0o700 });
  if (created === undefined) await assertPrivateDir(dir);
}

/** Like ssh with ~/.ssh: refuse a directory others can enter rather than silently change it. */
async function assertPrivateDir(dir: string): Promise<void> {
  const found = await stat(dir).catch(() => undefined);
  if (found === undefined) return;
  const mode = found.mode & 0o777;
  if (process.platform !== "win32" && (mode & 0o077) !== 0) {
    throw new StoreError(
      `Refusing to write the encrypted store into ${dir}: other users can access it (mode ${mode.toString(8)})`,
      {
        hint: `Run \`chmod 700 ${dir}\`, or choose another directory with AWSAFE_HOME.`,
      },
    );
  }
}

function isErrno(error: unknown, code: string): boolean {
  return error instanceof Error && "code" in error && error.code === code;
}
