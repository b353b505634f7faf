import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { answerCache, filesState, type FilesState } from "./answer-cache.js";

const now = new Date("2026-11-22T10:00:00Z");
const answer = (minutesLeft: number | undefined) => ({
  credentials: {
    accessKeyId: "ASIAEXAMPLEANSWER001",
    secretAccessKey: "FAKE-secret",
    sessionToken: "FAKE-token",
    ...(minutesLeft === undefined
      ? {}
      : { expiration: new Date(now.getTime() + minutesLeft * 60_000) }),
  },
  region: "us-east-1",
});

/** Files past the racy window: their stamps tell; their contents are never read. */
const settled: FilesState = {
  stamps: "s",
  racy: false,
  digest: () => {
    throw new Error("a settled file's contents were read");
  },
};
/** Files changed within the racy window, whose contents have this digest. */
const racy = (digest: string | undefined): FilesState => ({
  stamps: "s",
  racy: true,
  digest: () => digest,
});
/** The same stamps past the window, over contents of this digest. */
const settledOver = (digest: string): FilesState => ({
  stamps: "s",
  racy: false,
  digest: () => digest,
});

describe("answerCache", () => {
  it("answers the same request while more than 15 minutes remain, then forgets it", () => {
    const cache = answerCache();
    cache.set("k", answer(16), settled);
    expect(cache.get("k", now, settled)).toEqual(answer(16));
    expect(cache.get("other", now, settled)).toBeUndefined();
    expect(cache.get("k", new Date(now.getTime() + 60_000), settled)).toBeUndefined();
    expect(cache.get("k", now, settled)).toBeUndefined();
  });

  it("keeps no credentials without an expiry", () => {
    const cache = answerCache();
    cache.set("k", answer(undefined), settled);
    expect(cache.get("k", now, settled)).toBeUndefined();
  });

  it("holds at most 256 answers, dropping the oldest", () => {
    const cache = answerCache();
    for (let i = 0; i <= 256; i++) cache.set(String(i), answer(60), settled);
    expect(cache.get("0", now, settled)).toBeUndefined();
    expect(cache.get("256", now, settled)).toBeDefined();
  });

  it("reuses an answer made while a file was racy only over the same contents", () => {
    const cache = answerCache();
    cache.set("k", answer(60), racy("a"));
    expect(cache.get("k", now, racy("a"))).toEqual(answer(60));
    // Rewritten within the same tick at the same size: the stamps are equal, the contents not.
    expect(cache.get("k", now, racy("b"))).toBeUndefined();
    expect(cache.get("k", now, racy("a"))).toBeUndefined();
  });

  it("reuses an answer made while racy once the window has passed over the same contents", () => {
    const cache = answerCache();
    cache.set("k", answer(60), racy("a"));
    expect(cache.get("k", now, settledOver("b"))).toBeUndefined();
    cache.set("k", answer(60), racy("a"));
    expect(cache.get("k", now, settledOver("a"))).toEqual(answer(60));
    // Checked past the window once, the stamps tell alone from then on.
    expect(cache.get("k", now, settled)).toEqual(answer(60));
  });

  it("keeps nothing made while racy over files it could not read", () => {
    const cache = answerCache();
    cache.set("k", answer(60), racy(undefined));
    expect(cache.get("k", now, racy(undefined))).toBeUndefined();
  });
});

describe("filesState", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "awsafe-files-state-"));
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  // Long after every write below: stamps alone tell versions apart.
  const later = () => Date.now() + 60_000;

  it("stamps change when a file appears, changes or goes, and not otherwise", () => {
    const file = path.join(dir, "config");
    const absent = filesState([file], later())?.stamps;
    expect(absent).toBe("absent");
    writeFileSync(file, "[default]\n");
    const first = filesState([file], later())?.stamps;
    expect(first).not.toBe(absent);
    expect(filesState([file], later())?.stamps).toBe(first);
    writeFileSync(file, "[default]\nregion = eu-west-1\n");
    expect(filesState([file], later())?.stamps).not.toBe(first);
    rmSync(file);
    expect(filesState([file], later())?.stamps).toBe(absent);
  });

  it("is racy while a file changed too recently for its stamp to tell, with the same stamps", () => {
    const file = path.join(dir, "racy");
    writeFileSync(file, "[profile a]\nrole_arn = arn:aws:iam::111111111111:role/A\n");
    const past = filesState([file], later());
    const recent = filesState([file], Date.now());
    expect(past?.racy).toBe(false);
    expect(recent?.racy).toBe(true);
    expect(recent?.stamps).toBe(past?.stamps);
    const digest = recent?.digest();
    expect(digest).toMatch(/^[0-9a-f]{64}$/);
    expect(past?.digest()).toBe(digest);
    // The digest is the contents': the same stamp over other contents (written twice within
    // one tick at the same size, which a test cannot arrange) would still be told apart.
    writeFileSync(file, "[profile a]\nrole_arn = arn:aws:iam::222222222222:role/A\n");
    expect(filesState([file], Date.now())?.digest()).not.toBe(digest);
  });

  it("reads a racy file's contents at once: its digest is of the version the answer is made from", () => {
    const file = path.join(dir, "read-at-once");
    writeFileSync(file, "[profile a]\nregion = eu-west-1\n");
    const state = filesState([file], Date.now());
    expect(state?.racy).toBe(true);
    // Rewritten while the answer is worked out: the digest kept beside it is not the new one's.
    writeFileSync(file, "[profile a]\nregion = eu-west-2\n");
    expect(state?.digest()).not.toBe(filesState([file], Date.now())?.digest());
  });

  it("keeps nothing for a file whose stamp says nothing of its contents", () => {
    expect(filesState([dir], later())).toBeUndefined();
  });
});
