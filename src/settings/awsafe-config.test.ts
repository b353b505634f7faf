import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError } from "../errors.js";
import { readAwsafeConfig } from "./awsafe-config.js";
import { writeAwsafeConfigBackend } from "./write-awsafe-config.js";

const dir = (): string => mkdtempSync(path.join(tmpdir(), "awsafe-config-"));

describe("awsafe's config file", () => {
  it("reads a missing file as empty settings", () => {
    expect(readAwsafeConfig(path.join(dir(), "config.json"))).toEqual({});
  });

  it("writes the backend 0600 in a new 0700 directory, keeping other keys", async () => {
    const file = path.join(dir(), "awsafe", "config.json");
    await writeAwsafeConfigBackend(file, "keychain");
    writeFileSync(file, JSON.stringify({ backend: "keychain", future: 1 }));
    await writeAwsafeConfigBackend(file, "file");
    expect(JSON.parse(readFileSync(file, "utf8"))).toEqual({ backend: "file", future: 1 });
    expect(readAwsafeConfig(file)).toEqual({ backend: "file" });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
  });

  it.each([
    ["not JSON", "{backend: file"],
    ["an array", "[]"],
    ["a backend that is not a string", '{"backend": 3}'],
  ])("refuses a file that is %s with a ConfigError naming it", (_name, text) => {
    const file = path.join(dir(), "config.json");
    writeFileSync(file, text);
    expect(() => readAwsafeConfig(file)).toThrow(ConfigError);
    expect(() => readAwsafeConfig(file)).toThrow(file);
  });
});
