// Bundles the CLI (the dist/cli.cjs executable, dist/main.js and lazily loaded chunks) and the
// library entry into dist/, writes the library's type declarations, and leaves dist/meta.json for
// the license check. With --test it builds the same into dist-test/ with the test hooks in
// (src/runtime/test-hooks.ts): that build is what the end-to-end tests run, and it never ships.
import { build } from "esbuild";
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { buildId } from "./build-id.mjs";

const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
const testBuild = process.argv.includes("--test");
const out = testBuild ? "dist-test" : "dist";

// Bundled CommonJS dependencies use require(), __filename and __dirname; ESM output has none of
// them, so each chunk defines them. The last two under names of awsafe's own, which `esmDefine`
// substitutes for the free identifiers: an ES module bundled beside them may declare its own
// top-level `__dirname` (the `open` package does), which a banner `const __dirname` would clash
// with in the same chunk.
const cjsShim = [
  'import { createRequire as __awsafeCreateRequire } from "node:module";',
  'import { fileURLToPath as __awsafeFileURLToPath } from "node:url";',
  "const require = __awsafeCreateRequire(import.meta.url);",
  "const __awsafeFilename = __awsafeFileURLToPath(import.meta.url);",
  'const __awsafeDirname = __awsafeFileURLToPath(new URL(".", import.meta.url));',
].join("\n");
const esmDefine = { __filename: "__awsafeFilename", __dirname: "__awsafeDirname" };

// commander requires node:child_process when it loads, for executable subcommands, which awsafe
// has none of; loading that module cost every command about 4 ms. Commander gets it on first use.
const lazyChildProcess = {
  name: "lazy-child-process",
  setup(build) {
    build.onResolve({ filter: /^node:child_process$/ }, (args) =>
      /[\\/]commander[\\/]/.test(args.importer)
        ? { path: "child-process", namespace: "lazy-child-process" }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: "lazy-child-process" }, () => ({
      loader: "js",
      contents: [
        "let loaded;",
        "module.exports = new Proxy({}, {",
        '  get: (_, key) => (loaded ??= require("node:child_process"))[key],',
        "});",
      ].join("\n"),
    }));
  },
};

const common = {
  plugins: [lazyChildProcess],
  bundle: true,
  platform: "node",
  target: "node20",
  format: "esm",
  sourcemap: false,
  legalComments: "none",
  metafile: true,
  // A native module: it loads its platform's binary at run time and cannot be bundled.
  external: ["@napi-rs/keyring"],
  // __AWSAFE_STANDALONE__ is true only in the single executable (scripts/build-bin.mjs);
  // __AWSAFE_TEST_HOOKS__ only in the test build. Syntax minification drops the branches a
  // false switch leaves dead, and with them every test hook; names and layout stay readable.
  define: {
    __AWSAFE_VERSION__: JSON.stringify(pkg.version),
    __AWSAFE_BUILD_ID__: JSON.stringify(buildId(fileURLToPath(new URL("..", import.meta.url)))),
    __AWSAFE_STANDALONE__: "false",
    __AWSAFE_TEST_HOOKS__: String(testBuild),
  },
  minifySyntax: true,
  logLevel: "warning",
};

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const main = await build({
  ...common,
  entryPoints: { main: "src/cli/main.ts", "complete-main": "src/cli/complete-main.ts" },
  define: { ...common.define, ...esmDefine },
  outdir: out,
  splitting: true,
  chunkNames: "chunks/[name]-[hash]",
  banner: { js: cjsShim },
});
// The executable, as CommonJS (Node starts a CommonJS file sooner than an ES module): dispatch and
// the hot path (`credential-process` answered by the agent) in this one file, so an AWS call
// loads a single module; every other command imports main.js and its chunks. Its layout is
// minified too (names stay): V8 parses the whole file at every AWS call, and a quarter fewer
// bytes made the cached call about 3% sooner.
const cli = await build({
  ...common,
  entryPoints: ["src/cli/entry.ts"],
  outfile: `${out}/cli.cjs`,
  format: "cjs",
  minifyWhitespace: true,
  external: [...common.external, "./main.js", "./complete-main.js"],
  banner: { js: "#!/usr/bin/env node" },
});
// The library: what `import ... from "awsafe"` loads is index.js and the small chunks it
// imports; fromAwsafe() loads the agent's client at its first call, and the in-process engine
// (with the AWS SDK's STS client) only when the agent cannot serve, each a chunk of its own.
const library = await build({
  ...common,
  entryPoints: { index: "src/index.ts" },
  define: { ...common.define, ...esmDefine },
  outdir: out,
  splitting: true,
  chunkNames: "chunks/lib-[name]-[hash]",
  // The SDK's error class that fromAwsafe() throws is the installed package's, not a copy: the
  // one the application's SDK has too, wherever npm dedupes them (so `instanceof` holds). It is
  // imported only when a call fails.
  external: [...common.external, "@smithy/property-provider"],
  banner: { js: cjsShim },
});

// main.js itself has no CommonJS code and is on every command's path: drop the shim there.
const mainText = readFileSync(`${out}/main.js`, "utf8");
writeFileSync(`${out}/main.js`, mainText.replace(`${cjsShim}\n`, ""));

const inputs = { ...main.metafile.inputs, ...cli.metafile.inputs, ...library.metafile.inputs };
// `library`: each file of the library and what it imports, statically or at run time, for the
// test that importing the library loads neither the CLI nor the AWS SDK.
const libraryFiles = Object.fromEntries(
  Object.entries(library.metafile.outputs).map(([file, output]) => [
    file,
    {
      imports: output.imports.map(({ path, kind }) => ({ path, kind })),
      inputs: Object.keys(output.inputs),
    },
  ]),
);
writeFileSync(
  `${out}/meta.json`,
  JSON.stringify({ inputs: Object.keys(inputs), library: libraryFiles }, null, 2),
);
if (!testBuild) {
  execFileSync(process.execPath, ["node_modules/typescript/bin/tsc", "-p", "tsconfig.build.json"], {
    stdio: "inherit",
  });
}
