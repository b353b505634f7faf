import { describe, expect, it } from "vitest";
import { fromWireCredentials, toWireCredentials } from "./credentials-json.js";

describe("wire credentials", () => {
  it("carry every field across, the expiry as ISO 8601", () => {
    const credentials = {
      accessKeyId: "ASIAEXAMPLEWIRE00001",
      secretAccessKey: "FAKE-secret",
      sessionToken: "FAKE-token",
      expiration: new Date("2026-11-22T10:00:00.000Z"),
      accountId: "123456789012",
    };
    const wire = toWireCredentials(credentials);
    expect(wire.expiration).toBe("2026-11-22T10:00:00.000Z");
    expect(fromWireCredentials(JSON.parse(JSON.stringify(wire)) as typeof wire)).toEqual(
      credentials,
    );
  });

  it("leave out what long-term keys do not have", () => {
    const wire = toWireCredentials({
      accessKeyId: "AKIAEXAMPLEWIRE00001",
      secretAccessKey: "FAKE",
    });
    expect(Object.keys(wire)).toEqual(["accessKeyId", "secretAccessKey"]);
    expect(Object.keys(fromWireCredentials(wire))).toEqual(["accessKeyId", "secretAccessKey"]);
  });
});
