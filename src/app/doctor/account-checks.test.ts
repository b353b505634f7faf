import { describe, expect, it } from "vitest";
import { AuthError } from "../../errors.js";
import type { IamPort } from "../../ports/aws/iam.js";
import { checkAccount } from "./account-checks.js";

const now = new Date("2026-12-01T00:00:00Z");
const header =
  "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated";
const rootRow =
  "<root_account>,arn:aws:iam::123456789012:root,2020-01-01T00:00:00+00:00,not_supported,no_information,not_supported,not_supported,FALSE,FALSE,N/A,N/A,N/A,N/A,FALSE,N/A,N/A,N/A,N/A,FALSE,N/A,FALSE,N/A";

function fakeIam(summary: Record<string, number>, rows: string[], fail?: string): IamPort {
  const refuse = () => Promise.reject(new AuthError(`${fail ?? ""} was denied`));
  const port: Partial<IamPort> = {
    getAccountSummary: () => (fail === "summary" ? refuse() : Promise.resolve(summary)),
    credentialReport: () =>
      Promise.resolve({ csv: [header, ...rows].join("\n"), generatedTime: now }),
    listRoles: () => Promise.resolve([]),
  };
  return port as IamPort;
}

const run = (iam: IamPort) =>
  checkAccount({
    iam,
    credentials: { accessKeyId: "AKIAX", secretAccessKey: "s" },
    context: {},
    now,
  });

describe("checkAccount", () => {
  it("an account with no root credentials at all is the best state, not 'root MFA off'", async () => {
    const findings = await run(
      fakeIam(
        {
          AccountMFAEnabled: 0,
          AccountAccessKeysPresent: 0,
          AccountPasswordPresent: 0,
          AccountSigningCertificatesPresent: 0,
        },
        [rootRow],
      ),
    );
    expect(findings[0]).toMatchObject({ check: "root", status: "ok" });
    expect(findings.some((f) => f.status === "fail")).toBe(false);
  });

  it("a key unused since its creation 120 days ago is old and unused; two active keys are named", async () => {
    const user =
      "bob,arn:aws:iam::123456789012:user/bob,2026-01-01T00:00:00+00:00,FALSE,N/A,N/A,N/A,TRUE,TRUE,2026-08-03T00:00:00+00:00,N/A,N/A,N/A,TRUE,2026-11-20T00:00:00+00:00,2026-11-30T00:00:00+00:00,us-east-1,s3,FALSE,N/A,FALSE,N/A";
    const findings = await run(fakeIam({ AccountMFAEnabled: 1 }, [rootRow, user]));
    const byCheck = Object.fromEntries(findings.map((f) => [f.check, f]));
    expect(byCheck["key-age"]?.message).toContain("bob (key 1, 120 days)");
    expect(byCheck["key-unused"]?.message).toContain("bob (key 1, never used)");
    expect(byCheck["two-keys"]?.message).toContain("bob");
    expect(byCheck["root-mfa"]?.status).toBe("ok");
  });

  it("a call the profile may not make is a ✗ that names the policy to attach", async () => {
    const findings = await run(fakeIam({}, [rootRow], "summary"));
    expect(findings[0]).toMatchObject({ check: "root", status: "fail" });
    expect(findings[0]?.message).toContain("not checked");
  });
});
