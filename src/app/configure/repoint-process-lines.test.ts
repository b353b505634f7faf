import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { repointProcessLines } from "./repoint-process-lines.js";

const home = mkdtempSync(path.join(tmpdir(), "awsafe-repoint-"));
afterAll(() => {
  rmSync(home, { recursive: true, force: true });
});

describe("repointProcessLines", () => {
  it("moves awsafe's lines that name the old store to the new one, and nothing else", async () => {
    mkdirSync(path.join(home, ".aws"));
    const config = path.join(home, ".aws/config");
    writeFileSync(
      config,
      [
        "# team profiles",
        "[profile a]",
        "credential_process = /usr/bin/node '/opt/my awsafe/cli.cjs' credential-process a --backend keychain",
        "[profile b]",
        "credential_process = /usr/bin/node /opt/awsafe/cli.cjs credential-process b",
        "[profile c]",
        "credential_process = other-tool --backend keychain",
        "",
      ].join("\n"),
    );
    const context = {
      env: { HOME: home },
      platform: { platform: "linux" as const, homedir: () => home },
    };
    expect(await repointProcessLines(context, "keychain", "file")).toEqual(["a"]);
    expect(readFileSync(config, "utf8")).toBe(
      [
        "# team profiles",
        "[profile a]",
        "credential_process = /usr/bin/node '/opt/my awsafe/cli.cjs' credential-process a --backend file",
        "[profile b]",
        "credential_process = /usr/bin/node /opt/awsafe/cli.cjs credential-process b",
        "[profile c]",
        "credential_process = other-tool --backend keychain",
        "",
      ].join("\n"),
    );
  });
});
