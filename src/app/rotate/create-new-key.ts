import { AppError, StoreError } from "../../errors.js";
import { AwsUnavailableError } from "../../ports/aws/aws-errors.js";
import type { IamAccessKey, NewAccessKey } from "../../ports/aws/iam.js";
import type { RotationKeyCreated, RotationStarted } from "../../ports/secret-store.js";
import { redact } from "../../redact.js";
import { listKeys, withPolicyHint } from "./check-other-keys.js";
import { formatTime } from "./key-facts.js";
import { RotateStep, type RotationDeps } from "./rotation-deps.js";
import { journalRef, profilesStoring } from "./rotation-journal.js";
import type { RotationSession } from "./rotation-session.js";
import { describeOutcome, retireKey } from "./retire-key.js";

/**
 * Step 3: makes the new key, never losing it. The journal first says a key is about to be made
 * (so a key whose answer never arrives is recognised later as this rotation's), then
 * CreateAccessKey is called once (never retried: a second call could make a second key), then
 * the new key goes into the journal before anything else is done with it: from then on a crash
 * loses nothing. If the journal cannot be written, the new key is deleted again, as nobody could
 * use it.
 */
export async function createNewKey(
  deps: RotationDeps,
  session: RotationSession,
  keys: readonly IamAccessKey[],
): Promise<RotationKeyCreated> {
  const started: RotationStarted = {
    phase: "creating",
    startedAt: deps.now().toISOString(),
    userName: session.userName,
    userArn: session.userArn,
    oldAccessKeyId: session.stored.accessKeyId,
    keysBefore: keys.map((key) => key.accessKeyId),
  };
  const ref = journalRef(session.profile);
  await deps.store.put(ref, started);
  deps.checkpoint(RotateStep.Intent);
  const made = await create(deps, session, started);
  deps.checkpoint(RotateStep.Created);
  const journal: RotationKeyCreated = {
    ...started,
    phase: "created",
    newAccessKeyId: made.accessKeyId,
    newSecretAccessKey: made.secretAccessKey,
    ...(made.createDate === undefined ? {} : { newCreatedAt: made.createDate.toISOString() }),
    oldSecretAccessKey: session.stored.secretAccessKey,
  };
  try {
    await deps.store.put(ref, journal);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const outcome = await retireKey(deps, session, made.accessKeyId);
    throw new StoreError(
      `Could not record the new key ${redact(made.accessKeyId)} in ${deps.store.location} (${error.message}), so ${describeOutcome(made.accessKeyId, outcome)}; the stored key is unchanged`,
      { hint: error.hint, cause: error },
    );
  }
  deps.checkpoint(RotateStep.Journaled);
  deps.progress(
    `created ${redact(made.accessKeyId)} and recorded it in the rotation journal in ${deps.store.location} before anything else`,
  );
  return journal;
}

/**
 * Looks for keys of the user that appeared since `started` was written and that awsafe does not
 * store: made by a CreateAccessKey whose answer was lost, so nobody has their secret. Each is
 * deleted (or made inactive). Returns what became of them; `complete` is false when one is still
 * active or the keys could not be listed.
 */
export async function removeLostKeys(
  deps: RotationDeps,
  session: RotationSession,
  started: RotationStarted,
): Promise<{ readonly notes: readonly string[]; readonly complete: boolean }> {
  let keys: IamAccessKey[];
  try {
    keys = await listKeys(deps, session);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return {
      notes: [`could not look for a key made without an answer: ${error.message}`],
      complete: false,
    };
  }
  const startedMs = Date.parse(started.startedAt);
  const notes: string[] = [];
  let complete = true;
  for (const key of keys) {
    if (started.keysBefore.includes(key.accessKeyId)) continue;
    if (key.accessKeyId === session.stored.accessKeyId) continue;
    if ((await profilesStoring(deps.store, key.accessKeyId)).length > 0) continue;
    const made = key.createDate?.getTime() ?? startedMs;
    if (made < startedMs - clockSlackMs || made > startedMs + createWindowMs) {
      notes.push(
        `key ${redact(key.accessKeyId)} (made ${formatTime(key.createDate)}) is not stored by awsafe and was not made by the interrupted rotation: left as it is`,
      );
      continue;
    }
    const outcome = await retireKey(deps, session, key.accessKeyId);
    complete &&= outcome.state !== "active";
    notes.push(
      `IAM made key ${redact(key.accessKeyId)} for a CreateAccessKey whose answer never arrived; nobody has its secret, so ${describeOutcome(key.accessKeyId, outcome)}`,
    );
  }
  return { notes, complete };
}

// A key counts as made by the interrupted CreateAccessKey when IAM made it between the journal's
// start (less a margin for the two clocks) and the longest such a call can take; one made later
// is someone's own doing and is left alone.
const clockSlackMs = 5 * 60 * 1000;
const createWindowMs = 15 * 60 * 1000;

async function create(
  deps: RotationDeps,
  session: RotationSession,
  started: RotationStarted,
): Promise<NewAccessKey> {
  try {
    return await deps.iam.createAccessKey(session.caller.credentials, session.userName, {
      profile: session.profile,
    });
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    // IAM may have made the key and lost the answer: look for it before saying anything.
    const lost =
      error instanceof AwsUnavailableError
        ? await removeLostKeys(deps, session, started)
        : { notes: [], complete: true };
    for (const note of lost.notes) deps.progress(note);
    if (lost.complete) await deps.store.delete(journalRef(session.profile));
    throw withPolicyHint(error, session);
  }
}
