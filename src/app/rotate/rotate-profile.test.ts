import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { start, type RunningEmulator } from "../../../emulator/server.js";
import { nextTotp, seedUser } from "../../../emulator/test-support/emulator-fixture.js";
import { createIamAdapter } from "../../aws/iam-adapter.js";
import { createStsAdapter } from "../../aws/sts-adapter.js";
import { AuthError, ConfigError, StoreError } from "../../errors.js";
import { AwsUnavailableError } from "../../ports/aws/aws-errors.js";
import type { AwsCredentials } from "../../ports/aws/credentials.js";
import type { LongTermKeyItem, RotationKeyCreated, SecretStore } from "../../ports/secret-store.js";
import { createMemoryStore } from "../../store/memory/memory-store.js";
import { rotateProfile } from "./rotate-profile.js";
import type { RotationDeps } from "./rotation-deps.js";
import { journalRef } from "./rotation-journal.js";

// The rotation use-case against the emulator (real IAM and STS adapters) with a memory store:
// the paths a crash or another hand can leave, which the end-to-end fault matrix does not reach.

let emulator: RunningEmulator;
let store: SecretStore;
let progress: string[];
const userArn = "arn:aws:iam::123456789012:user/assume-only";

beforeEach(async () => {
  emulator = await start({ port: 0 });
  store = createMemoryStore();
  progress = [];
  const user = seedUser(emulator, "assume-only");
  await store.put(longTerm("base"), {
    accessKeyId: user.accessKeyId ?? "",
    secretAccessKey: user.secretAccessKey ?? "",
  });
});
afterEach(() => emulator.stop());

const longTerm = (name: string) => ({ kind: "long-term", name }) as const;

/** The deps of a rotation whose IAM calls use a fresh MFA session of the stored key. */
function deps(overrides: Partial<RotationDeps> = {}): RotationDeps {
  const env = { AWS_ENDPOINT_URL: emulator.url };
  const sts = createStsAdapter({ env });
  return {
    store,
    iam: createIamAdapter({ env }),
    sts,
    iamCaller: async (profile, stored) => ({
      credentials: await sts.getSessionToken(
        stored,
        {
          mfa: {
            serialNumber: seedUser(emulator, "assume-only").mfaSerial ?? "",
            tokenCode: await nextTotp(emulator, seedUser(emulator, "assume-only").totpSecret),
          },
        },
        { profile },
      ),
      description: "an MFA session",
    }),
    sessionsOf: (profile) =>
      Promise.resolve((name: string) => name.startsWith(`stored:${profile} `)),
    forgetInAgent: () => Promise.resolve(undefined),
    confirmDeleteInactive: () => Promise.resolve(false),
    // Waiting moves the emulator's clock instead of the test's.
    sleep: (ms) => {
      emulator.state.clock.advance(ms / 1000);
      return Promise.resolve();
    },
    now: () => emulator.state.clock.now(),
    checkpoint: () => undefined,
    progress: (line) => progress.push(line),
    ...overrides,
  };
}

function userKeys() {
  return [...emulator.state.world.accessKeys.values()].filter(
    (key) => key.userName === "assume-only",
  );
}

async function stored(name = "base"): Promise<LongTermKeyItem> {
  const item = await store.get(longTerm(name));
  if (item === undefined) throw new Error(`nothing stored for ${name}`);
  return item;
}

/** A key IAM made for the user, as an interrupted rotation would have left it. */
function makeKey(): AwsCredentials {
  const user = emulator.state.world.user("123456789012", "assume-only");
  const key = emulator.state.world.createAccessKey(user);
  return { accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey };
}

async function journalWith(newKey: AwsCredentials): Promise<RotationKeyCreated> {
  const old = await stored();
  const journal: RotationKeyCreated = {
    phase: "created",
    startedAt: emulator.state.clock.now().toISOString(),
    userName: "assume-only",
    userArn,
    oldAccessKeyId: old.accessKeyId,
    keysBefore: [old.accessKeyId],
    newAccessKeyId: newKey.accessKeyId,
    newSecretAccessKey: newKey.secretAccessKey,
    oldSecretAccessKey: old.secretAccessKey,
  };
  await store.put(journalRef("base"), journal);
  return journal;
}

describe("rotateProfile", () => {
  it("replaces the key of every profile that stores it, and drops their cached sessions", async () => {
    const old = await stored();
    await store.put(longTerm("copy"), { ...old, mfaSerial: "arn:aws:iam::123456789012:mfa/x" });
    const session = {
      accessKeyId: "ASIA",
      secretAccessKey: "s",
      sessionToken: "t",
      expiration: "e",
    };
    await store.put({ kind: "session", name: "stored:copy > session" }, session);
    await store.put({ kind: "session", name: "stored:other > session" }, session);
    const result = await rotateProfile(deps(), "base");
    expect(result.storedAs).toEqual(["base", "copy"]);
    expect((await stored("copy")).accessKeyId).toBe(result.newAccessKeyId);
    expect((await stored("copy")).mfaSerial).toBe("arn:aws:iam::123456789012:mfa/x");
    expect(result.sessionsDropped).toEqual({ store: 1, agent: undefined });
    expect(await store.list({ kind: "session" })).toEqual([
      { kind: "session", name: "stored:other > session" },
    ]);
    expect(userKeys().map((key) => key.accessKeyId)).toEqual([result.newAccessKeyId]);
  });

  it("waits for a new key IAM is slow to spread, then goes on", async () => {
    emulator.state.newKeyDelay.set(10);
    const result = await rotateProfile(deps(), "base");
    expect(progress).toContain(`****${result.newAccessKeyId.slice(-4)} works (after 15 s)`);
  });

  it("stops after about a minute of refusals, keeping the new key in the journal for a rerun", async () => {
    emulator.state.newKeyDelay.set(600);
    const old = await stored();
    const failed = await rotateProfile(deps(), "base").catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(AwsUnavailableError);
    expect(String(failed)).toMatch(/still refuses the new key \S+ after 60 s/);
    const journal = await store.get(journalRef("base"));
    expect(journal?.phase).toBe("created");
    expect(await stored()).toEqual(old);
    const made = emulator.state.world.accessKeys.get(
      journal?.phase === "created" ? journal.newAccessKeyId : "",
    );
    if (made === undefined) throw new Error("the new key is not in IAM");
    made.usableAt = undefined;
    const result = await rotateProfile(deps(), "base");
    expect(result.interrupted?.outcome).toBe("finished");
    expect(journal?.phase === "created" ? journal.newAccessKeyId : "").toBe(result.newAccessKeyId);
  });

  it("deletes the new key again when the journal cannot hold it", async () => {
    const failing: SecretStore = {
      ...store,
      put: (ref, value) =>
        ref.kind === "rotation" && "newAccessKeyId" in value
          ? Promise.reject(new StoreError("the keychain is locked"))
          : store.put(ref, value),
    };
    const old = await stored();
    const failed = await rotateProfile(deps({ store: failing }), "base").catch(
      (error: unknown) => error,
    );
    expect(failed).toBeInstanceOf(StoreError);
    expect(String(failed)).toMatch(
      /Could not record the new key \S+ in memory \(the keychain is locked\), so \S+ was deleted; the stored key is unchanged/,
    );
    expect(userKeys().map((key) => key.accessKeyId)).toEqual([old.accessKeyId]);
    expect(await stored()).toEqual(old);
  });

  it("undoes a rotation whose key was replaced since: deletes its unused new key, then rotates", async () => {
    const replacement = makeKey();
    const journal = await journalWith(makeKeyAfterDeleting(replacement));
    await store.put(longTerm("base"), replacement);
    const result = await rotateProfile(deps(), "base");
    expect(result.interrupted?.outcome).toBe("undone");
    expect(result.oldAccessKeyId).toBe(replacement.accessKeyId);
    expect(result.notes.join("\n")).toContain("was replaced after the rotation stopped");
    const ids = userKeys().map((key) => key.accessKeyId);
    expect(ids).toEqual([result.newAccessKeyId]);
    expect(ids).not.toContain(journal.newAccessKeyId);
  });

  it("stores the journal's new key when the old one stopped working meanwhile", async () => {
    const newKey = makeKey();
    const journal = await journalWith(newKey);
    const oldKey = emulator.state.world.accessKeys.get(journal.oldAccessKeyId);
    if (oldKey === undefined) throw new Error("no old key");
    oldKey.status = "Inactive";
    const result = await rotateProfile(deps(), "base");
    expect(progress.join("\n")).toContain("no longer works, but the rotation's new key");
    expect((await stored()).accessKeyId).toBe(newKey.accessKeyId);
    expect(result.oldKey).toBe("deleted");
    expect(userKeys().map((key) => key.accessKeyId)).toEqual([newKey.accessKeyId]);
  });

  it("starts again when the journal's new key is gone from IAM", async () => {
    const newKey = makeKey();
    await journalWith(newKey);
    emulator.state.world.accessKeys.delete(newKey.accessKeyId);
    const result = await rotateProfile(deps(), "base");
    expect(result.interrupted?.outcome).toBe("undone");
    expect(result.notes[0]).toContain("is no longer in IAM");
    expect(userKeys().map((key) => key.accessKeyId)).toEqual([result.newAccessKeyId]);
  });

  it("leaves alone a key made long after an interrupted start, and says so", async () => {
    const old = await stored();
    await store.put(journalRef("base"), {
      phase: "creating",
      startedAt: new Date(emulator.state.clock.nowMs() - 3600_000).toISOString(),
      userName: "assume-only",
      userArn,
      oldAccessKeyId: old.accessKeyId,
      keysBefore: [old.accessKeyId],
    });
    const someone = makeKey();
    const failed = await rotateProfile(deps(), "base").catch((error: unknown) => error);
    expect(progress.join("\n")).toContain(
      "was not made by the interrupted rotation: left as it is",
    );
    expect(failed).toBeInstanceOf(ConfigError);
    expect(String(failed)).toContain("already has two access keys");
    expect(userKeys().map((key) => key.accessKeyId)).toContain(someone.accessKeyId);
  });

  it("refuses to delete an inactive second key that another profile stores", async () => {
    const other = makeKey();
    const key = emulator.state.world.accessKeys.get(other.accessKeyId);
    if (key !== undefined) key.status = "Inactive";
    await store.put(longTerm("other"), other);
    const failed = await rotateProfile(
      deps({ confirmDeleteInactive: () => Promise.resolve(true) }),
      "base",
    ).catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(ConfigError);
    expect(String(failed)).toContain('awsafe stores it for "other"');
    expect(userKeys()).toHaveLength(2);
  });

  it("finishes a store write that stopped half-way: every profile of the old key gets the new one", async () => {
    const old = await stored();
    await store.put(longTerm("copy"), old);
    const newKey = makeKey();
    await journalWith(newKey);
    // The keychain applied the first put of the batch, then the process died.
    await store.put(longTerm("base"), { ...old, ...newKey });
    const result = await rotateProfile(deps(), "base");
    expect(result.interrupted?.outcome).toBe("finished");
    expect((await stored("copy")).accessKeyId).toBe(newKey.accessKeyId);
    expect(userKeys().map((key) => key.accessKeyId)).toEqual([newKey.accessKeyId]);
  });

  it("says rotate needs a working key when AWS refuses the stored one", async () => {
    const old = await stored();
    emulator.state.world.accessKeys.delete(old.accessKeyId);
    const failed = await rotateProfile(deps(), "base").catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(AuthError);
    expect(failed).toMatchObject({
      hint: expect.stringContaining("rotate needs a working key") as unknown,
    });
  });
});

/** A key that exists in IAM beside `keep`, with room made for it (two keys at most). */
function makeKeyAfterDeleting(keep: AwsCredentials): AwsCredentials {
  for (const key of userKeys()) {
    if (key.accessKeyId !== keep.accessKeyId)
      emulator.state.world.accessKeys.delete(key.accessKeyId);
  }
  return makeKey();
}
