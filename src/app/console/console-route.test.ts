import { describe, expect, it } from "vitest";
import { parseSharedConfig } from "../../config/parse-shared-config.js";
import { ConfigError } from "../../errors.js";
import { planCredentials } from "../../plan/plan-credentials.js";
import { consoleRoute, roleProfilesUsing } from "./console-route.js";

const config = [
  "[profile base]",
  "[profile admin]",
  "role_arn = arn:aws:iam::210987654321:role/AdminRole",
  "source_profile = base",
  "mfa_serial = arn:aws:iam::123456789012:mfa/u",
  "[profile chained]",
  "role_arn = arn:aws:iam::210987654321:role/Other",
  "source_profile = admin",
  "[profile plain]",
  "role_arn = arn:aws:iam::210987654321:role/NoMfa",
  "source_profile = base",
  "[profile static]",
  "aws_access_key_id = AKIAEXAMPLE000000000",
  "aws_secret_access_key = secret",
  "[profile temporary]",
  "aws_access_key_id = ASIAEXAMPLE000000000",
  "aws_secret_access_key = secret",
  "aws_session_token = token",
  "[profile tool]",
  "credential_process = other-tool",
  "[profile sso]",
  "sso_session = corp",
  "sso_account_id = 111111111111",
  "sso_role_name = Admin",
  "[profile sso-token]",
  "sso_session = corp",
  "[profile web]",
  "role_arn = arn:aws:iam::210987654321:role/Ci",
  "web_identity_token_file = /tmp/token",
  "[sso-session corp]",
  "sso_start_url = https://example.awsapps.com/start",
  "sso_region = us-east-1",
  "",
].join("\n");
const { data } = parseSharedConfig({ config: { path: "config", text: config } });
const stored = new Set(["base"]);
const route = (profile: string, duration?: number) =>
  consoleRoute(planCredentials(data, profile, { storedKeyProfiles: stored }), duration);

describe("consoleRoute", () => {
  it.each([
    ["admin", undefined, { kind: "role", chained: true }],
    ["admin", 3600, { kind: "role", chained: true }],
    ["admin", 7200, { kind: "role", chained: false }],
    ["chained", 7200, { kind: "role", chained: true }],
    ["plain", undefined, { kind: "role", chained: false }],
    ["base", undefined, { kind: "user", keysProfile: "base" }],
    ["static", undefined, { kind: "user", keysProfile: "static" }],
    [
      "temporary",
      undefined,
      { kind: "external", what: 'the temporary keys of profile "temporary"' },
    ],
    ["tool", undefined, { kind: "external", what: 'the credential_process of profile "tool"' }],
    ["sso", undefined, { kind: "role-credentials" }],
    ["web", undefined, { kind: "role-credentials" }],
  ])("%s with --duration %j → %j", (profile, duration, expected) => {
    expect(route(profile, duration)).toEqual(expected);
  });

  it("refuses a profile with an SSO session but no account and role", () => {
    expect(() => route("sso-token")).toThrow(ConfigError);
    expect(() => route("sso-token")).toThrow("no account and role");
  });

  it("names the role profiles whose chain starts with a user's keys", () => {
    expect(roleProfilesUsing(data, stored, "base")).toEqual(["admin", "chained", "plain"]);
    expect(roleProfilesUsing(data, stored, "static")).toEqual([]);
  });
});
