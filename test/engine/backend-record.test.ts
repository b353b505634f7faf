import { execFile } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { start, type RunningEmulator } from "../../emulator/server.js";
import { seedUser } from "../../emulator/test-support/emulator-fixture.js";
import { awsafeArgv } from "../support/awsafe-command.js";
import { awsCallerIdentityArgs, noteSkippedClients, withAwsCli } from "../support/real-clients.js";
import {
  adminRoleArn,
  jsonFields,
  makeWorld,
  mfaSerial,
  type AwsafeWorld,
} from "./awsafe-world.js";

// The trial's report: keys imported with AWSAFE_BACKEND=file, then the AWS CLI run from a shell
// without the variable. The store is recorded in awsafe's config by the import, so every
// credential_process line awsafe wrote finds it.
noteSkippedClients("test/engine/backend-record.test.ts");

let emulator: RunningEmulator;
let world: AwsafeWorld;

beforeAll(async () => {
  emulator = await start({ port: 0 });
  world = makeWorld(emulator, "file");
  const user = seedUser(emulator, "assume-only");
  writeFileSync(
    path.join(world.home, ".aws/credentials"),
    `[assume-only]\naws_access_key_id = ${user.accessKeyId ?? ""}\naws_secret_access_key = ${user.secretAccessKey ?? ""}\n`,
  );
  const mfaProcess = /^mfa_process = .*$/m.exec(
    readFileSync(path.join(world.home, ".aws/config"), "utf8"),
  )?.[0];
  writeFileSync(
    path.join(world.home, ".aws/config"),
    [
      "[profile assume-only]",
      "region = us-east-1",
      "[profile admin-role]",
      `role_arn = ${adminRoleArn}`,
      "source_profile = assume-only",
      `mfa_serial = ${mfaSerial}`,
      mfaProcess ?? "",
      "region = us-east-1",
      "",
    ].join("\n"),
  );
});

afterAll(async () => {
  await world.stopAgent();
  await emulator.stop();
  rmSync(world.home, { recursive: true, force: true });
});

/** Runs a program in the world's environment without AWSAFE_BACKEND (plus `extra`). */
function runWithout(
  program: string,
  args: readonly string[],
  extra: Record<string, string> = {},
): Promise<{ status: number; stdout: string; stderr: string }> {
  const env: Record<string, string> = { ...world.env, ...extra };
  delete env.AWSAFE_BACKEND;
  if (extra.AWSAFE_BACKEND !== undefined) env.AWSAFE_BACKEND = extra.AWSAFE_BACKEND;
  return new Promise((resolve) => {
    execFile(program, args, { env }, (error, stdout, stderr) => {
      const status = error === null ? 0 : typeof error.code === "number" ? error.code : -1;
      resolve({ status, stdout, stderr });
    });
  });
}

function awsafe(args: readonly string[], extra: Record<string, string> = {}) {
  const command = awsafeArgv(args);
  return runWithout(command.program, command.args, extra);
}

describe("the store chosen by AWSAFE_BACKEND at import, used without the variable", () => {
  it("import records the backend once, and its credential_process lines name no backend", async () => {
    const imported = await awsafe(["import"], { AWSAFE_BACKEND: "file" });
    expect(imported.status).toBe(0);
    const configFile = path.join(world.home, ".config/awsafe/config.json");
    expect(JSON.parse(readFileSync(configFile, "utf8"))).toEqual({ backend: "file" });
    expect(imported.stderr.match(/recorded/g)).toHaveLength(1);
    expect(imported.stderr).toContain(configFile);
    const configured = await awsafe(["configure", "admin-role", "--credential-process"], {
      AWSAFE_BACKEND: "file",
    });
    expect(configured.status).toBe(0);
    expect(configured.stderr).not.toContain("recorded");
    const lines = readFileSync(path.join(world.home, ".aws/config"), "utf8").match(
      /^credential_process = .*$/gm,
    );
    expect(lines).toHaveLength(2);
    for (const line of lines ?? []) expect(line).not.toContain("--backend");
  });

  it("explain without the variable shows the stored keys the AWS tools will use", async () => {
    const explained = await awsafe(["explain", "admin-role"]);
    expect(explained.status).toBe(0);
    expect(explained.stdout).toContain(
      'long-term keys of profile "assume-only" from awsafe\'s secret store',
    );
  });

  it.runIf(withAwsCli)("`aws --profile admin-role` without the variable is AdminRole", async () => {
    const result = await runWithout("aws", [
      "--profile",
      "admin-role",
      ...awsCallerIdentityArgs(emulator.url),
    ]);
    expect(result.stderr).toBe("");
    expect(jsonFields(result.stdout).Arn).toMatch(
      /^arn:aws:sts::210987654321:assumed-role\/AdminRole\//,
    );
  });

  it("refuses to store in another backend than the recorded one, pointing at migrate", async () => {
    const refused = await awsafe(["add", "other", "--env", "--backend", "pass"], {
      AWS_ACCESS_KEY_ID: "AKIAFAKETESTAAAAAAAA",
      AWS_SECRET_ACCESS_KEY: "FAKEtestFAKEtestFAKEtestFAKEtestFAKEtest",
    });
    expect(refused.status).toBe(64);
    expect(refused.stderr).toMatch(/^awsafe: --backend pass .*file/m);
    expect(refused.stderr).toMatch(/^hint: .*awsafe migrate --from file --to pass/m);
    const byVariable = await awsafe(["import"], { AWSAFE_BACKEND: "keychain" });
    expect(byVariable.status).toBe(64);
    expect(byVariable.stderr).toMatch(/^awsafe: AWSAFE_BACKEND=keychain /m);
  });
});
