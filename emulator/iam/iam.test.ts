import {
  AddUserToGroupCommand,
  AttachRolePolicyCommand,
  CreateAccessKeyCommand,
  CreateGroupCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  GetAccessKeyLastUsedCommand,
  GetAccountSummaryCommand,
  GetGroupCommand,
  GetGroupPolicyCommand,
  GetLoginProfileCommand,
  GetPolicyCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  GetUserCommand,
  ListAccessKeysCommand,
  ListAttachedRolePoliciesCommand,
  ListGroupPoliciesCommand,
  ListGroupsCommand,
  ListGroupsForUserCommand,
  ListMFADevicesCommand,
  ListRolePoliciesCommand,
  ListRolesCommand,
  ListUsersCommand,
  PutGroupPolicyCommand,
  PutRolePolicyCommand,
} from "@aws-sdk/client-iam";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { start, type RunningEmulator } from "../server.js";
import {
  assumeRole,
  iamClient,
  mfaSession,
  seedUser,
  stsClient,
  type TestCredentials,
} from "../test-support/emulator-fixture.js";

let emulator: RunningEmulator;
let admin: TestCredentials;
beforeAll(async () => {
  emulator = await start({ port: 0 });
  const session = await mfaSession(emulator, seedUser(emulator, "assume-only"));
  admin = await assumeRole(emulator, session, {
    RoleArn: "arn:aws:iam::210987654321:role/AdminRole",
  });
});
afterAll(async () => {
  await emulator.stop();
});

const policy = (action: string) =>
  JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Action: action, Resource: "*" }],
  });

describe("IAM users and keys", () => {
  it("GetUser, ListMFADevices and GetLoginProfile for the practice user (MFA session)", async () => {
    const practice = seedUser(emulator, "assume-only");
    const iam = iamClient(emulator, await mfaSession(emulator, practice));
    const user = await iam.send(new GetUserCommand({}));
    expect(user.User).toMatchObject({
      UserName: "assume-only",
      Arn: "arn:aws:iam::123456789012:user/assume-only",
    });
    const devices = await iam.send(new ListMFADevicesCommand({}));
    expect(devices.MFADevices?.map((d) => d.SerialNumber)).toEqual([practice.mfaSerial]);
    await expect(iam.send(new GetLoginProfileCommand({}))).rejects.toMatchObject({
      name: "AccessDenied",
    });
  });

  it("allows at most two access keys per user", async () => {
    const iam = iamClient(emulator, admin);
    await iam.send(new CreateUserCommand({ UserName: "rotator" }));
    const first = await iam.send(new CreateAccessKeyCommand({ UserName: "rotator" }));
    expect(first.AccessKey).toMatchObject({ UserName: "rotator", Status: "Active" });
    expect(first.AccessKey?.SecretAccessKey).toHaveLength(40);
    await iam.send(new CreateAccessKeyCommand({ UserName: "rotator" }));
    await expect(
      iam.send(new CreateAccessKeyCommand({ UserName: "rotator" })),
    ).rejects.toMatchObject({
      name: "LimitExceededException",
      message: "Cannot exceed quota for AccessKeysPerUser: 2",
      $metadata: { httpStatusCode: 409 },
    });
    const listed = await iam.send(new ListAccessKeysCommand({ UserName: "rotator" }));
    expect(listed.AccessKeyMetadata).toHaveLength(2);
  });

  it("reports when and where a key was last used", async () => {
    const iam = iamClient(emulator, admin);
    await iam.send(new CreateUserCommand({ UserName: "tracked" }));
    const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: "tracked" }));
    const keyId = AccessKey?.AccessKeyId ?? "";
    const before = await iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: keyId }));
    expect(before.AccessKeyLastUsed).toMatchObject({ ServiceName: "N/A", Region: "N/A" });
    await stsClient(emulator, {
      accessKeyId: keyId,
      secretAccessKey: AccessKey?.SecretAccessKey ?? "",
    }).send(new GetCallerIdentityCommand({}));
    const after = await iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: keyId }));
    expect(after).toMatchObject({
      UserName: "tracked",
      AccessKeyLastUsed: { ServiceName: "sts", Region: "us-east-1" },
    });
    expect(after.AccessKeyLastUsed?.LastUsedDate).toBeInstanceOf(Date);
  });

  it("lists users and answers NoSuchEntity for unknown ones", async () => {
    const iam = iamClient(emulator, admin);
    const users = await iam.send(new ListUsersCommand({}));
    expect(users.Users?.map((u) => u.UserName)).toEqual(expect.arrayContaining(["rotator"]));
    await expect(
      iam.send(new GetLoginProfileCommand({ UserName: "rotator" })),
    ).rejects.toMatchObject({
      name: "NoSuchEntityException",
      message: "Login Profile for User rotator cannot be found.",
    });
    await expect(iam.send(new GetUserCommand({ UserName: "ghost" }))).rejects.toMatchObject({
      name: "NoSuchEntityException",
      message: "The user with name ghost cannot be found.",
      $metadata: { httpStatusCode: 404 },
    });
  });

  it("GetAccountSummary counts entities", async () => {
    const summary = await iamClient(emulator, admin).send(new GetAccountSummaryCommand({}));
    expect(summary.SummaryMap).toMatchObject({ AccessKeysPerUserQuota: 2 });
    expect(summary.SummaryMap?.["Roles"]).toBeGreaterThanOrEqual(2);
  });
});

describe("IAM roles, groups and policies", () => {
  it("GetRole and ListRoles return the trust policy URL-encoded and the MaxSessionDuration", async () => {
    const iam = iamClient(emulator, admin);
    const role = await iam.send(new GetRoleCommand({ RoleName: "ReadOnlyRole" }));
    expect(role.Role?.MaxSessionDuration).toBe(43200);
    const trust = JSON.parse(decodeURIComponent(role.Role?.AssumeRolePolicyDocument ?? "")) as {
      Statement: unknown[];
    };
    expect(trust.Statement).toHaveLength(1);
    const roles = await iam.send(new ListRolesCommand({}));
    expect(roles.Roles?.map((r) => r.RoleName)).toEqual(
      expect.arrayContaining(["AdminRole", "ReadOnlyRole"]),
    );
  });

  it("creates a role with inline and attached policies, and rejects a malformed one", async () => {
    const iam = iamClient(emulator, admin);
    const trust = JSON.stringify({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Principal: { AWS: "arn:aws:iam::210987654321:root" },
          Action: "sts:AssumeRole",
        },
      ],
    });
    const created = await iam.send(
      new CreateRoleCommand({
        RoleName: "Deployer",
        AssumeRolePolicyDocument: trust,
        MaxSessionDuration: 7200,
      }),
    );
    expect(created.Role?.Arn).toBe("arn:aws:iam::210987654321:role/Deployer");
    await iam.send(
      new PutRolePolicyCommand({
        RoleName: "Deployer",
        PolicyName: "deploy",
        PolicyDocument: policy("s3:PutObject"),
      }),
    );
    await iam.send(
      new AttachRolePolicyCommand({
        RoleName: "Deployer",
        PolicyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess",
      }),
    );
    expect(
      (await iam.send(new ListRolePoliciesCommand({ RoleName: "Deployer" }))).PolicyNames,
    ).toEqual(["deploy"]);
    const inline = await iam.send(
      new GetRolePolicyCommand({ RoleName: "Deployer", PolicyName: "deploy" }),
    );
    expect(JSON.parse(decodeURIComponent(inline.PolicyDocument ?? ""))).toEqual(
      JSON.parse(policy("s3:PutObject")),
    );
    const attached = await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: "Deployer" }));
    expect(attached.AttachedPolicies).toEqual([
      { PolicyName: "ReadOnlyAccess", PolicyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess" },
    ]);
    await expect(
      iam.send(
        new PutRolePolicyCommand({
          RoleName: "Deployer",
          PolicyName: "bad",
          PolicyDocument: "{not json",
        }),
      ),
    ).rejects.toMatchObject({ name: "MalformedPolicyDocumentException" });
    await expect(
      iam.send(
        new AttachRolePolicyCommand({
          RoleName: "Deployer",
          PolicyArn: "arn:aws:iam::aws:policy/Nope",
        }),
      ),
    ).rejects.toMatchObject({ name: "NoSuchEntityException" });
  });

  it("group policies apply to the group's members", async () => {
    const iam = iamClient(emulator, admin);
    await iam.send(new CreateGroupCommand({ GroupName: "auditors" }));
    await iam.send(
      new PutGroupPolicyCommand({
        GroupName: "auditors",
        PolicyName: "list",
        PolicyDocument: policy("iam:ListUsers"),
      }),
    );
    await iam.send(new CreateUserCommand({ UserName: "auditor" }));
    const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: "auditor" }));
    const auditor = iamClient(emulator, {
      accessKeyId: AccessKey?.AccessKeyId ?? "",
      secretAccessKey: AccessKey?.SecretAccessKey ?? "",
    });
    await expect(auditor.send(new ListUsersCommand({}))).rejects.toMatchObject({
      name: "AccessDenied",
    });
    await iam.send(new AddUserToGroupCommand({ GroupName: "auditors", UserName: "auditor" }));
    await expect(auditor.send(new ListUsersCommand({}))).resolves.toBeDefined();
    expect(
      (await iam.send(new GetGroupCommand({ GroupName: "auditors" }))).Users?.map(
        (u) => u.UserName,
      ),
    ).toEqual(["auditor"]);
    expect(
      (await iam.send(new ListGroupsForUserCommand({ UserName: "auditor" }))).Groups?.map(
        (g) => g.GroupName,
      ),
    ).toEqual(["auditors"]);
    expect((await iam.send(new ListGroupsCommand({}))).Groups?.map((g) => g.GroupName)).toEqual([
      "auditors",
    ]);
    expect(
      (await iam.send(new ListGroupPoliciesCommand({ GroupName: "auditors" }))).PolicyNames,
    ).toEqual(["list"]);
    const doc = await iam.send(
      new GetGroupPolicyCommand({ GroupName: "auditors", PolicyName: "list" }),
    );
    expect(decodeURIComponent(doc.PolicyDocument ?? "")).toBe(policy("iam:ListUsers"));
  });

  it("creates and reads a customer-managed policy", async () => {
    const iam = iamClient(emulator, admin);
    const created = await iam.send(
      new CreatePolicyCommand({ PolicyName: "Custom", PolicyDocument: policy("s3:GetObject") }),
    );
    expect(created.Policy?.Arn).toBe("arn:aws:iam::210987654321:policy/Custom");
    const read = await iam.send(new GetPolicyCommand({ PolicyArn: created.Policy?.Arn ?? "" }));
    expect(read.Policy).toMatchObject({ PolicyName: "Custom", AttachmentCount: 0 });
  });
});
