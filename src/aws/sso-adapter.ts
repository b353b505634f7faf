import { traceSdkCalls } from "./trace-sdk-calls.js";
import type * as SsoSdk from "@aws-sdk/client-sso";
import type { TemporaryCredentials } from "../ports/aws/credentials.js";
import type { SsoAccount, SsoPort, SsoRole } from "../ports/aws/sso.js";
import {
  buildSdkClient,
  type ClientFactoryOptions,
  sdkClientConfig,
  sdkModule,
  withSdkClient,
} from "./client-factory.js";
import { collectPages } from "./collect-pages.js";
import { unexpectedAwsAnswer } from "./map-aws-error.js";
import { type FailedSsoCall, mapSsoError } from "./map-sso-error.js";

const service = "the IAM Identity Center portal";

/**
 * The {@link SsoPort} over `@aws-sdk/client-sso`, in the sso-session's region. The portal takes
 * the user's access token with each command, never AWS credentials. The SDK is imported on the
 * first call; every failure leaves as an AppError (see `mapSsoError`).
 */
export function createSsoAdapter(
  options: ClientFactoryOptions & {
    /**
     * Keep one client per region for every call until `close()` (thousands of calls in
     * `sso populate`), instead of one client per call.
     */
    readonly reuseClients?: boolean;
  },
): SsoPort {
  const kept = new Map<string, SsoSdk.SSOClient>();
  const call = async <T>(
    failed: FailedSsoCall,
    send: (sdk: typeof SsoSdk, client: SsoSdk.SSOClient) => Promise<T>,
  ): Promise<T> => {
    const sdk = sdkModule(await import("@aws-sdk/client-sso"), "SSOClient");
    const config = sdkClientConfig(options, "sso", failed.context);
    if (options.reuseClients !== true) {
      return withSdkClient(
        () => {
          const built = new sdk.SSOClient(config);
          traceSdkCalls(built.middlewareStack, options.debug);
          return built;
        },
        (client) => send(sdk, client),
        (error) => mapSsoError(error, failed),
      );
    }
    let client = kept.get(config.region);
    if (client === undefined) {
      client = buildSdkClient(() => new sdk.SSOClient(config));
      traceSdkCalls(client.middlewareStack, options.debug);
      kept.set(config.region, client);
    }
    try {
      return await send(sdk, client);
    } catch (error) {
      throw mapSsoError(error, failed);
    }
  };

  return {
    getRoleCredentials: (accessToken, role, context) =>
      call({ operation: "GetRoleCredentials", context, role }, async (sdk, client) => {
        const out = await client.send(
          new sdk.GetRoleCredentialsCommand({
            accessToken,
            accountId: role.accountId,
            roleName: role.roleName,
          }),
        );
        return roleCredentials(out.roleCredentials, role);
      }),
    listAccounts: (accessToken, context) =>
      call({ operation: "ListAccounts", context }, (sdk, client) =>
        collectPages(async (nextToken) => {
          const out = await client.send(new sdk.ListAccountsCommand({ accessToken, nextToken }));
          return { items: (out.accountList ?? []).map(account), next: out.nextToken };
        }),
      ),
    listAccountsPage: (accessToken, nextToken, context) =>
      call({ operation: "ListAccounts", context }, async (sdk, client) => {
        const out = await client.send(
          new sdk.ListAccountsCommand({ accessToken, nextToken, maxResults: 100 }),
        );
        return { items: (out.accountList ?? []).map(account), next: out.nextToken };
      }),
    listAccountRoles: (accessToken, accountId, context) =>
      call({ operation: "ListAccountRoles", context, accountId }, (sdk, client) =>
        collectPages(async (nextToken) => {
          const out = await client.send(
            new sdk.ListAccountRolesCommand({ accessToken, accountId, nextToken }),
          );
          return {
            items: (out.roleList ?? []).map((r) => role(r, accountId)),
            next: out.nextToken,
          };
        }),
      ),
    logout: (accessToken, context) =>
      call({ operation: "Logout", context }, async (sdk, client) => {
        await client.send(new sdk.LogoutCommand({ accessToken }));
      }),
    close: () => {
      for (const client of kept.values()) client.destroy();
      kept.clear();
    },
  };
}

function roleCredentials(
  c: SsoSdk.RoleCredentials | undefined,
  role: SsoRole,
): TemporaryCredentials {
  if (
    c?.accessKeyId === undefined ||
    c.secretAccessKey === undefined ||
    c.sessionToken === undefined ||
    c.expiration === undefined
  ) {
    throw unexpectedAwsAnswer(`GetRoleCredentials for role "${role.roleName}"`, service);
  }
  return {
    accessKeyId: c.accessKeyId,
    secretAccessKey: c.secretAccessKey,
    sessionToken: c.sessionToken,
    // The portal gives epoch milliseconds, unlike STS (SPECS §b.4).
    expiration: new Date(c.expiration),
    accountId: role.accountId,
  };
}

function account(a: SsoSdk.AccountInfo): SsoAccount {
  if (a.accountId === undefined) throw unexpectedAwsAnswer("ListAccounts", service);
  return { accountId: a.accountId, accountName: a.accountName, emailAddress: a.emailAddress };
}

// The portal names the account of each role; the one asked about is the one that counts.
function role(r: SsoSdk.RoleInfo, accountId: string): SsoRole {
  if (r.roleName === undefined) throw unexpectedAwsAnswer("ListAccountRoles", service);
  return { accountId, roleName: r.roleName };
}
