import { ESLint } from "eslint";
import tseslint from "typescript-eslint";
import { describe, expect, it } from "vitest";
import { boundaryConfigs } from "../../eslint.boundaries.js";
import { repoRoot } from "../support/conformance.js";

// The import boundaries `npm run check` enforces (eslint.boundaries.js), tried on planted imports:
// each bad one must fail the lint, each good one must pass.
const eslint = new ESLint({
  cwd: repoRoot,
  overrideConfigFile: true,
  overrideConfig: [
    { files: ["**/*.ts"], languageOptions: { parser: tseslint.parser } },
    ...boundaryConfigs,
  ],
});

async function problems(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${repoRoot}/${file}` });
  return (result?.messages ?? []).map((message) => message.message);
}

describe("import boundaries", () => {
  it.each([
    [
      "the domain importing an adapter",
      "src/plan/planted.ts",
      'import { x } from "../aws/sts-adapter.js";',
    ],
    [
      "the domain importing the CLI",
      "src/config/edit/planted.ts",
      'import { x } from "../../cli/main.js";',
    ],
    [
      "a port importing the domain",
      "src/ports/aws/planted.ts",
      'import { x } from "../../config/config-data.js";',
    ],
    [
      "a use-case choosing an adapter",
      "src/app/store/planted.ts",
      'import { x } from "../../../src/store/open-store.js";',
    ],
    [
      "a use-case importing runtime",
      "src/app/credentials/planted.ts",
      'import { x } from "../../runtime/context.js";',
    ],
    [
      "an adapter importing a use-case",
      "src/agent/planted.ts",
      'import { x } from "../app/app-context.js";',
    ],
    ["runtime importing the CLI", "src/runtime/planted.ts", 'import { x } from "../cli/io.js";'],
    [
      "the CLI choosing an adapter",
      "src/cli/commands/list/planted.ts",
      'import { x } from "../../../store/open-store.js";',
    ],
    ["the library entry importing the CLI", "src/planted.ts", 'import { x } from "./cli/main.js";'],
    [
      "shipped code importing the emulator",
      "src/aws/planted.ts",
      'import { x } from "../../emulator/server.js";',
    ],
  ])("fails on %s", async (_name, file, code) => {
    expect((await problems(file, code)).length).toBeGreaterThan(0);
  });

  it.each([
    [
      "the domain importing a port",
      "src/providers/planted.ts",
      'import type { x } from "../ports/lock.js";',
    ],
    [
      "a use-case importing the domain",
      "src/app/store/planted.ts",
      'import { x } from "../../plan/plan-credentials.js";',
    ],
    [
      "a use-case importing another use-case's folder",
      "src/app/import/planted.ts",
      'import { x } from "../store/add-key.js";',
    ],
    [
      "runtime choosing an adapter",
      "src/runtime/planted.ts",
      'import { x } from "../store/open-store.js";',
    ],
    [
      "the CLI naming an adapter's type",
      "src/cli/planted.ts",
      'import type { x } from "../endpoint/serve-profile.js";',
    ],
    [
      "a test wiring an adapter into the domain",
      "src/plan/planted.test.ts",
      'import { x } from "../store/memory/memory-store.js";',
    ],
  ])("passes %s", async (_name, file, code) => {
    expect(await problems(file, code)).toEqual([]);
  });
});
