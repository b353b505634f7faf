import { describe, expect, it } from "vitest";
import {
  readCredentialsData,
  readProcessDocument,
  toCredentialsData,
  toProcessDocument,
} from "./credentials-json.js";

const temporary = {
  accessKeyId: "ASIAEXAMPLEWIRE00001",
  secretAccessKey: "FAKE-secret",
  sessionToken: "FAKE-token",
  expiration: new Date("2026-11-22T10:00:00.000Z"),
  accountId: "123456789012",
};
const longTerm = { accessKeyId: "AKIAEXAMPLEWIRE00001", secretAccessKey: "FAKE" };

describe("credentials as awsafe's JSON", () => {
  it("carry every field across, the expiry as ISO 8601", () => {
    const data = toCredentialsData(temporary);
    expect(data.expiration).toBe("2026-11-22T10:00:00.000Z");
    expect(readCredentialsData(JSON.parse(JSON.stringify(data)))).toEqual({
      credentials: temporary,
    });
  });

  it.each([
    "2026-01-02T03:04:05.006Z",
    "2026-12-31T23:59:59.999Z",
    "0099-06-15T12:00:00.000Z",
    "9999-12-31T23:59:59.999Z",
    "+010000-01-01T00:00:00.000Z",
    "-000001-01-01T00:00:00.000Z",
  ])("write the expiry %s as toISOString does", (iso) => {
    const expiration = new Date(iso);
    expect(toCredentialsData({ ...temporary, expiration }).expiration).toBe(
      expiration.toISOString(),
    );
  });

  it("refuse an invalid expiry as toISOString does", () => {
    expect(() => toCredentialsData({ ...temporary, expiration: new Date(Number.NaN) })).toThrow(
      RangeError,
    );
  });

  it("leave out what long-term keys do not have", () => {
    const data = toCredentialsData(longTerm);
    expect(Object.keys(data)).toEqual(["accessKeyId", "secretAccessKey"]);
    expect(readCredentialsData(data)).toEqual({ credentials: longTerm });
  });

  it.each([
    ["not an object", [], /not an object/],
    ["no secret", { accessKeyId: "ASIA" }, /no valid secretAccessKey/],
    ["an empty token", { ...toCredentialsData(temporary), sessionToken: "" }, /sessionToken/],
    ["a bad time", { ...toCredentialsData(temporary), expiration: "soon" }, /ISO 8601/],
  ])("name what is wrong with %s, never a value", (_name, value, problem) => {
    const read = readCredentialsData(value);
    expect("problem" in read && read.problem).toMatch(problem);
    expect(JSON.stringify(read)).not.toContain("FAKE");
  });
});

describe("the credential_process document", () => {
  it("is Version 1 with the SDKs' field names, and reads back", () => {
    const document = toProcessDocument(temporary);
    expect(document).toEqual({
      Version: 1,
      AccessKeyId: temporary.accessKeyId,
      SecretAccessKey: temporary.secretAccessKey,
      SessionToken: temporary.sessionToken,
      Expiration: "2026-11-22T10:00:00.000Z",
      AccountId: "123456789012",
    });
    expect(readProcessDocument(JSON.parse(JSON.stringify(document)))).toEqual({
      credentials: temporary,
    });
  });

  it("refuses another Version", () => {
    expect(readProcessDocument({ ...toProcessDocument(longTerm), Version: 2 })).toEqual({
      problem: "an unsupported Version (supported: 1)",
    });
  });
});
