import { AppError } from "../../errors.js";
import type { RotationKeyCreated, StoreChange } from "../../ports/secret-store.js";
import { redact } from "../../redact.js";
import { RotateStep, type RotationDeps } from "./rotation-deps.js";
import { profilesStoring } from "./rotation-journal.js";
import { retold } from "./same-kind.js";

/** Sessions made from the old key that were dropped, in the store and in the agent. */
export interface DroppedSessions {
  readonly store: number;
  /** `undefined` when no agent runs. */
  readonly agent: number | undefined;
  /** Why the agent could not be told, when it could not. */
  readonly agentProblem?: string;
}

/**
 * Step 5: the new key becomes the stored key of every profile that stored the old one (one
 * store write, which also drops the sessions the store cached from the old key), then the
 * running agent drops its sessions of those profiles. The old key is not deleted yet: until it
 * is, both work.
 */
export async function promoteNewKey(
  deps: RotationDeps,
  profile: string,
  journal: RotationKeyCreated,
): Promise<{ readonly profiles: readonly string[]; readonly dropped: DroppedSessions }> {
  try {
    return await storeNewKey(deps, journal);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const rerun = `the stored key ${redact(journal.oldAccessKeyId)} still works and the new one is kept in the rotation journal: run \`awsafe rotate ${profile}\` again to finish`;
    throw retold(
      error,
      `Could not store the new key ${redact(journal.newAccessKeyId)}: ${error.message}`,
      {
        hint: error.hint === undefined ? rerun : `${error.hint}; then ${rerun}`,
      },
    );
  }
}

async function storeNewKey(
  deps: RotationDeps,
  journal: RotationKeyCreated,
): Promise<{ readonly profiles: readonly string[]; readonly dropped: DroppedSessions }> {
  const { store } = deps;
  const profiles = await profilesStoring(store, journal.oldAccessKeyId);
  const changes: StoreChange[] = [];
  for (const profile of profiles) {
    const item = await store.get({ kind: "long-term", name: profile });
    if (item === undefined) continue;
    changes.push({
      op: "put",
      item: {
        ref: { kind: "long-term", name: profile },
        value: {
          ...item,
          accessKeyId: journal.newAccessKeyId,
          secretAccessKey: journal.newSecretAccessKey,
          createdAt: journal.newCreatedAt ?? deps.now().toISOString(),
        },
      },
    });
  }
  const sessions = await storedSessionsOf(deps, profiles);
  await store.apply([...changes, ...sessions.map((ref) => ({ op: "delete" as const, ref }))]);
  deps.checkpoint(RotateStep.Stored);
  const agent = await forgetEverywhere(deps, profiles);
  deps.progress(
    `stored ${redact(journal.newAccessKeyId)} as the key of ${profiles.map((p) => `"${p}"`).join(", ")}; dropped the old key's ${describeDropped({ store: sessions.length, ...agent })}`,
  );
  return { profiles, dropped: { store: sessions.length, ...agent } };
}

/**
 * Drops the sessions made from the keys of `profiles` in the store and the agent, without
 * changing a key (a rerun after a stop between step 5's store write and the agent's answer).
 */
export async function dropSessions(
  deps: RotationDeps,
  profiles: readonly string[],
): Promise<DroppedSessions> {
  const sessions = await storedSessionsOf(deps, profiles);
  if (sessions.length > 0) {
    await deps.store.apply(sessions.map((ref) => ({ op: "delete" as const, ref })));
  }
  return { store: sessions.length, ...(await forgetEverywhere(deps, profiles)) };
}

/** `2 cached session(s) (1 in the store, 1 in the agent)`. */
export function describeDropped(dropped: DroppedSessions): string {
  const total = dropped.store + (dropped.agent ?? 0);
  const agent =
    dropped.agentProblem !== undefined
      ? `; the agent could not be told (${dropped.agentProblem}): \`awsafe agent stop\` drops its sessions`
      : dropped.agent === undefined
        ? ", no agent running"
        : `, ${String(dropped.agent)} in the agent`;
  return `${String(total)} cached session(s) (${String(dropped.store)} in the store${agent})`;
}

async function storedSessionsOf(deps: RotationDeps, profiles: readonly string[]) {
  const cached = await deps.store.list({ kind: "session" });
  const matchers = await Promise.all(profiles.map((profile) => deps.sessionsOf(profile)));
  return cached.filter((ref) => matchers.some((belongs) => belongs(ref.name)));
}

async function forgetEverywhere(
  deps: RotationDeps,
  profiles: readonly string[],
): Promise<{ readonly agent: number | undefined; readonly agentProblem?: string }> {
  let agent: number | undefined;
  for (const profile of profiles) {
    try {
      const dropped = await deps.forgetInAgent(profile);
      if (dropped !== undefined) agent = (agent ?? 0) + dropped;
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      // Sessions already made stay valid at AWS until they expire whatever the agent does; the
      // rotation goes on and says so.
      return { agent, agentProblem: error.message };
    }
  }
  return { agent };
}
