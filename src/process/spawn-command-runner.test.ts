import { describe, expect, it } from "vitest";
import { AuthError, ConfigError } from "../errors.js";
import type { RunCommandOptions } from "../ports/command-runner.js";
import { spawnCommandRunner, type SpawnRunnerOptions } from "./spawn-command-runner.js";

const limits: SpawnRunnerOptions["timeLimits"] = {
  program: { ms: 10_000, variable: "AWSAFE_PROCESS_TIMEOUT_SECONDS" },
  person: { ms: 10_000, variable: "AWSAFE_PROMPT_TIMEOUT_SECONDS" },
};

function runner(overrides: Partial<SpawnRunnerOptions> = {}) {
  return spawnCommandRunner({
    env: { PATH: process.env["PATH"] ?? "" },
    setting: "credential_process",
    awsCredentials: "keep-aws-credentials",
    timeLimits: limits,
    ...overrides,
  });
}

const asProcess: RunCommandOptions = {
  stderr: "capture",
  subject: 'credential_process of profile "flood"',
  maxOutputBytes: 64 * 1024,
  pace: "program",
};

async function failure(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof Error)) throw new Error("expected the run to fail");
  return error;
}

describe("spawnCommandRunner", () => {
  it("stops /usr/bin/yes at the cap with a one-line AuthError naming the subject", async () => {
    const started = Date.now();
    const error = await failure(runner().run("/usr/bin/yes", asProcess));
    expect(error).toBeInstanceOf(AuthError);
    expect(error.message).toBe(
      'credential_process of profile "flood" printed more than 64 KiB; awsafe stopped it',
    );
    expect(error).toMatchObject({
      exitCode: 77,
      hint: "Run `/usr/bin/yes` by hand to see what it prints",
    });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("stops a command past the program limit, naming it and the variable that sets the limit", async () => {
    const run = runner({ timeLimits: { ...limits, program: { ...limits.program, ms: 300 } } });
    const started = Date.now();
    const error = await failure(
      run.run('sh -c "exec sleep 1000"', {
        ...asProcess,
        subject: 'mfa_process of profile "stuck"',
        maxOutputBytes: 4096,
      }),
    );
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(error).toBeInstanceOf(AuthError);
    expect(error.message).toBe(
      'mfa_process of profile "stuck" did not finish within 0.3 s; awsafe stopped `sh -c "exec sleep 1000"`',
    );
    expect(error).toMatchObject({
      hint: "Run it by hand to see where it waits, or allow more time with AWSAFE_PROCESS_TIMEOUT_SECONDS=<seconds> (now 0.3)",
    });
  });

  it("gives a dialog the person's limit, not the program's", async () => {
    const run = runner({ timeLimits: { ...limits, person: { ...limits.person, ms: 300 } } });
    const error = await failure(
      run.run(["sleep", "1000"], {
        ...asProcess,
        subject: 'the zenity MFA dialog for profile "p"',
        pace: "person",
      }),
    );
    expect(error.message).toMatch(
      /^the zenity MFA dialog for profile "p" did not finish within 0.3 s/,
    );
    expect(error).toBeInstanceOf(AuthError);
    expect(error instanceof AuthError ? error.hint : "").toContain("AWSAFE_PROMPT_TIMEOUT_SECONDS");
  });

  it("returns what a well-behaved command printed", async () => {
    const result = await runner().run([process.execPath, "-e", "console.log('{}')"], asProcess);
    expect(result).toEqual({ exitCode: 0, signal: null, stdout: "{}\n", stderr: "" });
  });

  it.each([
    ["keep-aws-credentials", "AKIAINHERITEDFAKE"],
    ["drop-aws-credentials", undefined],
  ] as const)(
    "never passes the store passphrase; AWS keys by policy (%s)",
    async (awsCredentials, key) => {
      const env = {
        PATH: process.env["PATH"] ?? "",
        AWSAFE_FILE_PASSPHRASE: "passphrase-TEST",
        AWSAFE_FILE_PASSPHRASE_FILE: "/tmp/passphrase-TEST",
        AWS_ACCESS_KEY_ID: "AKIAINHERITEDFAKE",
      };
      const result = await runner({ env, awsCredentials }).run(
        [process.execPath, "-e", "process.stdout.write(JSON.stringify(process.env))"],
        asProcess,
      );
      const seen = JSON.parse(result.stdout) as Record<string, string>;
      expect(seen["AWSAFE_FILE_PASSPHRASE"]).toBeUndefined();
      expect(seen["AWSAFE_FILE_PASSPHRASE_FILE"]).toBeUndefined();
      expect(seen["AWS_ACCESS_KEY_ID"]).toBe(key);
    },
  );

  it("says which command could not be started (exit 78)", async () => {
    const error = await failure(runner().run("no-such-tool-FAKE --json", asProcess));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toMatch(
      /^Cannot start "no-such-tool-FAKE" \(credential_process of profile "flood"\): /,
    );
  });
});
