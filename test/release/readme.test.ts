import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { commandTable } from "../../src/cli/command-table.js";
import { repoRoot } from "../support/conformance.js";

// What the README and the package promise, held against what the project has.
const readme = readFileSync(path.join(repoRoot, "README.md"), "utf8");
const { description } = JSON.parse(readFileSync(path.join(repoRoot, "package.json"), "utf8")) as {
  description: string;
};
const commands = new Set(commandTable.map((node) => node.name));

describe("the README", () => {
  it("names only files and folders the project has", () => {
    const named = [...readme.matchAll(/`((?:src|scripts|test|emulator|examples)\/[\w./-]+)`/g)];
    expect(named.length).toBeGreaterThan(3);
    for (const [, file = ""] of named)
      expect(existsSync(path.join(repoRoot, file)), file).toBe(true);
  });

  it("cites no design or spec document, which the project does not have", () => {
    expect(readme).not.toMatch(/\b(DESIGN|SPECS)\b/);
  });

  it("shows only commands awsafe has", () => {
    const shown = [...readme.matchAll(/`awsafe ([a-z-]+)/g)].map(([, name = ""]) => name);
    expect(shown.length).toBeGreaterThan(10);
    for (const name of shown) expect(commands.has(name), `awsafe ${name}`).toBe(true);
  });

  it("promises the console (here and in package.json) only once a login command exists", () => {
    const promised = /\bconsole\b/i.test(readme) || /\bconsole\b/i.test(description);
    expect(promised && !commands.has("login")).toBe(false);
  });

  it("says under its first commands how to run awsafe from a clone", () => {
    const top = readme.split("\n## ")[0] ?? "";
    expect(top).toContain("node dist/cli.cjs");
    expect(top).toContain("npm link");
    expect(top).toContain("npm install -g");
  });
});
