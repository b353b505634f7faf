import {
  CreateAccessKeyCommand,
  CreateUserCommand,
  DeleteAccessKeyCommand,
  GetAccountSummaryCommand,
  GetUserCommand,
  ListAccessKeysCommand,
  ListMFADevicesCommand,
  ListRolesCommand,
  ListUsersCommand,
  PutUserPolicyCommand,
  type IAMClient,
} from "@aws-sdk/client-iam";
import {
  AssumeRoleCommand,
  GetFederationTokenCommand,
  GetSessionTokenCommand,
} from "@aws-sdk/client-sts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compliantSeed } from "../../emulator/seed/practice-seeds.js";
import { start, type RunningEmulator } from "../../emulator/server.js";
import {
  iamClient,
  mfaSession,
  seedUser,
  stsClient,
  type TestCredentials,
  userCredentials,
} from "../../emulator/test-support/emulator-fixture.js";
import { identityPolicyColumns, identityPolicyTable } from "../../src/iam/policy-table.js";

// The generated policies, loaded into the emulator (whose authorizer is iam-simulate), do what
// the README's table (computed by awsafe's own evaluator) says. The compliant seed gives the
// practice user the generated assume-only policy and both roles the generated trust policy.

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await start({ port: 0, seed: compliantSeed() });
  // The other user of the table's "create an access key for another user" (the emulator looks
  // the user up before it authorizes, as a NoSuchEntity would otherwise hide the decision).
  emulator.state.world.createUser("123456789012", "someone-else");
});
afterAll(() => emulator.stop());

type Call = (iam: IAMClient, sts: ReturnType<typeof stsClient>) => Promise<unknown>;

// The table's requests the emulator serves, as real SDK calls (side effects undone where made).
const calls: Readonly<Record<string, Call>> = {
  "list its MFA devices": (iam) => iam.send(new ListMFADevicesCommand({})),
  "read its own user (iam:GetUser)": (iam) => iam.send(new GetUserCommand({})),
  "list its access keys": (iam) => iam.send(new ListAccessKeysCommand({})),
  "create an access key for itself": async (iam) => {
    const created = await iam.send(new CreateAccessKeyCommand({}));
    await iam.send(new DeleteAccessKeyCommand({ AccessKeyId: created.AccessKey?.AccessKeyId }));
  },
  "create an access key for another user": (iam) =>
    iam.send(new CreateAccessKeyCommand({ UserName: "someone-else" })),
  "put an inline policy on itself": (iam) =>
    iam.send(
      new PutUserPolicyCommand({
        UserName: "assume-only",
        PolicyName: "escalate",
        PolicyDocument: JSON.stringify({
          Version: "2012-10-17",
          Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }],
        }),
      }),
    ),
  "create a user": (iam) => iam.send(new CreateUserCommand({ UserName: "new-user" })),
  "list the account's users": (iam) => iam.send(new ListUsersCommand({})),
  "read the account summary": (iam) => iam.send(new GetAccountSummaryCommand({})),
  "list the account's roles": (iam) => iam.send(new ListRolesCommand({})),
  "assume arn:aws:iam::210987654321:role/AdminRole": (_iam, sts) =>
    sts.send(
      new AssumeRoleCommand({
        RoleArn: "arn:aws:iam::210987654321:role/AdminRole",
        RoleSessionName: "table",
      }),
    ),
};

// STS answers these only to long-term keys, whatever the policy says.
const keysOnly: Readonly<Record<string, Call>> = {
  "get a session (sts:GetSessionToken)": (_iam, sts) => sts.send(new GetSessionTokenCommand({})),
  "get a federation token": (_iam, sts) =>
    sts.send(new GetFederationTokenCommand({ Name: "assume-only" })),
};

async function allowed(call: Call, credentials: TestCredentials): Promise<boolean> {
  try {
    await call(iamClient(emulator, credentials), stsClient(emulator, credentials));
    return true;
  } catch (error) {
    if (error instanceof Error && /AccessDenied|InvalidClientTokenId/.test(error.name))
      return false;
    throw error;
  }
}

describe("the assume-only policy in the emulator", () => {
  const column = identityPolicyColumns.findIndex(([name]) => name === "assume-only");
  const rows = identityPolicyTable(new Date());

  it("long-term keys: refused everything but the self-service the table allows", async () => {
    const keys = userCredentials(seedUser(emulator, "assume-only"));
    let compared = 0;
    for (const row of rows) {
      const call = calls[row.request] ?? keysOnly[row.request];
      if (call === undefined) continue;
      const expected = row.cells[column]?.[0];
      expect({ request: row.request, allowed: await allowed(call, keys) }).toEqual({
        request: row.request,
        allowed: expected,
      });
      compared++;
    }
    expect(compared).toBe(13);
  });

  it("an MFA session: its own keys and the named role, as the table says", async () => {
    const session = await mfaSession(emulator, seedUser(emulator, "assume-only"));
    let compared = 0;
    for (const row of rows) {
      const call = calls[row.request];
      if (call === undefined) continue;
      const expected = row.cells[column]?.[1];
      expect({ request: row.request, allowed: await allowed(call, session) }).toEqual({
        request: row.request,
        allowed: expected,
      });
      compared++;
    }
    expect(compared).toBe(11);
    expect(
      await allowed(calls["assume arn:aws:iam::210987654321:role/AdminRole"] as Call, session),
    ).toBe(true);
  });
});
