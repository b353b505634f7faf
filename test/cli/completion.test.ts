import { spawnSync } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { makeHome, runAwsafe } from "../support/run-awsafe.js";

// `awsafe completion <shell>` in the real shells (Debian's bash, zsh and fish; CI installs them):
// each sources the generated script and asks it for the candidates of a command line, which come
// from awsafe's own command table and the profiles of the shared files.
const home = makeHome({
  config: "[profile admin]\nregion = us-east-1\n[profile dev]\n",
  credentials: "[base]\naws_access_key_id = AKIAFAKETESTEXAMPLE1\n",
});
const env = { PATH: process.env["PATH"] ?? "", HOME: home };
const ci = process.env["CI"] !== undefined;

function script(shell: string): string {
  const run = runAwsafe(["completion", shell], home);
  expect(run.stderr).toBe("");
  expect(run.status).toBe(0);
  const file = join(home, `completion.${shell}`);
  writeFileSync(file, run.stdout);
  return file;
}

function shellRun(shell: string, args: readonly string[]): string[] {
  const result = spawnSync(shell, args, { env, encoding: "utf8" });
  expect(result.stderr).toBe("");
  return result.stdout.split("\n").filter(Boolean).sort();
}

const cases: readonly (readonly [string, readonly string[], readonly string[]])[] = [
  ["awsafe ex<TAB>", ["ex"], ["exec", "explain", "export"]],
  ["awsafe exec <TAB>", ["exec", ""], ["admin", "base", "dev"]],
  [
    "awsafe export x --format <TAB>",
    ["export", "x", "--format", ""],
    ["dotenv", "env", "fish", "ini", "json", "powershell", "process"],
  ],
  ["awsafe agent st<TAB>", ["agent", "st"], ["start", "status", "stop"]],
];

const shells = [
  ["bash", "/usr/bin/bash"],
  ["zsh", "/usr/bin/zsh"],
  ["fish", "/usr/bin/fish"],
] as const;

for (const [shell, path] of shells) {
  const present = existsSync(path);
  if (!present && !ci)
    console.warn(`test/cli/completion.test.ts: ${shell} skipped — ${path} missing`);
  describe.runIf(present || ci)(`awsafe completion ${shell}, in ${shell}`, () => {
    it.each(cases)("completes %s", (line, words, expected) => {
      const file = script(shell);
      const offered = candidates(shell, path, file, words);
      console.log(`${shell}: ${line} → ${offered.join(" ")}`);
      expect(offered).toEqual(expected);
    });
  });
}

/** What the shell's completion offers for `awsafe <words>` (the last word under the cursor). */
function candidates(shell: string, path: string, file: string, words: readonly string[]): string[] {
  const quoted = words.map((word) => `'${word}'`).join(" ");
  switch (shell) {
    case "bash":
      return shellRun(path, [
        "-c",
        `source '${file}'; COMP_WORDS=(awsafe ${quoted}); COMP_CWORD=${String(words.length)}; _awsafe_complete; printf '%s\\n' "\${COMPREPLY[@]}"`,
      ]);
    case "zsh":
      // Outside an interactive completion, compadd and compdef are stood in for: what the
      // script hands compadd is what zsh would offer.
      return shellRun(path, [
        "-f",
        "-c",
        `compdef() { :; }; compadd() { [[ $1 == -- ]] && shift; printf '%s\\n' "$@"; }; _files() { :; }; source '${file}'; words=(awsafe ${quoted}); CURRENT=${String(words.length + 1)}; _awsafe_complete`,
      ]);
    default: {
      const line = ["awsafe", ...words].join(" ");
      return shellRun(path, ["--no-config", "-c", `source '${file}'; complete -C '${line}'`]);
    }
  }
}

describe("awsafe __complete", () => {
  it("never opens the store or prompts: a locked file store still completes profiles", () => {
    const run = runAwsafe(["__complete", "--", "exec", ""], home, {
      AWSAFE_BACKEND: "file",
      AWSAFE_PROMPT: "terminal",
    });
    expect(run.status).toBe(0);
    expect(run.stdout).toBe("admin\nbase\ndev\n");
  });

  it("is not offered among the commands", () => {
    const run = runAwsafe(["__complete", "--", ""], home);
    expect(run.stdout.split("\n")).not.toContain("__complete");
    expect(run.stdout.split("\n")).toContain("completion");
  });

  it("refuses an unknown shell with the list of known ones", () => {
    const run = runAwsafe(["completion", "tcsh"], home);
    expect(run.status).toBe(64);
    expect(run.stderr).toContain("Use one of: bash, zsh, fish, powershell");
  });
});
