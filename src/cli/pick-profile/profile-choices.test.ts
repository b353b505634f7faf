import { describe, expect, it } from "vitest";
import { parseSharedConfig } from "../../config/parse-shared-config.js";
import { summarizeProfiles } from "../../plan/summarize-profiles.js";
import { profileChoices, rankChoices } from "./profile-choices.js";

const config = `
[profile base]
region = us-east-1
[profile admin]
role_arn = arn:aws:iam::210987654321:role/AdminRole
source_profile = base
mfa_serial = arn:aws:iam::123456789012:mfa/me
[profile audit]
role_arn = arn:aws:iam::444455556666:role/security/ReadOnlyAudit
source_profile = admin
[profile dev]
sso_session = corp
sso_account_id = 111122223333
sso_role_name = Developer
[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = eu-west-1
[profile broken]
source_profile = nowhere
role_arn = arn:aws:iam::999999999999:role/X
`;

function choices() {
  const { data } = parseSharedConfig({ config: { path: "config", text: config } });
  const summaries = summarizeProfiles(data, { storedKeyProfiles: new Set(["base"]) });
  return profileChoices(
    summaries.map((summary) => ({
      summary,
      region: undefined,
      locations: [],
      storedKeyId: undefined,
    })),
  );
}

const names = (search: string) => rankChoices(choices(), search).map(({ choice }) => choice.name);

describe("profileChoices", () => {
  it("says where each profile's credentials come from, as `list` does, and what it reaches", () => {
    const all = choices();
    expect(all.find((choice) => choice.name === "broken")?.credentials).toMatch(
      /^error: .*"nowhere"/,
    );
    expect(all.filter((choice) => choice.name !== "broken")).toEqual([
      {
        name: "admin",
        credentials: "role arn:aws:iam::210987654321:role/AdminRole via base with MFA",
        accountIds: ["210987654321"],
        roleNames: ["AdminRole"],
      },
      {
        name: "audit",
        credentials: "role arn:aws:iam::444455556666:role/security/ReadOnlyAudit via base with MFA",
        accountIds: ["210987654321", "444455556666"],
        roleNames: ["AdminRole", "ReadOnlyAudit"],
      },
      { name: "base", credentials: "keys in the secret store", accountIds: [], roleNames: [] },
      {
        name: "dev",
        credentials: "SSO Developer in 111122223333",
        accountIds: ["111122223333"],
        roleNames: ["Developer"],
      },
    ]);
  });
});

describe("rankChoices", () => {
  it("keeps every profile, in order, for an empty search", () => {
    expect(names("")).toEqual(["admin", "audit", "base", "broken", "dev"]);
    expect(names("   ")).toEqual(["admin", "audit", "base", "broken", "dev"]);
  });

  it("matches names fuzzily, the best first", () => {
    expect(names("bse")).toEqual(["base"]);
    expect(names("au")).toEqual(["audit"]);
    expect(names("dv")).toEqual(["dev"]);
  });

  it("matches role names, fuzzily, and a name match ranks above a role match", () => {
    expect(names("readonly")).toEqual(["audit"]);
    expect(names("develop")).toEqual(["dev"]);
    expect(names("adminrole")).toEqual(["admin", "audit"]);
    expect(names("ad")[0]).toBe("admin");
  });

  it("matches account IDs by the digits as typed", () => {
    expect(names("2109")).toEqual(["admin", "audit"]);
    expect(names("4444")).toEqual(["audit"]);
    expect(names("11112222")).toEqual(["dev"]);
    expect(names("2222333")).toEqual(["dev"]);
    expect(names("19")).toEqual([]);
  });

  it("needs every word of the search to match", () => {
    expect(names("audit 4444")).toEqual(["audit"]);
    expect(names("admin 4444")).toEqual(["audit"]);
    expect(names("dev 4444")).toEqual([]);
  });
});
