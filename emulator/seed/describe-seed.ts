import type { EmulatorState } from "../state.js";

/** One seeded IAM user with the credentials a test or demo needs to act as it. */
export interface SeedUserDescription {
  readonly userName: string;
  readonly accountId: string;
  readonly accessKeyId: string | null;
  readonly secretAccessKey: string | null;
  readonly mfaSerial: string | null;
  readonly totpSecret: string | null;
}

/** The first stdout line of `npm run emulator`: where it listens and what it holds. */
export interface SeedDescription {
  readonly url: string;
  readonly accounts: ReadonlyArray<{ readonly id: string; readonly name: string }>;
  readonly users: readonly SeedUserDescription[];
  readonly roles: ReadonlyArray<{ readonly arn: string; readonly maxSessionDuration: number }>;
  readonly sso: {
    readonly startUrl: string;
    readonly region: string;
    readonly users: readonly string[];
    readonly accounts: ReadonlyArray<{
      readonly accountId: string;
      readonly accountName: string;
      readonly roles: readonly string[];
    }>;
  } | null;
}

/** Describes the emulator's seeded state (secrets included: they are the test fixtures). */
export function describeSeed(state: EmulatorState, url: string): SeedDescription {
  const { world, sso } = state;
  return {
    url,
    accounts: [...world.accounts.values()].map((a) => ({ id: a.id, name: a.name })),
    users: [...world.users.values()].map((user) => {
      const key = world.keysOf(user)[0];
      const device = user.mfaDevices[0];
      return {
        userName: user.userName,
        accountId: user.accountId,
        accessKeyId: key?.accessKeyId ?? null,
        secretAccessKey: key?.secretAccessKey ?? null,
        mfaSerial: device?.serialNumber ?? null,
        totpSecret: device?.totpSecret ?? null,
      };
    }),
    roles: [...world.roles.values()]
      .filter((r) => !r.path.startsWith("/aws-reserved/"))
      .map((r) => ({ arn: r.arn, maxSessionDuration: r.maxSessionDuration })),
    sso:
      sso === undefined
        ? null
        : {
            startUrl: sso.startUrl,
            region: sso.region,
            users: sso.users,
            accounts: sso.accounts.map((a) => ({
              accountId: a.accountId,
              accountName: a.accountName,
              roles: [...a.roles.keys()],
            })),
          },
  };
}
