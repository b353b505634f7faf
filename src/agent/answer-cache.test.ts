import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { answerCache, filesFingerprint } from "./answer-cache.js";

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

describe("answerCache", () => {
  it("answers the same request while more than 15 minutes remain, then forgets it", () => {
    const cache = answerCache();
    cache.set("k", answer(16));
    expect(cache.get("k", now)).toEqual(answer(16));
    expect(cache.get("other", now)).toBeUndefined();
    expect(cache.get("k", new Date(now.getTime() + 60_000))).toBeUndefined();
    expect(cache.get("k", now)).toBeUndefined();
  });

  it("keeps no credentials without an expiry", () => {
    const cache = answerCache();
    cache.set("k", answer(undefined));
    expect(cache.get("k", now)).toBeUndefined();
  });

  it("holds at most 256 answers, dropping the oldest", () => {
    const cache = answerCache();
    for (let i = 0; i <= 256; i++) cache.set(String(i), answer(60));
    expect(cache.get("0", now)).toBeUndefined();
    expect(cache.get("256", now)).toBeDefined();
  });
});

describe("filesFingerprint", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "awsafe-fingerprint-"));
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  // Long after every write below: stamps alone tell versions apart.
  const later = Date.now() + 60_000;

  it("changes when a file appears, changes or goes, and not otherwise", () => {
    const file = path.join(dir, "config");
    const absent = filesFingerprint([file], later);
    expect(absent).toBe("absent");
    writeFileSync(file, "[default]\n");
    const first = filesFingerprint([file], Date.now() + 60_000);
    expect(first).not.toBe(absent);
    expect(filesFingerprint([file], Date.now() + 60_000)).toBe(first);
    writeFileSync(file, "[default]\nregion = eu-west-1\n");
    expect(filesFingerprint([file], Date.now() + 60_000)).not.toBe(first);
    rmSync(file);
    expect(filesFingerprint([file], later)).toBe(absent);
  });

  it("holds the contents' digest while a file changed too recently for its stamp to tell", () => {
    const file = path.join(dir, "racy");
    writeFileSync(file, "[profile a]\nrole_arn = arn:aws:iam::111111111111:role/A\n");
    const settled = filesFingerprint([file], Date.now() + 60_000);
    const racy = filesFingerprint([file], Date.now());
    expect(settled).not.toContain("#");
    expect(racy).toMatch(/^[^#]+#[0-9a-f]{64}$/);
    expect(racy?.split("#")[0]).toBe(settled);
    // Its digest is the contents': the same stamp over other contents (written twice within
    // one tick at the same size, which a test cannot arrange) would still be told apart.
    writeFileSync(file, "[profile a]\nrole_arn = arn:aws:iam::222222222222:role/A\n");
    const otherDigest = filesFingerprint([file], Date.now())?.split("#")[1];
    expect(otherDigest).toMatch(/^[0-9a-f]{64}$/);
    expect(otherDigest).not.toBe(racy?.split("#")[1]);
  });

  it("keeps nothing for a file whose stamp says nothing of its contents", () => {
    expect(filesFingerprint([dir], later)).toBeUndefined();
  });
});
