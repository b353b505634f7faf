import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { AppContext } from "../../app-context.js";
import { shellFileFindings } from "./plaintext-checks.js";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** The findings for a HOME whose .bashrc is `bashrc`. */
async function findingsFor(bashrc: string): Promise<string> {
  const home = mkdtempSync(path.join(tmpdir(), "awsafe-doctor-home-"));
  dirs.push(home);
  writeFileSync(path.join(home, ".bashrc"), bashrc);
  const context = { env: { HOME: home } } as unknown as AppContext;
  const [finding] = await shellFileFindings(context, home);
  return `${finding?.status ?? ""}: ${finding?.message ?? ""}`;
}

describe("shellFileFindings", () => {
  // A secret is 40 characters of A-Z, a-z, 0-9, '/' and '+', so it may end in either symbol.
  it.each(["abcdefghijklmnopqrstuvwxyzABCDEFGHIJKL+/", "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLM+"])(
    "finds an exported secret that ends in a symbol (%s)",
    async (secret) => {
      expect(await findingsFor(`export AWS_SECRET_ACCESS_KEY=${secret}\n`)).toMatch(
        /^fail: .*\.bashrc:1 \(AWS_SECRET_ACCESS_KEY\)/,
      );
    },
  );

  it("does not take a longer value, or one from a command, for a key", async () => {
    const longer = "A".repeat(41);
    expect(
      await findingsFor(
        `export AWS_SECRET_ACCESS_KEY=${longer}\nexport AWS_SECRET_ACCESS_KEY=$(pass aws)\n`,
      ),
    ).toMatch(/^ok: /);
  });
});
