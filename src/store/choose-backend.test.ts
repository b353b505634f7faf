import { describe, expect, it } from "vitest";
import { ConfigError, UsageError } from "../errors.js";
import { chooseBackend } from "./choose-backend.js";

describe("chooseBackend", () => {
  it.each([
    [
      { flag: "pass", env: "file", config: "keychain" },
      { backend: "pass", source: "flag" },
    ],
    [
      { env: "file", config: "pass" },
      { backend: "file", source: "env" },
    ],
    [
      { flag: "", env: "", config: "pass" },
      { backend: "pass", source: "config" },
    ],
    [{}, { backend: "keychain", source: "default" }],
  ])("takes --backend > AWSAFE_BACKEND > config > default: %j", (input, expected) => {
    expect(chooseBackend({ ...input, platform: "linux" })).toEqual(expected);
  });

  it.each([
    ["darwin", "keychain"],
    ["win32", "keychain"],
    ["linux", "keychain"],
    ["freebsd", "file"],
  ] as const)("defaults on %s to %s", (platform, backend) => {
    expect(chooseBackend({ platform }).backend).toBe(backend);
  });

  it("rejects an unknown name with the place it came from", () => {
    expect(() => chooseBackend({ flag: "vault", platform: "linux" })).toThrow(UsageError);
    expect(() => chooseBackend({ env: "Keychain", platform: "linux" })).toThrow(
      'Unknown secret store backend "Keychain" (from AWSAFE_BACKEND): expected keychain, file or pass',
    );
    expect(() => chooseBackend({ config: "x", platform: "linux" })).toThrow(ConfigError);
  });

  it("allows memory only when asked to", () => {
    expect(() => chooseBackend({ flag: "memory", platform: "linux" })).toThrow(UsageError);
    expect(chooseBackend({ flag: "memory", platform: "linux", allowMemory: true }).backend).toBe(
      "memory",
    );
  });
});
