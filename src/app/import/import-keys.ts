import { createHash } from "node:crypto";
import { unlink } from "node:fs/promises";
import path from "node:path";
import { writeFileAtomically } from "../../atomic-write.js";
import { locateSharedConfig } from "../../config/locate-shared-config.js";
import { readSharedFile } from "../../config/read-shared-config.js";
import { writePrivateFile } from "../../config/edit/write-private-file.js";
import { ConfigError, UsageError } from "../../errors.js";
import type { ItemRef, SecretStore, StoreChange } from "../../ports/secret-store.js";
import { redact } from "../../redact.js";
import type { AppContext } from "../app-context.js";
import { replacementHash } from "../backup/restore-backup.js";
import type { MisprefixedSection } from "./find-stray-keys.js";
import { planImport, type FileChange, type ImportFiles, type ImportPlan } from "./plan-import.js";

/** How `awsafe import` runs; the CLI fills this in. */
export interface ImportOptions {
  /** Profiles to import; every profile with plain-text keys when empty. */
  readonly profiles: readonly string[];
  readonly dryRun: boolean;
  /** Also keep a plain-text copy (mode 0600) of each changed file beside it. */
  readonly keepPlaintextBackup: boolean;
  /** Import every credentials-file `[profile NAME]` section with keys as profile NAME. */
  readonly fixProfilePrefix?: boolean;
  /** Asked for each such section otherwise (on a terminal); not given: none is fixed. */
  readonly confirmPrefixFix?: (section: MisprefixedSection) => Promise<boolean>;
  /** Route the role profiles whose source is imported through awsafe as well. */
  readonly routeRoles?: boolean;
  /** The `credential_process` value for a profile. */
  readonly processLine: (profile: string) => string;
  /**
   * Opened only when there are keys to import (the file store may ask for a passphrase), by a
   * dry run too: it reads what the real run would read, so it fails where that would.
   */
  readonly openStore: () => Promise<SecretStore>;
  readonly now: () => Date;
  /** Called after each step; tests use it to kill the process there. */
  readonly checkpoint?: (step: ImportStep) => void;
}

/** The steps after which an import can be interrupted, in order. */
export type ImportStep = "after-store-write" | "after-config-write" | "after-credentials-write";

/** What import found and did. */
export interface ImportResult {
  readonly plan: ImportPlan;
  /** Store items written: the keys and the encrypted backups of the original files. */
  readonly storedItems: readonly ItemRef[];
  readonly plaintextBackups: readonly string[];
  readonly location: string | undefined;
}

/**
 * Moves plain-text long-term keys from the shared files into the secret store and rewires each
 * profile to `credential_process` (see {@link planImport}).
 *
 * Order, chosen so that the files are their own journal: (1) one store batch with the keys and
 * an encrypted backup of each original file (named by its content hash); (2) the config file
 * (key lines out, `credential_process` in); (3) the credentials file. Until (3) the plain-text
 * keys are still in the credentials file, which the AWS tools prefer to `credential_process`, so
 * everything keeps working; a rerun after a crash at any point plans the same profiles again,
 * finds identical items in the store and files already edited, and finishes: nothing lost,
 * nothing stored twice. A failure that is not a crash undoes what was done, newest first.
 *
 * @throws ConfigParseError (78) for a malformed file, before anything changes; UsageError when
 *   the store already holds a different key for a profile; StoreError (69) when the store fails.
 */
export async function importKeys(
  context: AppContext,
  options: ImportOptions,
): Promise<ImportResult> {
  const paths = locateSharedConfig(context.env, context.platform);
  const [config, credentials] = await Promise.all([
    readSharedFile(paths.configFile),
    readSharedFile(paths.credentialsFile),
  ]);
  const files = { ...paths, config: config?.text, credentials: credentials?.text };
  const plan = await decidePlan(files, options);
  const nothing = { plan, storedItems: [], plaintextBackups: [], location: undefined };
  if (plan.changes.length === 0) return nothing;
  const store = plan.candidates.length > 0 ? await options.openStore() : undefined;
  const { changes, created } =
    store === undefined
      ? { changes: [], created: [] }
      : await storeChanges(store, plan, options.now());
  if (options.dryRun) {
    await store?.checkWritable?.();
    return { ...nothing, location: store?.location };
  }
  const undo = new UndoLog();
  try {
    // Pushed first: keychain and pass apply a batch item by item, so a failure can leave some.
    if (store !== undefined) undo.push(() => deleteItems(store, created));
    if (store !== undefined && changes.length > 0) await store.apply(changes);
    options.checkpoint?.("after-store-write");
    const plaintextBackups = options.keepPlaintextBackup
      ? await writePlaintextBackups(plan.changes, undo)
      : [];
    const configFirst = plan.changes.toSorted(
      (a, b) => Number(b.file === paths.configFile) - Number(a.file === paths.configFile),
    );
    for (const change of configFirst) {
      await replaceFile(change, undo, context.checkpoint);
      const isConfig = change.file === paths.configFile;
      options.checkpoint?.(isConfig ? "after-config-write" : "after-credentials-write");
    }
    return { plan, storedItems: created, plaintextBackups, location: store?.location };
  } catch (error) {
    throw await undo.rollback(error);
  }
}

/**
 * The plan, with the misprefixed `[profile NAME]` sections the user agreed to take as NAME
 * (`fixProfilePrefix`, or a yes to `confirmPrefixFix`; a dry run never asks).
 */
async function decidePlan(files: ImportFiles, options: ImportOptions): Promise<ImportPlan> {
  const plan = (fixPrefixOf: ReadonlySet<string>): ImportPlan =>
    planImport(files, options.profiles, options.processLine, {
      fixPrefixOf,
      routeRoles: options.routeRoles === true,
    });
  const first = plan(new Set());
  if (first.misprefixed.length === 0) return first;
  const fixes = new Set<string>();
  for (const section of first.misprefixed) {
    const yes =
      options.fixProfilePrefix === true ||
      (!options.dryRun && (await options.confirmPrefixFix?.(section)) === true);
    if (yes) fixes.add(section.intended);
  }
  return fixes.size === 0 ? first : plan(fixes);
}

/**
 * The store batch: each candidate's key, and an encrypted backup of each file that changes.
 * Items already stored with the same value (a rerun) are not written again; a different key
 * under the same profile stops the import before anything is written.
 */
async function storeChanges(
  store: SecretStore,
  plan: ImportPlan,
  now: Date,
): Promise<{ changes: StoreChange[]; created: ItemRef[] }> {
  const changes: StoreChange[] = [];
  const conflicts: string[] = [];
  for (const { profile, accessKeyId, secretAccessKey } of plan.candidates) {
    const ref = { kind: "long-term", name: profile } as const;
    const existing = await store.get(ref);
    if (existing === undefined) {
      const value = { accessKeyId, secretAccessKey, createdAt: now.toISOString() };
      changes.push({ op: "put", item: { ref, value } });
    } else if (
      existing.accessKeyId !== accessKeyId ||
      existing.secretAccessKey !== secretAccessKey
    ) {
      conflicts.push(
        `"${profile}" (stored ${redact(existing.accessKeyId)}, file ${redact(accessKeyId)})`,
      );
    }
  }
  if (conflicts.length > 0) {
    throw new UsageError(
      `The store already holds a different key for ${conflicts.join(", ")}; nothing was changed`,
      {
        hint: "Remove the stored key first (awsafe remove PROFILE) if the file's key is the current one, or import the other profiles with --profile.",
      },
    );
  }
  for (const change of plan.changes) {
    const ref = { kind: "backup", name: backupName(change) } as const;
    if (change.before === undefined || (await store.get(ref)) !== undefined) continue;
    const value = {
      source: change.file,
      takenAt: now.toISOString(),
      content: change.before,
      replacedWithSha256: replacementHash(change.after),
    };
    changes.push({ op: "put", item: { ref, value } });
  }
  const created = changes.flatMap((change) => (change.op === "put" ? [change.item.ref] : []));
  return { changes, created };
}

async function deleteItems(store: SecretStore, refs: readonly ItemRef[]): Promise<void> {
  const present: StoreChange[] = [];
  for (const ref of refs)
    if ((await store.get(ref)) !== undefined) present.push({ op: "delete", ref });
  if (present.length > 0) await store.apply(present);
}

/** `import/<file name>/<first 16 hex of its SHA-256>`: the same content always gets the same name. */
export function backupName(change: FileChange): string {
  return `import/${path.basename(change.file)}/${contentHash(change.before ?? "")}`;
}

function contentHash(text: string): string {
  return createHash("sha256").update(text).digest("hex").slice(0, 16);
}

async function writePlaintextBackups(
  changes: readonly FileChange[],
  undo: UndoLog,
): Promise<string[]> {
  const written: string[] = [];
  for (const { file, before } of changes) {
    if (before === undefined) continue;
    const backup = `${file}.awsafe-backup-${contentHash(before)}`;
    await writeFileAtomically(backup, before, { mode: 0o600 });
    undo.push(() => unlink(backup));
    written.push(backup);
  }
  return written;
}

/** Writes the new text, unless someone changed the file since it was read. */
async function replaceFile(
  change: FileChange,
  undo: UndoLog,
  checkpoint: ((step: string) => void) | undefined,
): Promise<void> {
  const now = (await readSharedFile(change.file))?.text;
  if (now === change.after) return;
  if (now !== change.before) {
    throw new ConfigError(`${change.file} changed while awsafe import was running`, {
      hint: "Run awsafe import again.",
    });
  }
  await writePrivateFile(change.file, change.after, checkpoint);
  const { before } = change;
  undo.push(() =>
    before === undefined ? unlink(change.file) : writePrivateFile(change.file, before),
  );
}

/** Undo steps, run newest first when a step fails. */
class UndoLog {
  private readonly steps: (() => Promise<unknown>)[] = [];

  push(step: () => Promise<unknown>): void {
    this.steps.push(step);
  }

  /** Undoes everything; returns the error to report (the original one, or one saying undo failed). */
  async rollback(error: unknown): Promise<unknown> {
    for (const step of this.steps.toReversed()) {
      try {
        await step();
      } catch (undoError) {
        const message = error instanceof Error ? error.message : String(error);
        return new ConfigError(`awsafe import failed (${message}) and could not undo its changes`, {
          hint: "Run awsafe import again once the cause is fixed: it finishes an interrupted import without losing keys.",
          cause: undoError,
        });
      }
    }
    return error;
  }
}
