import { mkdir } from "node:fs/promises";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { profileSessionMatcher } from "../app/credentials/sessions-of-profile.js";
import { loadSharedConfig } from "../app/load-shared-config.js";
import { chooseIamSession, keyProfileBehind } from "../app/rotate/choose-iam-session.js";
import { describeKey, type KeyFacts } from "../app/rotate/key-facts.js";
import { rotateProfile, type RotationResult } from "../app/rotate/rotate-profile.js";
import type { IamCaller, RotationDeps } from "../app/rotate/rotation-deps.js";
import { readStoredKeyIds } from "../app/store/read-stored-keys.js";
import { createIamAdapter } from "../aws/iam-adapter.js";
import { createStsAdapter } from "../aws/sts-adapter.js";
import { AppError, ConfigError, StoreError, UsageError } from "../errors.js";
import type { LongTermKeyItem, SecretStore } from "../ports/secret-store.js";
import { withFileLock } from "../store/encrypted-file/file-lock.js";
import type { RuntimeContext } from "./context.js";
import { forgetInAgent } from "./forget-in-agent.js";
import { obtainCredentials } from "./obtain-credentials.js";
import { type OpenedCommandStore, openCommandStore } from "./open-configured-store.js";

/** What `awsafe rotate` asks for. */
export interface RotateRequest {
  /** The profiles to rotate, in order; `all`: every profile with a stored key. */
  readonly profiles: readonly string[] | "all";
  /** `--no-session`: call IAM with the long-term key itself. */
  readonly noSession: boolean;
  /** `--mfa-token`: good for the first MFA session only. */
  readonly mfaToken: string | undefined;
  /** `false` with `--no-agent`. */
  readonly agent: boolean;
  readonly backend: string | undefined;
  /** `--delete-inactive`: delete an inactive second key without asking. */
  readonly deleteInactive: boolean;
}

/**
 * Rotates the keys of `request.profiles` one after the other, stopping at the first failure,
 * each result given to `done` as soon as it is in. Only one rotation runs per awsafe data
 * directory at a time (a lock whose holder has died is taken over at once). IAM and STS are
 * reached as every other command reaches them; the MFA session comes from the credential engine
 * (the agent, or this process), so one already cached is reused.
 *
 * @throws the first rotation's failure; StoreError when another rotation is running.
 */
export async function rotateKeys(
  context: RuntimeContext,
  request: RotateRequest,
  progress: (line: string) => void,
  done: (result: RotationResult) => void,
): Promise<void> {
  const opened = await openCommandStore(context, request.backend);
  const { store, choice } = opened;
  await mkdir(choice.paths.dataDir, { recursive: true, mode: 0o700 });
  await exclusively(path.join(choice.paths.dataDir, "rotate"), async () => {
    const deps = rotationDeps(context, opened, request, progress);
    const rotatedKeys = new Set<string>();
    for (const profile of await profilesToRotate(store, request.profiles)) {
      const current = (await readStoredKeyIds(store)).get(profile);
      if (current === undefined) await refuseKeylessProfile(context, store, profile);
      if (current !== undefined && rotatedKeys.has(current)) {
        progress(`"${profile}" stores the key just rotated: already done`);
        continue;
      }
      const result = await rotateProfile(deps, profile);
      rotatedKeys.add(result.newAccessKeyId);
      done(result);
    }
  });
}

/**
 * A profile without a key of its own whose credentials come from another profile's stored key
 * (a role): says which profile to rotate. Other profiles without a key are left to the
 * rotation, which says so (and about an interrupted rotation of theirs).
 */
async function refuseKeylessProfile(
  context: RuntimeContext,
  store: SecretStore,
  profile: string,
): Promise<void> {
  let behind: string | undefined;
  try {
    const shared = await loadSharedConfig(context);
    behind = keyProfileBehind(
      shared.data,
      profile,
      new Set((await readStoredKeyIds(store)).keys()),
    );
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
  }
  if (behind === undefined) return;
  throw new ConfigError(
    `Profile "${profile}" has no key of its own: its credentials come from the key stored for "${behind}"`,
    { hint: `Rotate that key: \`awsafe rotate ${behind}\`` },
  );
}

async function profilesToRotate(
  store: SecretStore,
  profiles: RotateRequest["profiles"],
): Promise<readonly string[]> {
  if (profiles !== "all") return profiles;
  const stored = [...(await readStoredKeyIds(store)).keys()].sort();
  if (stored.length === 0) {
    throw new UsageError(`No profile has a stored key in ${store.location}`, {
      hint: "Store one with `awsafe add <profile>`; --backend picks another store",
    });
  }
  return stored;
}

function rotationDeps(
  context: RuntimeContext,
  opened: OpenedCommandStore,
  request: RotateRequest,
  progress: (line: string) => void,
): RotationDeps {
  const { store } = opened;
  const clients = { env: context.env, debug: context.debug };
  let mfaToken = request.mfaToken;
  const storedProfiles = async () => new Set((await readStoredKeyIds(store)).keys());
  return {
    store,
    iam: createIamAdapter(clients),
    sts: createStsAdapter(clients),
    iamCaller: async (profile, stored) => {
      const caller = await iamCaller(context, opened, request, { profile, stored, mfaToken });
      // A code is good for one call to AWS.
      if (caller.credentials.sessionToken !== undefined) mfaToken = undefined;
      return caller;
    },
    sessionsOf: async (profile) => profileSessionMatcher(context, profile, await storedProfiles()),
    forgetInAgent: (profile) => forgetInAgent(context, profile),
    confirmDeleteInactive: (key) => confirmDelete(context, request, key),
    sleep: (ms) => sleep(ms),
    now: context.now,
    checkpoint: context.hooks.checkpoint,
    progress,
  };
}

async function iamCaller(
  context: RuntimeContext,
  opened: OpenedCommandStore,
  request: RotateRequest,
  of: {
    readonly profile: string;
    readonly stored: LongTermKeyItem;
    readonly mfaToken: string | undefined;
  },
): Promise<IamCaller> {
  const { profile, stored, mfaToken } = of;
  const key = { accessKeyId: stored.accessKeyId, secretAccessKey: stored.secretAccessKey };
  if (request.noSession) return { credentials: key, description: "the key itself (--no-session)" };
  const shared = await loadSharedConfig(context);
  const storedProfiles = new Set((await readStoredKeyIds(opened.store)).keys());
  const route = chooseIamSession(shared.data, profile, storedProfiles);
  if (route === undefined) {
    return {
      credentials: key,
      description: `the key itself: no MFA device (mfa_serial) is set for "${profile}" or a role over it, and IAM refuses sessions made without MFA`,
    };
  }
  const resolved = await obtainCredentials(
    context,
    {
      profile: route.profile,
      options: { sessionOnly: true },
      agent: request.agent,
      backend: request.backend,
      mfaToken,
    },
    opened,
  );
  return {
    credentials: resolved.credentials,
    description: `an MFA session of this key (device ${route.mfaSerial}, set in profile "${route.mfaProfile}")`,
  };
}

async function confirmDelete(
  context: RuntimeContext,
  request: RotateRequest,
  key: KeyFacts,
): Promise<boolean> {
  if (request.deleteInactive) return true;
  if (!context.prompter.canPrompt()) {
    throw new UsageError(`Not deleting the inactive key ${describeKey(key)} without confirmation`, {
      hint: "There is no terminal to ask on: add --delete-inactive to delete it",
    });
  }
  return context.prompter.confirm(
    `Delete the inactive key ${describeKey(key)}? It cannot be undone. [y/N]`,
  );
}

/** Runs `work` as the only rotation of this data directory. */
async function exclusively(file: string, work: () => Promise<void>): Promise<void> {
  const lock = { held: false };
  try {
    await withFileLock(
      file,
      () => {
        lock.held = true;
        return work();
      },
      { waitLimitMs: 2_000 },
    );
  } catch (error) {
    if (lock.held || !(error instanceof StoreError)) throw error;
    throw new StoreError("Another awsafe rotate is running for this awsafe store", {
      hint: `Let it finish, then run this one (the lock is ${file}.lock)`,
      cause: error,
    });
  }
}
