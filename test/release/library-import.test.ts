import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { repoRoot } from "../support/conformance.js";

// What `import { fromAwsafe } from "awsafe"` costs, read from the build that ships: esbuild's
// metafile (dist/meta.json, `library`) says which source files each file of the library holds
// and which files it imports, statically or with import(). Importing the library runs index.js
// and its static imports only; fromAwsafe()'s first call adds the agent's client; the AWS SDK's
// STS client loads only with the in-process engine, and the CLI never.
interface LibraryFile {
  readonly imports: readonly { readonly path: string; readonly kind: string }[];
  readonly inputs: readonly string[];
}
const meta = JSON.parse(readFileSync(path.join(repoRoot, "dist/meta.json"), "utf8")) as {
  library: Record<string, LibraryFile>;
};
const files = meta.library;

/** Every source file `start` loads: through static imports only, or dynamic ones too. */
function loaded(start: string, dynamic: boolean): string[] {
  const seen = new Set<string>();
  const walk = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const { path: imported, kind } of files[file]?.imports ?? []) {
      const followed = kind === "import-statement" || (dynamic && kind === "dynamic-import");
      if (followed && files[imported] !== undefined) walk(imported);
    }
  };
  walk(start);
  return [...seen].flatMap((file) => files[file]?.inputs ?? []);
}

const cli = /(^|\/)src\/cli\/|node_modules\/commander\//;
const sts = /node_modules\/@aws-sdk\/client-sts\//;
const anySdk = /node_modules\/(@aws-sdk|@smithy)\//;
/** The file of the library that holds `source`. */
function fileOf(source: string): string {
  const file = Object.keys(files).find((name) => files[name]?.inputs.includes(source));
  if (file === undefined) throw new Error(`no file of the library holds ${source}`);
  return file;
}

describe("importing the library", () => {
  it("loads fromAwsafe() and neither the CLI nor any AWS SDK code", () => {
    const onImport = loaded("dist/index.js", false);
    expect(onImport).toContain("src/lib/from-awsafe.ts");
    expect(onImport.filter((input) => cli.test(input) || anySdk.test(input))).toEqual([]);
  });

  it("loads the agent's client at the first call, without the STS client, which only the in-process engine brings", () => {
    // The call itself, then the agent's route (runtime/obtain-credentials.ts imports it then).
    const onFirstCall = [
      ...loaded(fileOf("src/lib/credentials-for-sdk.ts"), false),
      ...loaded(fileOf("src/runtime/ask-agent.ts"), false),
    ];
    expect(onFirstCall).toContain("src/agent/agent-client.ts");
    expect(onFirstCall.filter((input) => cli.test(input) || sts.test(input))).toEqual([]);
    const everything = loaded("dist/index.js", true);
    expect(everything).toContain("src/runtime/credential-engine.ts");
    expect(everything.some((input) => sts.test(input))).toBe(true);
    expect(everything.filter((input) => cli.test(input))).toEqual([]);
  });

  it("resolves `awsafe` to a fromAwsafe that makes a provider and prints nothing", () => {
    const imported = spawnSync(
      process.execPath,
      [
        "--input-type=module",
        "-e",
        'const { fromAwsafe } = await import("awsafe"); console.log(typeof fromAwsafe({ profile: "admin" }));',
      ],
      { cwd: repoRoot, encoding: "utf8" },
    );
    expect(imported.stderr).toBe("");
    expect(imported.stdout).toBe("function\n");
  });
});

describe("the type declarations that ship", () => {
  const dir = mkdtempSync(path.join(repoRoot, ".tmp-library-types-"));
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it("type a real STSClient's credentials, and refuse a wrong init", () => {
    writeFileSync(
      path.join(dir, "app.ts"),
      [
        'import { STSClient } from "@aws-sdk/client-sts";',
        'import { fromAwsafe, type AwsafeCredentialsError, type FromAwsafeInit } from "awsafe";',
        "const init: FromAwsafeInit = {",
        '  profile: "admin",',
        "  mfaCodeProvider: async (serial: string) => serial.slice(-6),",
        "  durationSeconds: 3600,",
        '  region: "eu-west-1",',
        "};",
        "export const client = new STSClient({ credentials: fromAwsafe(init) });",
        "export const hint = (error: AwsafeCredentialsError): string | undefined =>",
        "  error.tryNextLink ? undefined : error.hint;",
        "// @ts-expect-error profile is a string",
        "fromAwsafe({ profile: 1 });",
        "",
      ].join("\n"),
    );
    writeFileSync(
      path.join(dir, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          module: "nodenext",
          moduleResolution: "nodenext",
          target: "es2022",
          strict: true,
          exactOptionalPropertyTypes: true,
          noEmit: true,
          skipLibCheck: true,
        },
        files: ["app.ts"],
      }),
    );
    const checked = spawnSync(
      process.execPath,
      [path.join(repoRoot, "node_modules/typescript/bin/tsc"), "-p", dir],
      { cwd: dir, encoding: "utf8" },
    );
    expect(checked.stdout + checked.stderr).toBe("");
    expect(checked.status).toBe(0);
  }, 60_000);
});
