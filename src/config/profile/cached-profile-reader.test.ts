import { describe, expect, it } from "vitest";
import { parseSharedConfig } from "../parse-shared-config.js";
import { cachedProfileReader } from "./cached-profile-reader.js";

describe("cachedProfileReader", () => {
  const { data } = parseSharedConfig({
    config: {
      path: "config",
      text: "[profile a]\nregion = x\n[profile bad]\nduration_seconds = 1h\n",
    },
  });

  it("reads each profile once", () => {
    const read = cachedProfileReader(data, new Set());
    expect(read("a")).toBe(read("a"));
    expect(read("a")).toEqual({ name: "a", region: "x" });
  });

  it("reads the files' profiles and those with stored keys, and no other", () => {
    expect(cachedProfileReader(data, new Set())("absent")).toBeUndefined();
    const read = cachedProfileReader(data, new Set(["stored"]));
    expect(read("stored")).toEqual({ name: "stored" });
    expect(read("a")).toEqual({ name: "a", region: "x" });
    expect(read("absent")).toBeUndefined();
  });

  it("throws again for a profile that failed", () => {
    const read = cachedProfileReader(data, new Set());
    expect(() => read("bad")).toThrow('profile "bad" has duration_seconds "1h"');
    expect(() => read("bad")).toThrow('profile "bad" has duration_seconds "1h"');
  });
});
