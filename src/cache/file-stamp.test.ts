import { mkdtempSync, renameSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { isRacy, racyWindowMs, stampFile } from "./file-stamp.js";

const dir = mkdtempSync(path.join(tmpdir(), "awsafe-stamp-"));
const file = path.join(dir, "config");

describe("stampFile", () => {
  it("says a missing file is absent, and refuses what is not a plain file", () => {
    expect(stampFile(path.join(dir, "none"))).toEqual({ id: "absent", changedNs: 0n });
    expect(stampFile(dir)).toBeUndefined();
    expect(stampFile(path.join(dir, "none", "below"))).toEqual({ id: "absent", changedNs: 0n });
  });

  it("changes with an edit of the same size, a touch, a replacement by rename", () => {
    writeFileSync(file, "region = a\n");
    utimesSync(file, 1_000, 1_000);
    const seen = [stampFile(file)?.id];
    writeFileSync(file, "region = b\n");
    seen.push(stampFile(file)?.id);
    utimesSync(file, 2_000, 2_000);
    seen.push(stampFile(file)?.id);
    writeFileSync(`${file}.new`, "region = b\n");
    utimesSync(`${file}.new`, 2_000, 2_000);
    renameSync(`${file}.new`, file);
    seen.push(stampFile(file)?.id);
    rmSync(file);
    seen.push(stampFile(file)?.id);
    expect(new Set(seen).size).toBe(seen.length);
  });
});

describe("isRacy", () => {
  const at = (ms: number) => ({ id: "x", changedNs: BigInt(ms) * 1_000_000n });
  const now = 1_800_000_000_000;

  it("trusts files that changed at least the window before", () => {
    expect(isRacy([at(now - racyWindowMs - 1), { id: "absent", changedNs: 0n }], now)).toBe(false);
  });

  it("distrusts a file changed within the window, or after", () => {
    expect(isRacy([at(now - racyWindowMs - 1), at(now - racyWindowMs)], now)).toBe(true);
    expect(isRacy([at(now - 1)], now)).toBe(true);
    expect(isRacy([at(now + 60_000)], now)).toBe(true);
  });
});
