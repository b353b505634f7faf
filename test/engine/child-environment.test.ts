import {
  appendFileSync,
  chmodSync,
  existsSync,
  mkdirSync,
  readFileSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "../support/conformance.js";
import { adminRoleArn, jsonFields, useStoredKeysWorld } from "./awsafe-world.js";

// Every kind of child awsafe starts, started by the built CLI from a parent environment holding
// the store passphrase (both variables) and AWS keys: none may receive the passphrase, and only
// credential_process (as under the AWS CLI) and exec (its own keys) may hold AWS credentials.
const ctx = useStoredKeysWorld();
const node = process.execPath;
const dumpScript = path.join(repoRoot, "test/engine/fixtures/dump-env.mjs");
const quote = (word: string) => `'${word}'`;
const passphrase = "test-passphrase-FAKE";
const planted = {
  AWS_ACCESS_KEY_ID: "AKIAPLANTEDFAKE00001",
  AWS_SECRET_ACCESS_KEY: "plantedSecretFAKE".padEnd(40, "0"),
  AWS_SESSION_TOKEN: "planted-token-FAKE",
};

let dir = "";
let parentEnv: Record<string, string> = {};
const dumpFile = (name: string) => path.join(dir, `${name}.json`);
const dumpLine = (name: string, output?: string) =>
  [node, dumpScript, dumpFile(name), ...(output === undefined ? [] : [output])]
    .map(quote)
    .join(" ");

/** The environment the child `name` recorded (fails when it never ran). */
function dumped(name: string): Record<string, string> {
  expect(existsSync(dumpFile(name)), `${name} never ran`).toBe(true);
  return jsonFields(readFileSync(dumpFile(name), "utf8"));
}

/** A program named `name` in `dir`/bin that records its environment and prints `output`. */
function fakeProgram(name: string, output?: string): void {
  const file = path.join(dir, "bin", name);
  writeFileSync(file, `#!/bin/sh\nexec ${dumpLine(name, output)}\n`);
  chmodSync(file, 0o755);
}

function expectNoPassphrase(env: Record<string, string>): void {
  expect(env).not.toHaveProperty("AWSAFE_FILE_PASSPHRASE");
  expect(env).not.toHaveProperty("AWSAFE_FILE_PASSPHRASE_FILE");
  expect(JSON.stringify(env)).not.toContain(passphrase);
}

function expectNoPlantedKeys(env: Record<string, string>): void {
  for (const name of Object.keys(planted)) expect(env).not.toHaveProperty(name);
  expect(JSON.stringify(env).toLowerCase()).not.toContain("planted");
}

beforeAll(() => {
  dir = path.join(ctx.world.home, "children");
  mkdirSync(path.join(dir, "bin"), { recursive: true });
  const passphraseFile = path.join(dir, "passphrase");
  writeFileSync(passphraseFile, `${passphrase}\n`, { mode: 0o600 });
  // The world already gives AWSAFE_FILE_PASSPHRASE; the file variable is planted too.
  parentEnv = {
    ...planted,
    AWSAFE_FILE_PASSPHRASE_FILE: passphraseFile,
    PATH: `${path.join(dir, "bin")}:${process.env["PATH"] ?? ""}`,
  };
  const role = (name: string, more: string[]) => [
    `[profile ${name}]`,
    `role_arn = ${adminRoleArn}`,
    "source_profile = base",
    // A device of its own, so no session cached for `admin` spares the prompt.
    `mfa_serial = arn:aws:iam::123456789012:mfa/${name}-FAKE`,
    ...more,
  ];
  appendFileSync(
    path.join(ctx.world.home, ".aws/config"),
    [
      "",
      ...role("dump-mfa", [`mfa_process = ${dumpLine("mfa_process", "123456")}`]),
      ...role("dump-prompt", []),
      "[profile dump-process]",
      `credential_process = ${dumpLine("credential_process")}`,
      "[profile dump-process-agent]",
      `credential_process = ${dumpLine("credential_process-agent")}`,
      "",
    ].join("\n"),
  );
  for (const program of ["zenity", "ykman"]) fakeProgram(program, "123456");
  fakeProgram("pass");
});

describe("the environment of every child awsafe runs", () => {
  it("mfa_process gets neither the passphrase nor inherited AWS keys", async () => {
    await ctx.world.awsafe(["credential-process", "dump-mfa", "--no-agent"], parentEnv);
    const env = dumped("mfa_process");
    expectNoPassphrase(env);
    expectNoPlantedKeys(env);
    expect(env.PATH).toBe(parentEnv.PATH);
  });

  it.each(["zenity", "ykman"])(
    "the %s prompt gets neither the passphrase nor inherited AWS keys",
    async (program) => {
      await ctx.world.awsafe(["credential-process", "dump-prompt", "--no-agent"], {
        ...parentEnv,
        AWSAFE_PROMPT: program,
      });
      const env = dumped(program);
      expectNoPassphrase(env);
      expectNoPlantedKeys(env);
    },
  );

  it("credential_process gets the AWS variables the AWS SDKs would give it, not the passphrase", async () => {
    await ctx.world.awsafe(["credential-process", "dump-process", "--no-agent"], parentEnv);
    const env = dumped("credential_process");
    expectNoPassphrase(env);
    expect(env).toMatchObject(planted);
  });

  it("credential_process run by the agent does not get the client's passphrase either", async () => {
    const result = await ctx.world.awsafe(["credential-process", "dump-process-agent"], parentEnv);
    expect(result.stderr).not.toContain("working without it");
    const env = dumped("credential_process-agent");
    expectNoPassphrase(env);
    expect(env).toMatchObject(planted);
  });

  it("the agent starts with neither the passphrase nor the AWS keys of the shell that started it", async () => {
    await ctx.world.stopAgent();
    const started = await ctx.world.awsafe(["agent", "start"], parentEnv);
    expect(started.status).toBe(0);
    const status = jsonFields((await ctx.world.awsafe(["agent", "status", "--json"])).stdout);
    const environ = readFileSync(`/proc/${status.pid ?? ""}/environ`, "utf8");
    const env = Object.fromEntries(
      environ
        .split("\0")
        .filter(Boolean)
        .map((entry) => [entry.slice(0, entry.indexOf("=")), entry.slice(entry.indexOf("=") + 1)]),
    );
    expect(env.HOME).toBe(ctx.world.home);
    expectNoPassphrase(env);
    expectNoPlantedKeys(env);
  });

  it("pass gets neither the passphrase nor inherited AWS keys", async () => {
    const storeDir = path.join(dir, "password-store");
    mkdirSync(storeDir, { recursive: true });
    writeFileSync(path.join(storeDir, ".gpg-id"), "0000000000000000\n");
    // `add --env` stores the planted keys, which must be long-term: no session token.
    const longTerm = Object.fromEntries(
      Object.entries(parentEnv).filter(([name]) => name !== "AWS_SESSION_TOKEN"),
    );
    // A home of its own for awsafe: the world's records the file store, which `add` keeps to.
    const added = await ctx.world.awsafe(["add", "dump", "--env", "--backend", "pass"], {
      ...longTerm,
      PASSWORD_STORE_DIR: storeDir,
      AWSAFE_HOME: path.join(dir, "pass-home"),
    });
    expect(added.stderr).toMatch(/^stored key \*{4}0001 of profile "dump"/m);
    const env = dumped("pass");
    expectNoPassphrase(env);
    expectNoPlantedKeys(env);
    expect(env.PASSWORD_STORE_DIR).toBe(storeDir);
  });

  it.each([[[]], [["--server"]]])(
    "exec %j gives its command awsafe's credentials, never the passphrase or the inherited keys",
    async (flags) => {
      const name = `exec${flags.join("")}`;
      const result = await ctx.world.awsafe(
        ["exec", "admin", ...flags, "--", node, dumpScript, dumpFile(name)],
        parentEnv,
      );
      expect(result.status).toBe(0);
      const env = dumped(name);
      expectNoPassphrase(env);
      expect(JSON.stringify(env).toLowerCase()).not.toContain("planted");
      expect(env.AWS_ACCESS_KEY_ID ?? "").not.toBe(planted.AWS_ACCESS_KEY_ID);
      expect(env.AWSAFE_PROFILE).toBe("admin");
    },
  );
});
