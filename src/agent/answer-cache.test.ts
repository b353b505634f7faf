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

  it("changes when a file appears, changes or goes, and not otherwise", () => {
    const file = path.join(dir, "config");
    const absent = filesFingerprint([file]);
    expect(absent).toBe("-");
    writeFileSync(file, "[default]\n");
    const first = filesFingerprint([file]);
    expect(first).not.toBe(absent);
    expect(filesFingerprint([file])).toBe(first);
    writeFileSync(file, "[default]\nregion = eu-west-1\n");
    expect(filesFingerprint([file])).not.toBe(first);
    rmSync(file);
    expect(filesFingerprint([file])).toBe(absent);
  });
});
