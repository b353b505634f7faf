import { describe, expect, it } from "vitest";
import { formatCredentials } from "./format-credentials.js";

const credentials = {
  accessKeyId: "ASIAFAKEEXAMPLE",
  secretAccessKey: "fake/secret+TEST",
  sessionToken: "fake'token=TEST",
  expiration: new Date("2030-01-01T00:00:00Z"),
};
const extra = { profile: "admin", region: "eu-west-1" };

describe("formatCredentials", () => {
  it.each([
    [
      "env",
      "export AWS_ACCESS_KEY_ID=ASIAFAKEEXAMPLE\nexport AWS_SECRET_ACCESS_KEY=fake/secret+TEST\nexport AWS_SESSION_TOKEN='fake'\\''token=TEST'\nexport AWS_CREDENTIAL_EXPIRATION=2030-01-01T00:00:00.000Z\nexport AWS_REGION=eu-west-1\nexport AWS_DEFAULT_REGION=eu-west-1\n",
    ],
    [
      "fish",
      "set -gx AWS_ACCESS_KEY_ID ASIAFAKEEXAMPLE;\nset -gx AWS_SECRET_ACCESS_KEY fake/secret+TEST;\nset -gx AWS_SESSION_TOKEN 'fake'\\''token=TEST';\nset -gx AWS_CREDENTIAL_EXPIRATION 2030-01-01T00:00:00.000Z;\nset -gx AWS_REGION eu-west-1;\nset -gx AWS_DEFAULT_REGION eu-west-1;\n",
    ],
    [
      "powershell",
      "$Env:AWS_ACCESS_KEY_ID='ASIAFAKEEXAMPLE'\n$Env:AWS_SECRET_ACCESS_KEY='fake/secret+TEST'\n$Env:AWS_SESSION_TOKEN='fake''token=TEST'\n$Env:AWS_CREDENTIAL_EXPIRATION='2030-01-01T00:00:00.000Z'\n$Env:AWS_REGION='eu-west-1'\n$Env:AWS_DEFAULT_REGION='eu-west-1'\n",
    ],
    [
      "process",
      '{"Version":1,"AccessKeyId":"ASIAFAKEEXAMPLE","SecretAccessKey":"fake/secret+TEST","SessionToken":"fake\'token=TEST","Expiration":"2030-01-01T00:00:00.000Z"}\n',
    ],
    [
      "ini",
      "[admin]\naws_access_key_id = ASIAFAKEEXAMPLE\naws_secret_access_key = fake/secret+TEST\naws_session_token = fake'token=TEST\nregion = eu-west-1\n",
    ],
  ] as const)("%s", (format, expected) => {
    expect(formatCredentials(format, credentials, extra)).toBe(expected);
  });

  it("json is the process document, indented", () => {
    expect(JSON.parse(formatCredentials("json", credentials, extra))).toEqual(
      JSON.parse(formatCredentials("process", credentials, extra)),
    );
  });

  it("leaves out what long-term keys do not have", () => {
    const keys = { accessKeyId: "AKIAFAKEEXAMPLE", secretAccessKey: "fake-TEST" };
    expect(formatCredentials("dotenv", keys, { profile: "p", region: undefined })).toBe(
      "AWS_ACCESS_KEY_ID=AKIAFAKEEXAMPLE\nAWS_SECRET_ACCESS_KEY=fake-TEST\n",
    );
  });
});
