import { describe, expect, it } from "vitest";
import { parseSharedConfig } from "../../config/parse-shared-config.js";
import { chooseIamSession, keyProfileBehind } from "./choose-iam-session.js";

const device = "arn:aws:iam::123456789012:mfa/me";
const role = "arn:aws:iam::210987654321:role/Admin";
const config = (text: string) => parseSharedConfig({ config: { path: "config", text } }).data;
const stored = new Set(["me"]);

describe("chooseIamSession", () => {
  it.each([
    {
      what: "the key's own profile sets mfa_serial",
      text: `[profile me]\nmfa_serial = ${device}\n[profile admin]\nrole_arn = ${role}\nsource_profile = me\nmfa_serial = arn:aws:iam::123456789012:mfa/other\n`,
      expected: { profile: "me", mfaSerial: device, mfaProfile: "me" },
    },
    {
      what: "a role over the key sets it: that role's session step, its device",
      text: `[profile me]\n[profile zed]\nrole_arn = ${role}\nsource_profile = me\nmfa_serial = ${device}\n[profile admin]\nrole_arn = ${role}\nsource_profile = me\nmfa_serial = ${device}\nmfa_process = otp me\n`,
      expected: { profile: "admin", mfaSerial: device, mfaProfile: "admin" },
    },
    {
      what: "a role that skips the session (over an hour) does not count",
      text: `[profile me]\n[profile admin]\nrole_arn = ${role}\nsource_profile = me\nmfa_serial = ${device}\nduration_seconds = 7200\n`,
      expected: undefined,
    },
    {
      what: "no MFA device anywhere",
      text: `[profile me]\n[profile admin]\nrole_arn = ${role}\nsource_profile = me\n`,
      expected: undefined,
    },
    {
      what: "a role over another key does not count, nor a broken profile",
      text: `[profile me]\n[profile you]\n[profile admin]\nrole_arn = ${role}\nsource_profile = you\nmfa_serial = ${device}\n[profile broken]\nsource_profile = nowhere\nrole_arn = ${role}\n`,
      expected: undefined,
    },
  ])("$what", ({ text, expected }) => {
    expect(chooseIamSession(config(text), "me", stored)).toEqual(expected);
  });

  it("works for stored keys whose profile is in no file", () => {
    expect(chooseIamSession(config(""), "me", stored)).toBeUndefined();
  });

  it("names the stored key behind a role profile, and nothing for the key's own profile", () => {
    const text = `[profile me]\n[profile admin]\nrole_arn = ${role}\nsource_profile = me\n`;
    expect(keyProfileBehind(config(text), "admin", stored)).toBe("me");
    expect(keyProfileBehind(config(text), "me", stored)).toBeUndefined();
    expect(keyProfileBehind(config(text), "nosuch", stored)).toBeUndefined();
  });
});
