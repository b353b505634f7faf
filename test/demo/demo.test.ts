import { execFile, execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../support/conformance.js";

/** Processes of this user whose environment has `HOME=<home>`. */
function processesWithHome(home: string): string[] {
  return readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/environ`, "latin1").split("\0").includes(`HOME=${home}`);
      } catch {
        return false; // gone, or another user's
      }
    });
}

describe("npm run demo", () => {
  it("reaches AdminRole through exec and through credential_process, and leaves nothing running", async () => {
    const { status, stdout, stderr } = await new Promise<{
      status: number | null;
      stdout: string;
      stderr: string;
    }>((resolve) => {
      execFile(
        process.execPath,
        [path.join(repoRoot, "scripts/demo.mjs")],
        { cwd: repoRoot, env: { PATH: process.env["PATH"] ?? "" } },
        (error, out, err) => {
          resolve({
            status: error === null ? 0 : (error.code as number),
            stdout: out,
            stderr: err,
          });
        },
      );
    });
    expect(stderr).toBe("");
    expect(status).toBe(0);
    const arns = stdout.match(/arn:aws:sts::210987654321:assumed-role\/AdminRole\/[\w-]+/g) ?? [];
    expect(arns.length).toBeGreaterThanOrEqual(3);
    expect(stdout).toContain("STS calls: 1 GetSessionToken (with one MFA code), 1 AssumeRole");
    expect(stdout).toContain("Files under HOME holding the secret key in plain text: 0");
    // Each printed command is what a shell would need to run it: pasted, it gives the same words.
    const configure = /^\$ (awsafe configure .*)$/m.exec(stdout)?.[1] ?? "";
    const words = execFileSync("sh", ["-c", `printf '%s\\0' ${configure}`], { encoding: "utf8" })
      .split("\0")
      .slice(0, -1);
    const mfaProcess = words[words.indexOf("--mfa-process") + 1] ?? "";
    // One word holding the whole mfa_process command, as `awsafe configure` got it.
    expect(mfaProcess).toMatch(/node'? '?\/.*demo-totp\.mjs'?$/);
    expect(words.at(-1)).toBe("--credential-process");
    const home = /HOME=(\S+)/.exec(stdout)?.[1] ?? "";
    const url = /emulator at (\S+),/.exec(stdout)?.[1] ?? "";
    expect(processesWithHome(home)).toEqual([]);
    await expect(fetch(`${url}/__emulator/stats`)).rejects.toThrow();
  }, 120_000); // the release build: each unlock of the file store costs a full scrypt derivation
});
