import { AuthError, ConfigError } from "../../errors.js";
import { AwsUnavailableError } from "../../ports/aws/aws-errors.js";
import type { AwsCredentials } from "../../ports/aws/credentials.js";
import type {
  LongTermKeyItem,
  RotationItem,
  RotationKeyCreated,
} from "../../ports/secret-store.js";
import { redact } from "../../redact.js";
import { readStoredKeyIds } from "../store/read-stored-keys.js";
import { listKeys, listKeysWithRoom } from "./check-other-keys.js";
import { createNewKey, removeLostKeys } from "./create-new-key.js";
import { formatTime } from "./key-facts.js";
import {
  describeDropped,
  dropSessions,
  type DroppedSessions,
  promoteNewKey,
} from "./promote-new-key.js";
import { describeOutcome, type RetireOutcome, retireKey } from "./retire-key.js";
import { RotateStep, type RotationDeps } from "./rotation-deps.js";
import { journalRef, profilesStoring } from "./rotation-journal.js";
import { openRotationSession, ownerOfStoredKey, type RotationSession } from "./rotation-session.js";
import { retold } from "./same-kind.js";
import { waitForNewKey } from "./wait-for-new-key.js";

/** One of the user's keys after the rotation, and the profiles that store it. */
export interface KeyAfterRotation {
  readonly accessKeyId: string;
  readonly status: "Active" | "Inactive";
  readonly storedAs: readonly string[];
}

/** What a rotation did. Key IDs are full here; the CLI prints them redacted. */
export interface RotationResult {
  readonly profile: string;
  readonly userName: string;
  readonly userArn: string;
  /** How IAM was called, in words. */
  readonly caller: string;
  /** Set when this run first finished or undid a rotation an earlier run left. */
  readonly interrupted?: { readonly startedAt: string; readonly outcome: "finished" | "undone" };
  readonly oldAccessKeyId: string;
  readonly newAccessKeyId: string;
  /** The profiles that now store the new key. */
  readonly storedAs: readonly string[];
  readonly oldKey: RetireOutcome["state"];
  readonly sessionsDropped: DroppedSessions;
  /** The user's keys now, as far as this rotation knows them. */
  readonly keys: readonly KeyAfterRotation[];
  /** Things done on the way that the person should know (a lost key deleted, ...). */
  readonly notes: readonly string[];
}

type Interrupted = RotationResult["interrupted"];

/**
 * Rotates the access key stored as `profile` (issue 14, SPECS-2 §B.7): new key → journal → wait
 * until it works → store it and drop the sessions of the old one → delete the old key → drop the
 * journal. A journal left by an earlier run is dealt with first, from the facts (the stored key,
 * the user's keys in IAM) rather than from how far the journal says it got: a rotation whose new
 * key exists is finished; one whose new key is gone, or whose key was replaced since, is undone
 * and a new rotation starts. At every point one stored key works.
 *
 * @throws ConfigError when no key is stored for `profile`; the AppError of the step that failed
 *   otherwise, its hint saying what remains and that a rerun finishes it.
 */
export async function rotateProfile(deps: RotationDeps, profile: string): Promise<RotationResult> {
  const journal = await deps.store.get(journalRef(profile));
  const stored = await deps.store.get({ kind: "long-term", name: profile });
  if (stored === undefined) throw noStoredKey(deps, profile, journal);
  deps.progress(`rotating the key ${redact(stored.accessKeyId)} of profile "${profile}"`);
  if (journal === undefined) {
    return startRotation(deps, await openRotationSession(deps, profile, stored), undefined, []);
  }
  deps.progress(
    `an earlier rotation of "${profile}" did not finish (started ${formatTime(new Date(journal.startedAt))}); dealing with it first`,
  );
  return journal.phase === "creating"
    ? resumeBeforeNewKey(deps, profile, stored, journal)
    : resumeWithNewKey(deps, profile, stored, journal);
}

/** Steps 2–7 for a profile with no rotation under way. */
async function startRotation(
  deps: RotationDeps,
  session: RotationSession,
  interrupted: Interrupted,
  notes: readonly string[],
): Promise<RotationResult> {
  const keys = await listKeysWithRoom(deps, session);
  const journal = await createNewKey(deps, session, keys);
  await waitForNewKey(deps, session.profile, journal);
  const promoted = await promoteNewKey(deps, session.profile, journal);
  return retireOldKey(deps, session, journal, promoted, interrupted, notes);
}

/** The journal says CreateAccessKey was about to be called: remove a key it made unseen, start again. */
async function resumeBeforeNewKey(
  deps: RotationDeps,
  profile: string,
  stored: LongTermKeyItem,
  journal: Extract<RotationItem, { phase: "creating" }>,
): Promise<RotationResult> {
  const session = await openRotationSession(deps, profile, stored);
  const lost = await removeLostKeys(deps, session, journal);
  for (const note of lost.notes) deps.progress(note);
  if (!lost.complete) {
    throw new AwsUnavailableError(
      `A key the interrupted rotation of "${profile}" made may still be active; nothing else was changed`,
      {
        hint: `Run \`awsafe rotate ${profile}\` again; the stored key ${redact(stored.accessKeyId)} works meanwhile`,
      },
    );
  }
  await deps.store.delete(journalRef(profile));
  if (lost.notes.length === 0) deps.progress("it had made no key; starting again");
  return startRotation(
    deps,
    session,
    { startedAt: journal.startedAt, outcome: "undone" },
    lost.notes,
  );
}

/** The journal holds the new key: finish with it, or undo it when it no longer fits. */
async function resumeWithNewKey(
  deps: RotationDeps,
  profile: string,
  stored: LongTermKeyItem,
  journal: RotationKeyCreated,
): Promise<RotationResult> {
  const interrupted = { startedAt: journal.startedAt, outcome: "finished" } as const;
  if (stored.accessKeyId === journal.newAccessKeyId) {
    // The new key was stored. A store that applies a batch item by item (keychain, pass) may
    // have stopped before every profile of the old key had it, and the sessions of the old key
    // may not all have been dropped.
    if ((await profilesStoring(deps.store, journal.oldAccessKeyId)).length > 0) {
      await promoteNewKey(deps, profile, journal);
    }
    const profiles = await profilesStoring(deps.store, stored.accessKeyId);
    const dropped = await dropSessions(deps, profiles);
    deps.progress(
      `${redact(stored.accessKeyId)} is already the stored key; dropped ${describeDropped(dropped)}`,
    );
    const session = await openRotationSession(deps, profile, stored);
    return retireOldKey(deps, session, journal, { profiles, dropped }, interrupted, []);
  }
  if (stored.accessKeyId !== journal.oldAccessKeyId)
    return undoReplacedRotation(deps, profile, stored, journal);
  const newKey = {
    accessKeyId: journal.newAccessKeyId,
    secretAccessKey: journal.newSecretAccessKey,
  };
  if (
    !(await keyWorks(deps, profile, stored, journal.userArn)) &&
    (await keyWorks(deps, profile, newKey, journal.userArn))
  ) {
    // The old key stopped working (deleted by hand?) but the new one works: keep the new one now.
    deps.progress(
      `the stored key ${redact(stored.accessKeyId)} no longer works, but the rotation's new key ${redact(newKey.accessKeyId)} does: storing it`,
    );
    const promoted = await promoteNewKey(deps, profile, journal);
    const now = await deps.store.get({ kind: "long-term", name: profile });
    if (now === undefined) throw noStoredKey(deps, profile, journal);
    return retireOldKey(
      deps,
      await openRotationSession(deps, profile, now),
      journal,
      promoted,
      interrupted,
      [],
    );
  }
  const session = await openRotationSession(deps, profile, stored);
  const keys = await listKeys(deps, session);
  if (!keys.some((key) => key.accessKeyId === journal.newAccessKeyId)) {
    const note = `the new key ${redact(journal.newAccessKeyId)} of the interrupted rotation is no longer in IAM; ${redact(stored.accessKeyId)} stayed the stored key`;
    deps.progress(`${note}; starting again`);
    await deps.store.delete(journalRef(profile));
    return startRotation(deps, session, { startedAt: journal.startedAt, outcome: "undone" }, [
      note,
    ]);
  }
  await waitForNewKey(deps, profile, journal);
  const promoted = await promoteNewKey(deps, profile, journal);
  return retireOldKey(deps, session, journal, promoted, interrupted, []);
}

/** The stored key is neither the old nor the new one: the user replaced it since. */
async function undoReplacedRotation(
  deps: RotationDeps,
  profile: string,
  stored: LongTermKeyItem,
  journal: RotationKeyCreated,
): Promise<RotationResult> {
  const session = await openRotationSession(deps, profile, stored);
  const keys = await listKeys(deps, session);
  const notes: string[] = [];
  const unused =
    keys.some((key) => key.accessKeyId === journal.newAccessKeyId) &&
    (await profilesStoring(deps.store, journal.newAccessKeyId)).length === 0;
  if (unused) {
    const outcome = await retireKey(deps, session, journal.newAccessKeyId);
    notes.push(
      `the key stored for "${profile}" was replaced after the rotation stopped, so its new key ${describeOutcome(journal.newAccessKeyId, outcome)}`,
    );
    deps.progress(notes[0] ?? "");
    if (outcome.state === "active") {
      throw new AwsUnavailableError(
        `The unused key ${redact(journal.newAccessKeyId)} of the interrupted rotation of "${profile}" is still active`,
        {
          hint: `Run \`awsafe rotate ${profile}\` again, or delete it in IAM`,
          cause: outcome.error,
        },
      );
    }
  }
  await deps.store.delete(journalRef(profile));
  return startRotation(deps, session, { startedAt: journal.startedAt, outcome: "undone" }, notes);
}

/** Steps 6 and 7: the old key goes (or is made inactive), then the journal. */
async function retireOldKey(
  deps: RotationDeps,
  session: RotationSession,
  journal: RotationKeyCreated,
  promoted: { readonly profiles: readonly string[]; readonly dropped: DroppedSessions },
  interrupted: Interrupted,
  notes: readonly string[],
): Promise<RotationResult> {
  const { oldAccessKeyId, newAccessKeyId } = journal;
  const outcome = await retireKey(deps, session, oldAccessKeyId);
  deps.checkpoint(RotateStep.Retired);
  if (outcome.state === "active") {
    throw retold(
      outcome.error,
      `Rotated "${session.profile}" to ${redact(newAccessKeyId)}, but the old key ${redact(oldAccessKeyId)} is still active (${outcome.why})`,
      {
        hint: `Run \`awsafe rotate ${session.profile}\` again to delete it (the rotation journal keeps track of it), or delete it in IAM`,
      },
    );
  }
  deps.progress(`the old key ${describeOutcome(oldAccessKeyId, outcome)}`);
  await deps.store.delete(journalRef(session.profile));
  deps.checkpoint(RotateStep.Done);
  const stored = await readStoredKeyIds(deps.store);
  const storedAs = (id: string) =>
    [...stored]
      .filter(([, key]) => key === id)
      .map(([p]) => p)
      .sort();
  const keys: KeyAfterRotation[] = [
    { accessKeyId: newAccessKeyId, status: "Active", storedAs: storedAs(newAccessKeyId) },
    ...(outcome.state === "inactive"
      ? [
          {
            accessKeyId: oldAccessKeyId,
            status: "Inactive" as const,
            storedAs: storedAs(oldAccessKeyId),
          },
        ]
      : []),
  ];
  return {
    profile: session.profile,
    userName: session.userName,
    userArn: session.userArn,
    caller: session.caller.description,
    ...(interrupted === undefined ? {} : { interrupted }),
    oldAccessKeyId,
    newAccessKeyId,
    storedAs: promoted.profiles,
    oldKey: outcome.state,
    sessionsDropped: promoted.dropped,
    keys,
    notes,
  };
}

async function keyWorks(
  deps: RotationDeps,
  profile: string,
  key: AwsCredentials,
  userArn: string,
): Promise<boolean> {
  try {
    return (await ownerOfStoredKey(deps, profile, key)).userArn === userArn;
  } catch (error) {
    if (error instanceof AuthError || error instanceof ConfigError) return false;
    throw error;
  }
}

function noStoredKey(
  deps: RotationDeps,
  profile: string,
  journal: RotationItem | undefined,
): ConfigError {
  const pending =
    journal?.phase === "created"
      ? `; the journal of an interrupted rotation still holds its new key ${redact(journal.newAccessKeyId)}`
      : "";
  return new ConfigError(
    `Profile "${profile}" has no stored key in ${deps.store.location}${pending}`,
    {
      hint:
        journal === undefined
          ? "awsafe list shows the profiles with stored keys; --backend picks another store"
          : `Store the profile's key with \`awsafe add ${profile}\`, then run \`awsafe rotate ${profile}\` to finish or undo that rotation`,
    },
  );
}
