import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { start, type RunningEmulator } from "../../emulator/server.js";
import { control, seedUser, ssoAccessToken } from "../../emulator/test-support/emulator-fixture.js";
import { signTestJwt, TEST_ISSUER } from "../../emulator/test-support/test-seed.js";
import { AppError, AuthError, ConfigError } from "../../src/errors.js";
import { MfaCodeRejectedError } from "../../src/ports/aws/aws-errors.js";
import { noLock } from "../../src/ports/lock.js";
import { buildProvider } from "../../src/providers/build-provider.js";
import { createMemoryStore } from "../../src/store/memory/memory-store.js";
import {
  engineDeps,
  engineSeed,
  planOf,
  recordingMfa,
  storeUserKeys,
  stsCounts,
} from "./engine-fixture.js";

const serial = "arn:aws:iam::123456789012:mfa/assume-only";
const config = `
[profile base]
region = us-east-1
[profile admin]
role_arn = arn:aws:iam::210987654321:role/AdminRole
source_profile = base
mfa_serial = ${serial}
[profile chain]
role_arn = arn:aws:iam::210987654321:role/ChainRole
source_profile = admin
duration_seconds = 7200
[profile readonly-long]
role_arn = arn:aws:iam::210987654321:role/ReadOnlyRole
source_profile = base
mfa_serial = ${serial}
duration_seconds = 7200
[profile admin-tagged]
role_arn = arn:aws:iam::210987654321:role/AdminRole
source_profile = base
mfa_serial = ${serial}
session_tags = team=blue,project=demo
transitive_session_tags = team
source_identity = alice
[profile admin-no-mfa]
role_arn = arn:aws:iam::210987654321:role/AdminRole
source_profile = base
`;

let emulator: RunningEmulator;
const dir = mkdtempSync(path.join(tmpdir(), "awsafe-engine-"));
beforeAll(async () => {
  emulator = await start({ port: 0, seed: engineSeed() });
});
afterAll(async () => {
  await emulator.stop();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => control(emulator, "DELETE", "stats"));

const hours = (credentials: { expiration?: Date }) =>
  ((credentials.expiration?.getTime() ?? 0) - Date.now()) / 3_600_000;

describe("buildProvider against the emulator", () => {
  it("asks MFA once for a session, assumes AdminRole from it, and reuses both from the cache", async () => {
    const store = createMemoryStore();
    await storeUserKeys(emulator, store, "base");
    const mfa = recordingMfa(emulator);
    const deps = engineDeps(emulator, store, { config, mfa: mfa.source, lock: noLock });
    const plan = planOf(config, "admin", ["base"]);
    const first = await buildProvider(plan, deps)();
    expect(first.accountId).toBe("210987654321");
    const again = await buildProvider(plan, deps)();
    expect(again.accessKeyId).toBe(first.accessKeyId);
    expect(mfa.requests).toHaveLength(1);
    // Asked for on behalf of "admin", whose mfa_serial it is, though "base"'s keys make the call.
    expect(mfa.requests[0]).toMatchObject({ serialNumber: serial, profile: "admin", attempt: 1 });
    expect(await stsCounts(emulator)).toEqual({ "sts:GetSessionToken": 1, "sts:AssumeRole": 1 });
    const sessions = await store.list({ kind: "session" });
    expect(sessions.map((ref) => ref.name)).toEqual([
      `stored:base > session mfa=${serial}`,
      `stored:base > session mfa=${serial} > role=arn:aws:iam::210987654321:role/AdminRole`,
    ]);
  });

  it("re-prompts after a wrong code and fails after three", async () => {
    const store = createMemoryStore();
    await storeUserKeys(emulator, store, "base");
    const plan = planOf(config, "admin", ["base"]);
    const twoWrong = recordingMfa(emulator, 2);
    await buildProvider(plan, engineDeps(emulator, store, { config, mfa: twoWrong.source }))();
    expect(twoWrong.requests.map((r) => r.attempt)).toEqual([1, 2, 3]);
    const allWrong = recordingMfa(emulator, 3);
    const error = await buildProvider(
      plan,
      engineDeps(emulator, store, { config, mfa: allWrong.source }),
    )().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MfaCodeRejectedError);
    expect(allWrong.requests).toHaveLength(3);
  });

  it("caps a chained role that asks for 2 h at 1 h instead of failing", async () => {
    const store = createMemoryStore();
    await storeUserKeys(emulator, store, "base");
    const mfa = recordingMfa(emulator);
    const plan = planOf(config, "chain", ["base"]);
    const credentials = await buildProvider(
      plan,
      engineDeps(emulator, store, { config, mfa: mfa.source }),
    )();
    expect(hours(credentials)).toBeGreaterThan(0.9);
    // Against this machine's clock; the emulator's runs a few TOTP windows ahead.
    expect(hours(credentials)).toBeLessThan(1.1);
  });

  it("assumes a 2 h role straight from the keys with MFA (no session step), and so with --duration", async () => {
    const store = createMemoryStore();
    await storeUserKeys(emulator, store, "base");
    const mfa = recordingMfa(emulator);
    const deps = engineDeps(emulator, store, { config, mfa: mfa.source });
    const long = await buildProvider(planOf(config, "readonly-long", ["base"]), deps)();
    expect(hours(long)).toBeGreaterThan(1.9);
    const viaFlag = await buildProvider(planOf(config, "admin", ["base"]), deps, {
      durationSeconds: 3600,
      noSession: true,
    })();
    expect(hours(viaFlag)).toBeGreaterThan(0.9);
    expect(await stsCounts(emulator)).toEqual({ "sts:AssumeRole": 2 });
  });

  it("sends the profile's session tags, transitive keys and source identity with AssumeRole", async () => {
    const store = createMemoryStore();
    await storeUserKeys(emulator, store, "base");
    const mfa = recordingMfa(emulator);
    const credentials = await buildProvider(
      planOf(config, "admin-tagged", ["base"]),
      engineDeps(emulator, store, { config, mfa: mfa.source }),
    )();
    const session = [...emulator.state.world.sessions.values()].find(
      (candidate) => candidate.accessKeyId === credentials.accessKeyId,
    );
    expect(session?.sourceIdentity).toBe("alice");
    expect(session?.transitiveTagKeys).toEqual(["team"]);
    expect(session?.tags).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ key: "team", value: "blue" }),
        expect.objectContaining({ key: "project", value: "demo" }),
      ]),
    );
  });

  it("is refused by a role that requires MFA when the profile sends none", async () => {
    const store = createMemoryStore();
    await storeUserKeys(emulator, store, "base");
    const error = await buildProvider(
      planOf(config, "admin-no-mfa", ["base"]),
      engineDeps(emulator, store, { config }),
    )().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect(error instanceof AppError ? error.hint : "").toContain("mfa_serial");
  });

  it("says `awsafe add` when the stored key is missing", async () => {
    const error = await buildProvider(
      planOf(config, "admin", ["base"]),
      engineDeps(emulator, createMemoryStore(), { config }),
    )().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect(error instanceof AppError ? error.hint : "").toContain("awsafe add base");
  });

  it("takes keys from credential_process and from the environment as a role's source", async () => {
    const user = seedUser(emulator, "assume-only");
    const script = path.join(dir, "print-keys.mjs");
    writeFileSync(
      script,
      `process.stdout.write(JSON.stringify({ Version: 1, AccessKeyId: ${JSON.stringify(user.accessKeyId)}, SecretAccessKey: ${JSON.stringify(user.secretAccessKey)} }));`,
    );
    const sources = `
[profile proc]
credential_process = "${process.execPath}" "${script}"
[profile via-proc]
role_arn = arn:aws:iam::210987654321:role/AdminRole
source_profile = proc
mfa_serial = ${serial}
[profile via-env]
role_arn = arn:aws:iam::210987654321:role/AdminRole
credential_source = Environment
mfa_serial = ${serial}
`;
    const mfa = recordingMfa(emulator);
    const env = {
      AWS_ENDPOINT_URL: emulator.url,
      AWS_ACCESS_KEY_ID: user.accessKeyId ?? "",
      AWS_SECRET_ACCESS_KEY: user.secretAccessKey ?? "",
    };
    const deps = engineDeps(emulator, createMemoryStore(), {
      config: sources,
      mfa: mfa.source,
      env,
    });
    for (const profile of ["via-proc", "via-env"]) {
      const credentials = await buildProvider(planOf(sources, profile, []), deps)();
      expect(credentials.accountId).toBe("210987654321");
    }
  });

  it("assumes a role with a web identity token", async () => {
    const tokenFile = path.join(dir, "token.jwt");
    const now = Math.floor(Date.now() / 1000);
    writeFileSync(
      tokenFile,
      signTestJwt({
        iss: TEST_ISSUER,
        aud: "sts.amazonaws.com",
        sub: "repo:acme/app",
        iat: now,
        exp: now + 600,
      }),
    );
    const text = `[profile ci]\nrole_arn = arn:aws:iam::123456789012:role/CiRole\nweb_identity_token_file = ${tokenFile}\n`;
    const credentials = await buildProvider(
      planOf(text, "ci", []),
      engineDeps(emulator, createMemoryStore(), { config: text }),
    )();
    expect(credentials.accountId).toBe("123456789012");
  });

  it("gets SSO role credentials with the token the token source gives", async () => {
    const text = `[profile sso]\nsso_start_url = https://d-1234567890.awsapps.com/start\nsso_region = us-east-1\nsso_account_id = 111111111111\nsso_role_name = ReadOnlyAccess\n`;
    const token = ssoAccessToken(emulator);
    const credentials = await buildProvider(
      planOf(text, "sso", []),
      engineDeps(emulator, createMemoryStore(), {
        config: text,
        ssoToken: () => Promise.resolve(token),
      }),
    )();
    expect(credentials.accountId).toBe("111111111111");
    expect(credentials.accessKeyId).toMatch(/^ASIA/);
  });
});
