import {
  appendFileSync,
  chmodSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect } from "vitest";
import { start, type RunningEmulator } from "../../emulator/server.js";
import { control, seedUser } from "../../emulator/test-support/emulator-fixture.js";
import { testSeed } from "../../emulator/test-support/test-seed.js";
import { makeWorld, mfaSerial, type AwsafeWorld } from "../engine/awsafe-world.js";
import { repoRoot } from "../support/conformance.js";

export const readOnlyRoleArn = "arn:aws:iam::210987654321:role/ReadOnlyRole";
export const partnerRoleArn = "arn:aws:iam::123456789012:role/PartnerRole";
const mfaScript = path.join(repoRoot, "test/engine/fixtures/emulator-mfa.mjs");
const fakeBrowserScript = path.join(repoRoot, "test/console/fixtures/fake-browser.mjs");

/** The world of the console tests, and a folder outside HOME for the stand-in browsers. */
export interface ConsoleWorld {
  readonly emulator: RunningEmulator;
  readonly world: AwsafeWorld;
  /** Outside HOME: the fake browser's records, the wrapper scripts. */
  readonly scratch: string;
}

/**
 * Registers `beforeAll`/`afterAll` for a console test file: an emulator with the test seed (so
 * `federator`, an IAM user whose policy allows GetFederationToken, and `PartnerRole`, another
 * account's role, exist), a world (file store) with the keys of `base` (assume-only) and
 * `federator` stored, and these profiles beside the world's `admin`:
 * - `readonly`: ReadOnlyRole (12 h at most) from `base` with MFA;
 * - `partner`: PartnerRole in account 123456789012 from `federator`'s keys (no MFA);
 * - `federator`: the IAM user itself, no role;
 * - `outside`: a credential_process of another tool that prints long-term keys.
 */
export function useConsoleWorld(): ConsoleWorld {
  let state: ConsoleWorld | undefined;
  beforeAll(async () => {
    const emulator = await start({ port: 0, seed: testSeed() });
    const world = makeWorld(emulator, "file");
    const scratch = mkdtempSync(path.join(tmpdir(), "awsafe-console-"));
    for (const [profile, user] of [
      ["base", "assume-only"],
      ["federator", "federator"],
    ] as const) {
      const keys = seedUser(emulator, user);
      const added = await world.awsafe(["add", profile, "--env"], {
        AWS_ACCESS_KEY_ID: keys.accessKeyId ?? "",
        AWS_SECRET_ACCESS_KEY: keys.secretAccessKey ?? "",
      });
      expect(added.status, added.stderr).toBe(0);
    }
    const outside = path.join(scratch, "long-term-keys.mjs");
    const federator = seedUser(emulator, "federator");
    writeFileSync(
      outside,
      `process.stdout.write(${JSON.stringify(
        JSON.stringify({
          Version: 1,
          AccessKeyId: federator.accessKeyId,
          SecretAccessKey: federator.secretAccessKey,
        }),
      )});\n`,
    );
    const quote = (word: string) => `'${word}'`;
    appendFileSync(
      path.join(world.home, ".aws/config"),
      [
        "[profile readonly]",
        `role_arn = ${readOnlyRoleArn}`,
        "source_profile = base",
        `mfa_serial = ${mfaSerial}`,
        `mfa_process = ${quote(process.execPath)} ${quote(mfaScript)}`,
        "region = us-east-1",
        "[profile partner]",
        `role_arn = ${partnerRoleArn}`,
        "source_profile = federator",
        "external_id = partner-123",
        "region = eu-west-1",
        "[profile federator]",
        "region = us-east-1",
        "[profile outside]",
        `credential_process = ${quote(process.execPath)} ${quote(outside)}`,
        "",
      ].join("\n"),
    );
    state = { emulator, world, scratch };
  });
  afterAll(async () => {
    if (state === undefined) return;
    await state.world.stopAgent();
    await state.emulator.stop();
    rmSync(state.world.home, { recursive: true, force: true });
    rmSync(state.scratch, { recursive: true, force: true });
  });
  const ready = (): ConsoleWorld => {
    if (state === undefined) throw new Error("the world is used before beforeAll ran");
    return state;
  };
  return {
    get emulator() {
      return ready().emulator;
    },
    get world() {
      return ready().world;
    },
    get scratch() {
      return ready().scratch;
    },
  };
}

/**
 * A folder holding a program named `name` that runs the stand-in browser (fixtures/
 * fake-browser.mjs), recording into `records`: put it first on PATH and `--browser <name>`
 * finds it.
 */
export function fakeBrowserBin(scratch: string, name: string, records: string): string {
  const bin = mkdtempSync(path.join(scratch, "bin-"));
  const program = path.join(bin, name);
  writeFileSync(
    program,
    `#!/bin/sh\nFAKE_BROWSER_DIR='${records}' exec '${process.execPath}' '${fakeBrowserScript}' "$@"\n`,
  );
  chmodSync(program, 0o755);
  return bin;
}

/** The page the stand-in browser landed on for its `n`-th start (waits for it). */
export async function fakeBrowserPage(records: string, n: number): Promise<string> {
  const file = path.join(records, `page-${n}.html`);
  for (let waited = 0; waited < 10_000 && !existsSync(file); waited += 50) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return readFileSync(file, "utf8");
}

/** The argument vectors the stand-in browser was started with. */
export function fakeBrowserArgv(records: string): string[][] {
  const file = path.join(records, "argv.jsonl");
  if (!existsSync(file)) return [];
  return readFileSync(file, "utf8")
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as string[]);
}

/** Every sign-in token the emulator issued so far. */
export function issuedSigninTokens(emulator: RunningEmulator): string[] {
  return [...emulator.state.signinTokens.keys()];
}

/** The emulator's call counts. */
export async function operations(emulator: RunningEmulator): Promise<Record<string, number>> {
  const stats = (await control(emulator, "GET", "stats")) as { operations: Record<string, number> };
  return stats.operations;
}
