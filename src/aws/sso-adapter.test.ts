import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { start, type RunningEmulator } from "../../emulator/server.js";
import { control, ssoAccessToken } from "../../emulator/test-support/emulator-fixture.js";
import { errorText, hintOf, rejectionOf } from "../../test/support/error-text.js";
import { AuthError, ConfigError, ExitCode } from "../errors.js";
import { AwsUnavailableError } from "../ports/aws/aws-errors.js";
import type { SsoPort } from "../ports/aws/sso.js";
import { createSsoAdapter } from "./sso-adapter.js";
import { createStsAdapter } from "./sts-adapter.js";

let emulator: RunningEmulator;
let sso: SsoPort;
let env: { AWS_ENDPOINT_URL: string };

beforeAll(async () => {
  emulator = await start({ port: 0 });
  env = { AWS_ENDPOINT_URL: emulator.url };
  sso = createSsoAdapter({ env });
});
afterAll(() => emulator.stop());
beforeEach(async () => {
  await control(emulator, "DELETE", "faults");
  await control(emulator, "DELETE", "stats");
  await control(emulator, "DELETE", "page-limit");
});

const context = () => ({
  region: "us-east-1",
  startUrl: emulator.seed.sso?.startUrl ?? "",
  profile: "dev",
});

describe("the SSO portal adapter against the emulator", () => {
  it("lists the seed's three accounts, following every page", async () => {
    await control(emulator, "POST", "page-limit", { maxItems: 1 });
    const accounts = await sso.listAccounts(ssoAccessToken(emulator), context());
    expect(accounts).toEqual([
      {
        accountId: "111111111111",
        accountName: "dev",
        emailAddress: "aws+111111111111@example.com",
      },
      {
        accountId: "222222222222",
        accountName: "staging",
        emailAddress: "aws+222222222222@example.com",
      },
      {
        accountId: "333333333333",
        accountName: "prod",
        emailAddress: "aws+333333333333@example.com",
      },
    ]);
    expect(await callCount("sso:ListAccounts")).toBe(3);
  });

  it("lists the roles of an account, following every page", async () => {
    await control(emulator, "POST", "page-limit", { maxItems: 1 });
    const roles = await sso.listAccountRoles(ssoAccessToken(emulator), "222222222222", context());
    expect(roles).toEqual([
      { accountId: "222222222222", roleName: "AdministratorAccess" },
      { accountId: "222222222222", roleName: "ReadOnlyAccess" },
    ]);
    expect(await callCount("sso:ListAccountRoles")).toBe(2);
  });

  it("gets role credentials STS accepts, with the expiry from epoch milliseconds and the account", async () => {
    const credentials = await sso.getRoleCredentials(
      ssoAccessToken(emulator),
      { accountId: "222222222222", roleName: "ReadOnlyAccess" },
      context(),
    );
    expect(credentials.accountId).toBe("222222222222");
    const issued = emulator.state.world.sessions.get(credentials.accessKeyId);
    expect(credentials.expiration).toEqual(issued?.expiration);
    const who = await createStsAdapter({ env }).getCallerIdentity(credentials, {
      profile: "dev",
    });
    expect(who.account).toBe("222222222222");
    expect(who.arn).toMatch(
      /^arn:aws:sts::222222222222:assumed-role\/AWSReservedSSO_ReadOnlyAccess_[0-9a-f]{16}\/developer$/,
    );
  });

  it("refuses the token after logout with an AuthError that says to sign in again", async () => {
    const token = ssoAccessToken(emulator);
    await sso.logout(token, context());
    const error = await rejectionOf(
      sso.getRoleCredentials(
        token,
        { accountId: "111111111111", roleName: "AdministratorAccess" },
        context(),
      ),
    );
    expect(error).toBeInstanceOf(AuthError);
    expect(String(error)).toContain("has expired or was ended");
    expect(String(error)).toContain(context().startUrl);
    expect(hintOf(error)).toContain("awsafe sso login");
    expect(errorText(error)).not.toContain(token);
  });

  it("names the account and role the user has no access to", async () => {
    const token = ssoAccessToken(emulator);
    const error = await rejectionOf(
      sso.getRoleCredentials(token, { accountId: "111111111111", roleName: "Billing" }, context()),
    );
    expect(error).toBeInstanceOf(AuthError);
    expect(String(error)).toContain('role "Billing" in account 111111111111');
    expect(errorText(error)).not.toContain(token);
  });

  it("maps an account IAM Identity Center does not know to a ConfigError naming it", async () => {
    const error = await rejectionOf(
      sso.listAccountRoles(ssoAccessToken(emulator), "999999999999", context()),
    );
    expect(error).toBeInstanceOf(ConfigError);
    expect(String(error)).toContain("account 999999999999");
    expect(hintOf(error)).toContain("sso_account_id");
  });

  it("gives up on a throttling portal with an unavailable error (exit 69) after the retries", async () => {
    await control(emulator, "POST", "faults", {
      operation: "sso:GetRoleCredentials",
      kind: "throttle",
      always: true,
    });
    const quick = createSsoAdapter({ env, maxAttempts: 2 });
    const token = ssoAccessToken(emulator);
    const error = await rejectionOf(
      quick.getRoleCredentials(
        token,
        { accountId: "111111111111", roleName: "AdministratorAccess" },
        context(),
      ),
    );
    expect(error).toBeInstanceOf(AwsUnavailableError);
    expect(error).toMatchObject({ exitCode: ExitCode.Unavailable });
    expect(String(error)).toContain("TooManyRequestsException");
    expect(errorText(error)).not.toContain(token);
    expect(await callCount("sso:GetRoleCredentials")).toBe(2);
  });

  it("retries a 5xx and then succeeds", async () => {
    await control(emulator, "POST", "faults", { operation: "sso:ListAccounts", kind: "error" });
    expect(await sso.listAccounts(ssoAccessToken(emulator), context())).toHaveLength(3);
    expect(await callCount("sso:ListAccounts")).toBe(2);
  });
});

async function callCount(operation: string): Promise<number | undefined> {
  const stats = (await control(emulator, "GET", "stats")) as {
    operations: Record<string, number>;
  };
  return stats.operations[operation];
}
