import { readFile } from "node:fs/promises";
import type { Seed } from "../../emulator/seed/seed-types.js";
import type { RunningEmulator } from "../../emulator/server.js";
import {
  nextTotp,
  seedUser,
  userCredentials,
  wrongTotp,
} from "../../emulator/test-support/emulator-fixture.js";
import { testSeed } from "../../emulator/test-support/test-seed.js";
import { createSsoAdapter } from "../../src/aws/sso-adapter.js";
import { createStsAdapter } from "../../src/aws/sts-adapter.js";
import { parseSharedConfig } from "../../src/config/parse-shared-config.js";
import type { CredentialPlan } from "../../src/plan/credential-plan.js";
import { planCredentials } from "../../src/plan/plan-credentials.js";
import type { MfaRequest } from "../../src/ports/mfa-code-source.js";
import type { SecretStore } from "../../src/ports/secret-store.js";
import { spawnCommandRunner } from "../../src/process/spawn-command-runner.js";
import type { ProviderDeps } from "../../src/providers/credential-provider.js";
import { processTimeLimits } from "../../src/runtime/process-time-limits.js";

/** The test seed plus `ChainRole` (trusts account 210987654321, 12 h), for role-chaining caps. */
export function engineSeed(): Seed {
  const base = testSeed();
  return {
    ...base,
    roles: [
      ...base.roles,
      {
        accountId: "210987654321",
        roleName: "ChainRole",
        trustPolicy: {
          Version: "2012-10-17",
          Statement: [
            {
              Effect: "Allow",
              Principal: { AWS: "arn:aws:iam::210987654321:root" },
              Action: "sts:AssumeRole",
            },
          ],
        },
        inlinePolicies: {},
        managedPolicyArns: [],
        maxSessionDuration: 43_200,
      },
    ],
  };
}

/** Plans `profile` of an inline config, with `stored` as the profiles that have stored keys. */
export function planOf(config: string, profile: string, stored: readonly string[]): CredentialPlan {
  const { data } = parseSharedConfig({ config: { path: "config", text: config } });
  return planCredentials(data, profile, { storedKeyProfiles: new Set(stored) });
}

/** An MFA source answering from the emulator's TOTP secret, recording every request. */
export function recordingMfa(
  emulator: RunningEmulator,
  wrongFirst = 0,
): { source: (request: MfaRequest) => Promise<string>; requests: MfaRequest[] } {
  const requests: MfaRequest[] = [];
  const secret = seedUser(emulator, "assume-only").totpSecret;
  return {
    requests,
    source: async (request) => {
      requests.push(request);
      return requests.length <= wrongFirst
        ? wrongTotp(emulator, secret)
        : nextTotp(emulator, secret);
    },
  };
}

/** Provider deps over the emulator and the given store. */
export function engineDeps(
  emulator: RunningEmulator,
  store: SecretStore,
  { config = "", ...overrides }: Omit<Partial<ProviderDeps>, "config"> & { config?: string } = {},
): ProviderDeps {
  const env = { AWS_ENDPOINT_URL: emulator.url, PATH: process.env["PATH"] };
  const { data } = parseSharedConfig({ config: { path: "config", text: config } });
  return {
    store,
    sts: createStsAdapter({ env }),
    config: data,
    env,
    mfa: () => Promise.reject(new Error("no MFA expected")),
    processRunner: spawnCommandRunner({
      env,
      setting: "credential_process",
      awsCredentials: "keep-aws-credentials",
      timeLimits: processTimeLimits(env),
    }),
    readTextFile: (path) => readFile(path, "utf8"),
    now: () => new Date(),
    sso: createSsoAdapter({ env }),
    ssoToken: () => Promise.reject(new Error("no SSO sign-in expected")),
    ...overrides,
  };
}

/** Puts the seeded `assume-only` keys into `store` under `profile`. */
export async function storeUserKeys(
  emulator: RunningEmulator,
  store: SecretStore,
  profile: string,
): Promise<void> {
  const keys = userCredentials(seedUser(emulator, "assume-only"));
  await store.put(
    { kind: "long-term", name: profile },
    { accessKeyId: keys.accessKeyId, secretAccessKey: keys.secretAccessKey },
  );
}

/** The emulator's call counts by operation. */
export async function stsCounts(emulator: RunningEmulator): Promise<Record<string, number>> {
  const response = await fetch(`${emulator.url}/__emulator/stats`);
  const stats: unknown = await response.json();
  if (typeof stats !== "object" || stats === null || !("operations" in stats)) return {};
  const operations: unknown = stats.operations;
  if (typeof operations !== "object" || operations === null) return {};
  return Object.fromEntries(
    Object.entries(operations).filter(
      (entry): entry is [string, number] => typeof entry[1] === "number",
    ),
  );
}
