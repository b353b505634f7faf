import { describe, expect, it } from "vitest";
import { AuthError } from "../errors.js";
import type { CommandResult } from "../ports/command-runner.js";
import { fromProcess, parseProcessOutput } from "./from-process.js";

const now = new Date("2030-01-01T00:00:00Z");
const valid = {
  Version: 1,
  AccessKeyId: "ASIAFAKEEXAMPLE",
  SecretAccessKey: "fake-secret-TEST",
  SessionToken: "fake-token-TEST",
  Expiration: "2030-01-01T01:00:00Z",
};

describe("parseProcessOutput", () => {
  it("reads Version 1 JSON", () => {
    expect(
      parseProcessOutput(JSON.stringify({ ...valid, AccountId: "123456789012" }), "p", now),
    ).toEqual({
      accessKeyId: valid.AccessKeyId,
      secretAccessKey: valid.SecretAccessKey,
      sessionToken: valid.SessionToken,
      expiration: new Date(valid.Expiration),
      accountId: "123456789012",
    });
  });

  it.each([
    ["not JSON", "{", /not JSON/],
    ["an array", "[]", /not an object/],
    ["Version 2", JSON.stringify({ ...valid, Version: 2 }), /unsupported Version/],
    ["Version as a string", JSON.stringify({ ...valid, Version: "1" }), /unsupported Version/],
    [
      "no secret",
      JSON.stringify({ ...valid, SecretAccessKey: undefined }),
      /no valid SecretAccessKey/,
    ],
    ["a bad time", JSON.stringify({ ...valid, Expiration: "soon" }), /ISO 8601/],
    [
      "expired keys",
      JSON.stringify({ ...valid, Expiration: "2029-12-31T00:00:00Z" }),
      /already expired/,
    ],
  ])("refuses %s without echoing a value", (_name, stdout, message) => {
    const error = (() => {
      try {
        parseProcessOutput(stdout, "p", now);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(AuthError);
    expect(error instanceof Error ? error.message : "").toMatch(message);
    expect(error instanceof Error ? error.message : "").not.toContain("fake-secret-TEST");
  });
});

describe("fromProcess", () => {
  const runner = (result: Partial<CommandResult>) => ({
    run: () => Promise.resolve({ exitCode: 0, signal: null, stdout: "", stderr: "", ...result }),
  });

  it("reports a failing command with its last stderr line", async () => {
    const provider = fromProcess(
      { kind: "process", profile: "p", command: "tool" },
      runner({ exitCode: 3, stderr: "starting\nvault is locked\n" }),
      () => now,
    );
    await expect(provider()).rejects.toThrow(/exit code 3\): vault is locked/);
  });

  it("returns what the command printed", async () => {
    const provider = fromProcess(
      { kind: "process", profile: "p", command: "tool" },
      runner({ stdout: JSON.stringify(valid) }),
      () => now,
    );
    await expect(provider()).resolves.toMatchObject({ accessKeyId: valid.AccessKeyId });
  });
});
