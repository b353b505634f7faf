import {
  GenerateCredentialReportCommand,
  GetAccountSummaryCommand,
  GetCredentialReportCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  ListAttachedUserPoliciesCommand,
  ListRolesCommand,
} from "@aws-sdk/client-iam";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { start, type RunningEmulator } from "../server.js";
import { carelessSeed, compliantSeed } from "../seed/practice-seeds.js";
import { iamClient, seedUser, userCredentials } from "../test-support/emulator-fixture.js";

let careless: RunningEmulator;
let compliant: RunningEmulator;
beforeAll(async () => {
  careless = await start({ port: 0, seed: carelessSeed() });
  compliant = await start({ port: 0, seed: compliantSeed() });
});
afterAll(async () => {
  await careless.stop();
  await compliant.stop();
});

const admin = () => iamClient(careless, userCredentials(seedUser(careless, "admin")));

describe("what the account checks read", () => {
  it("GenerateCredentialReport starts, then completes; GetCredentialReport is AWS's CSV", async () => {
    await expect(admin().send(new GetCredentialReportCommand({}))).rejects.toMatchObject({
      name: "CredentialReportNotPresentException",
    });
    expect((await admin().send(new GenerateCredentialReportCommand({}))).State).toBe("STARTED");
    expect((await admin().send(new GenerateCredentialReportCommand({}))).State).toBe("COMPLETE");
    const report = await admin().send(new GetCredentialReportCommand({}));
    expect(report.ReportFormat).toBe("text/csv");
    const csv = new TextDecoder().decode(report.Content);
    const [header, root, ...users] = csv.trim().split("\n");
    expect(header?.split(",")).toHaveLength(22);
    expect(header).toMatch(/^user,arn,user_creation_time,password_enabled,/);
    expect(root).toMatch(/^<root_account>,arn:aws:iam::123456789012:root,.*,not_supported,/);
    expect(root?.split(",")[7]).toBe("FALSE");
    expect(root?.split(",")[8]).toBe("TRUE");
    expect(users.find((line) => line.startsWith('"legacy,ops"'))).toBeDefined();
    const alice = users.find((line) => line.startsWith("alice,"))?.split(",");
    expect([alice?.[3], alice?.[7], alice?.[8]]).toEqual(["TRUE", "FALSE", "FALSE"]);
  });

  it("GetAccountSummary tells root's MFA, keys and password; none at all under central management", async () => {
    expect((await admin().send(new GetAccountSummaryCommand({}))).SummaryMap).toMatchObject({
      AccountMFAEnabled: 0,
      AccountAccessKeysPresent: 1,
      AccountPasswordPresent: 1,
    });
  });

  it("GetPolicyVersion returns a managed policy's document, URL-encoded", async () => {
    const arn = "arn:aws:iam::aws:policy/AdministratorAccess";
    const attached = await admin().send(new ListAttachedUserPoliciesCommand({ UserName: "admin" }));
    expect(attached.AttachedPolicies?.map((p) => p.PolicyArn)).toEqual([arn]);
    const policy = await admin().send(new GetPolicyCommand({ PolicyArn: arn }));
    const version = await admin().send(
      new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: policy.Policy?.DefaultVersionId }),
    );
    expect(JSON.parse(decodeURIComponent(version.PolicyVersion?.Document ?? ""))).toMatchObject({
      Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }],
    });
  });

  it("ListRoles returns service-linked and Identity Center roles under their paths", async () => {
    const roles = await admin().send(new ListRolesCommand({}));
    expect(roles.Roles?.map((r) => `${r.Path ?? ""}${r.RoleName ?? ""}`)).toEqual(
      expect.arrayContaining([
        "/OpsRole",
        "/aws-service-role/support.amazonaws.com/AWSServiceRoleForSupport",
        "/aws-reserved/sso.amazonaws.com/AWSReservedSSO_ReadOnly_0123456789abcdef",
      ]),
    );
  });

  it("the compliant seed's practice user is refused everything but self-service without MFA", async () => {
    const practice = iamClient(compliant, userCredentials(seedUser(compliant, "assume-only")));
    await expect(practice.send(new ListRolesCommand({}))).rejects.toMatchObject({
      name: "AccessDenied",
    });
  });
});
