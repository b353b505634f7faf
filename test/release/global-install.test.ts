import { spawnSync } from "node:child_process";
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { testsBinary } from "../support/awsafe-command.js";
import { repoRoot } from "../support/conformance.js";
import { makeHome } from "../support/run-awsafe.js";

// `npm install -g` of the package, as from a fresh clone: no dist/ until `npm pack` builds it
// (the `prepack` script), then a global install into a prefix of its own. Installing fetches the
// production dependencies: from npm's cache, else the registry; without either the test is
// skipped locally, and fails in CI.
const work = mkdtempSync(path.join(tmpdir(), "awsafe-install-"));
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

const { version } = JSON.parse(readFileSync(path.join(repoRoot, "package.json"), "utf8")) as {
  version: string;
};

/** The files a clone has that the build reads (the tests and the emulator are not needed). */
function copyClone(to: string): void {
  mkdirSync(to);
  for (const entry of ["src", "scripts", "examples"]) {
    cpSync(path.join(repoRoot, entry), path.join(to, entry), { recursive: true });
  }
  for (const file of [
    "package.json",
    "package-lock.json",
    "tsconfig.json",
    "tsconfig.build.json",
  ]) {
    cpSync(path.join(repoRoot, file), path.join(to, file));
  }
  for (const file of ["README.md", "LICENSE"])
    cpSync(path.join(repoRoot, file), path.join(to, file));
  symlinkSync(path.join(repoRoot, "node_modules"), path.join(to, "node_modules"), "dir");
}

function npm(args: readonly string[], cwd: string): { status: number | null; output: string } {
  const result = spawnSync("npm", [...args, "--no-audit", "--no-fund", "--loglevel=error"], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, npm_config_update_notifier: "false" },
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe.skipIf(testsBinary)("npm pack, then npm install -g of the tarball", () => {
  it("builds on pack and installs an awsafe that runs", (context) => {
    const clone = path.join(work, "clone");
    copyClone(clone);
    const packed = npm(["pack", "--pack-destination", work], clone);
    expect(packed.output).not.toMatch(/npm error/);
    expect(packed.status).toBe(0);
    const tarball = readdirSync(work).find((name) => name.endsWith(".tgz"));
    expect(tarball).toBe(`awsafe-${version}.tgz`);

    const prefix = path.join(work, "prefix");
    const installed = npm(
      ["install", "-g", path.join(work, tarball ?? ""), "--prefix", prefix, "--prefer-offline"],
      work,
    );
    const offline = /ENOTCACHED|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT/.test(installed.output);
    if (installed.status !== 0 && offline && (process.env.CI ?? "") === "") {
      console.warn(`[skipped] npm install -g: no registry and no cache\n${installed.output}`);
      context.skip();
    }
    expect(installed.output).not.toMatch(/npm error/);
    expect(installed.status).toBe(0);

    const awsafe = path.join(prefix, "bin", "awsafe");
    const home = makeHome();
    const run = (args: string[]) =>
      spawnSync(awsafe, args, {
        encoding: "utf8",
        env: { PATH: process.env.PATH ?? "", HOME: home, AWSAFE_BACKEND: "file" },
      });
    const shown = run(["--version"]);
    expect(shown.stdout).toBe(`${version}\n`);
    const listed = run(["list"]);
    expect(listed.stderr).toBe("");
    expect(listed.stdout).toBe(
      "no profiles: the shared config and credentials files define none\n",
    );
    expect(listed.status).toBe(0);

    // The library of the installed package: `import "awsafe"` from beside it, its declarations,
    // and a fromAwsafe() call that starts the agent with the installed CLI (an unknown profile,
    // so no AWS call: the agent's answer comes back as the SDK's error class).
    const library = spawnSync(
      process.execPath,
      [
        "--input-type=module",
        "-e",
        [
          'const { fromAwsafe } = await import("awsafe");',
          'try { await fromAwsafe({ profile: "nope" })(); } catch (error) {',
          "  console.log(JSON.stringify({ name: error.name, tryNextLink: error.tryNextLink, hint: error.hint }));",
          "}",
        ].join("\n"),
      ],
      {
        cwd: path.join(prefix, "lib"),
        encoding: "utf8",
        env: {
          PATH: process.env.PATH ?? "",
          HOME: home,
          AWSAFE_BACKEND: "file",
          AWSAFE_FILE_PASSPHRASE: "global-install-FAKE",
          // An agent a failed run leaves behind goes away on its own.
          AWSAFE_AGENT_IDLE_SECONDS: "60",
        },
      },
    );
    expect(library.stderr).toBe("");
    const failure = JSON.parse(library.stdout) as Record<string, unknown>;
    expect(failure.name).toBe("CredentialsProviderError");
    expect(failure.tryNextLink).toBe(false);
    expect(failure.hint).toMatch(/\S/);
    const packageDir = path.join(prefix, "lib/node_modules/awsafe");
    expect(readFileSync(path.join(packageDir, "dist/types/index.d.ts"), "utf8")).toContain(
      "fromAwsafe",
    );
    expect(run(["agent", "status"]).stdout).toMatch(/^awsafe agent \S+ ✓ running/);
    expect(run(["agent", "stop"]).status).toBe(0);
  }, 300_000);
});
