import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { carelessSeed } from "../../emulator/seed/practice-seeds.js";
import { start, type RunningEmulator } from "../../emulator/server.js";
import {
  control,
  seedUser,
  userCredentials,
} from "../../emulator/test-support/emulator-fixture.js";
import { rejectionOf } from "../../test/support/error-text.js";
import { AuthError, ConfigError } from "../errors.js";
import type { IamPort } from "../ports/aws/iam.js";
import { createIamAdapter } from "./iam-adapter.js";

const context = { profile: "careless" };
let emulator: RunningEmulator;
let iam: IamPort;
const admin = () => userCredentials(seedUser(emulator, "admin"));

beforeAll(async () => {
  emulator = await start({ port: 0, seed: carelessSeed() });
  iam = createIamAdapter({ env: { AWS_ENDPOINT_URL: emulator.url } });
});
afterAll(() => emulator.stop());

describe("the IAM adapter's account reads, against the emulator", () => {
  it("reads the account summary and the credential report (generate, poll, get)", async () => {
    expect(await iam.getAccountSummary(admin(), context)).toMatchObject({
      AccountMFAEnabled: 0,
      AccountAccessKeysPresent: 1,
    });
    const report = await iam.credentialReport(admin(), context);
    expect(report.csv).toMatch(/^user,arn,/);
    expect(report.csv).toContain('"legacy,ops"');
    expect(report.generatedTime).toBeInstanceOf(Date);
  });

  it("lists every role across pages, trust policies decoded", async () => {
    await control(emulator, "POST", "page-limit", { maxItems: 2 });
    try {
      const roles = await iam.listRoles(admin(), context);
      expect(roles.map((r) => r.roleName)).toEqual(
        expect.arrayContaining(["OpsRole", "WeakRole", "OpenRole", "AWSServiceRoleForSupport"]),
      );
      const ops = roles.find((r) => r.roleName === "OpsRole");
      expect(JSON.parse(ops?.trustPolicy ?? "")).toMatchObject({
        Statement: [{ Principal: { AWS: "arn:aws:iam::123456789012:root" } }],
      });
      expect((await iam.getRole(admin(), "OpsRole", context)).path).toBe("/");
    } finally {
      await control(emulator, "DELETE", "page-limit");
    }
  });

  it("reads a user's inline, attached and group policies", async () => {
    const user = { kind: "user", name: "legacy,ops" } as const;
    expect(await iam.listInlinePolicies(admin(), user, context)).toEqual([]);
    expect(await iam.listGroupsForUser(admin(), "legacy,ops", context)).toEqual(["admins"]);
    const group = { kind: "group", name: "admins" } as const;
    expect(await iam.listInlinePolicies(admin(), group, context)).toEqual(["AllowAll"]);
    expect(
      JSON.parse(await iam.getInlinePolicy(admin(), group, "AllowAll", context)),
    ).toMatchObject({
      Statement: [{ Action: "*" }],
    });
    const attached = await iam.listAttachedPolicies(
      admin(),
      { kind: "user", name: "admin" },
      context,
    );
    expect(attached).toEqual(["arn:aws:iam::aws:policy/AdministratorAccess"]);
    const document = await iam.getManagedPolicy(admin(), attached[0] ?? "", context);
    expect(JSON.parse(document)).toMatchObject({ Statement: [{ Resource: "*" }] });
  });

  it("maps a refusal and a missing role to errors that name them", async () => {
    const ci = userCredentials(seedUser(emulator, "ci-bot"));
    const denied = await rejectionOf(iam.listRoles(ci, context));
    expect(denied).toBeInstanceOf(AuthError);
    expect(String(denied)).toContain("iam:ListRoles");
    const missing = await rejectionOf(iam.getRole(admin(), "NoSuchRole", context));
    expect(missing).toBeInstanceOf(ConfigError);
    expect(String(missing)).toContain('GetRole of role "NoSuchRole"');
  });
});
