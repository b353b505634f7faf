import { describe, expect, it } from "vitest";
import { ConfigError } from "../errors.js";
import { parseCredentialReport } from "./credential-report.js";

const header =
  "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated";

describe("parseCredentialReport", () => {
  it("reads root, quoted names with commas, N/A and no_information", () => {
    const rows = parseCredentialReport(
      [
        header,
        "<root_account>,arn:aws:iam::123456789012:root,2020-01-01T00:00:00+00:00,not_supported,no_information,not_supported,not_supported,TRUE,FALSE,N/A,N/A,N/A,N/A,FALSE,N/A,N/A,N/A,N/A,FALSE,N/A,FALSE,N/A",
        '"ops,admin","arn:aws:iam::123456789012:user/ops,admin",2024-05-01T10:00:00+00:00,TRUE,2026-11-30T08:00:00+00:00,N/A,N/A,FALSE,TRUE,2024-05-01T10:00:00+00:00,N/A,N/A,N/A,FALSE,N/A,N/A,N/A,N/A,FALSE,N/A,FALSE,N/A',
      ].join("\n"),
    );
    expect(rows[0]).toMatchObject({ isRoot: true, passwordEnabled: undefined, mfaActive: true });
    expect(rows[0]?.passwordLastUsed).toBeUndefined();
    expect(rows[1]).toMatchObject({ user: "ops,admin", passwordEnabled: true, mfaActive: false });
    expect(rows[1]?.keys[0]).toEqual({
      active: true,
      lastRotated: new Date("2024-05-01T10:00:00Z"),
      lastUsed: undefined,
    });
  });

  it("finds columns by name, whatever their order", () => {
    const rows = parseCredentialReport(
      "arn,mfa_active,user,password_enabled\narn:x,TRUE,bob,FALSE\n",
    );
    expect(rows).toMatchObject([{ user: "bob", mfaActive: true, passwordEnabled: false }]);
  });

  it("refuses text without the report's columns", () => {
    expect(() => parseCredentialReport("a,b\n1,2\n")).toThrow(ConfigError);
    expect(() => parseCredentialReport('user,arn\n"unclosed,x\n')).toThrow(ConfigError);
  });
});
