// Bundles the CLI (the dist/cli.cjs executable, dist/entry.cjs that it runs, and dist/cli/: the
// CLI proper, main.js and the chunks it loads lazily) and the library entry into dist/, writes
// the library's type declarations, and leaves dist/meta.json for the license check. With --test it builds the same
// into dist-test/ with the test hooks in (src/runtime/test-hooks.ts): that build is what the
// end-to-end tests run, and it never ships.
import { build, transform } from "esbuild";
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
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

/**
 * `code`, an ES module esbuild wrote to `file`, as CommonJS: imports become require() calls
 * (import() too: awaited, still loaded only when reached), exports getters on `exports`. A file
 * that reads `import.meta.url` (a bundled package locating itself) gets its own URL instead.
 */
async function commonJs(code, file) {
  const metaUrl = code.includes("import.meta.url");
  const converted = await transform(code, {
    format: "cjs",
    loader: "js",
    platform: "node",
    target: "node20",
    supported: { "dynamic-import": false },
    minifyWhitespace: true,
    ...(metaUrl ? { define: { "import.meta.url": "__awsafeImportMetaUrl" } } : {}),
    logLevel: "warning",
    sourcefile: path.basename(file),
  });
  return metaUrl
    ? `var __awsafeImportMetaUrl = require("node:url").pathToFileURL(__filename).href;\n${converted.code}`
    : converted.code;
}

// cli.cjs requires the CLI proper (dist/cli/main.js, a CommonJS file) where entry.ts imports it:
// an import() would load Node's ES module loader, and scan the file for its export names first.
const requireCliProper = {
  name: "require-cli-proper",
  setup(build) {
    build.onResolve(
      { filter: /^\.\/(main|complete-main|agent-questions|agent-main)\.js$/ },
      (args) => ({
        path: args.path,
        namespace: "require-cli-proper",
      }),
    );
    build.onLoad({ filter: /.*/, namespace: "require-cli-proper" }, (args) => ({
      loader: "js",
      contents: `module.exports = require(${JSON.stringify(`./cli/${args.path.slice(2)}`)});`,
    }));
  },
};

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

// The CLI proper (main.js, complete-main.js, agent-questions.js and the chunks they import,
// lazily or not) goes to dist/cli/ as CommonJS: esbuild splits only ES modules, so it is split as
// ES modules, and each file is then turned into CommonJS, each module still one file, loaded
// once. Node's loader of ES modules resolves, reads and links every file asynchronously, through
// URLs; require() does the same work at once, and an empty `awsafe list`, the agent's start and a
// cold call's MFA answer start sooner (see the bench). Layout is minified, as in cli.cjs; names
// stay. dist/cli/package.json says "commonjs" for the files there.
const main = await build({
  ...common,
  entryPoints: {
    main: "src/cli/main.ts",
    "complete-main": "src/cli/complete-main.ts",
    "agent-questions": "src/cli/agent-questions.ts",
    "agent-main": "src/cli/agent-main.ts",
    "save-code-cache": "src/cache/save-code-cache.ts",
    "cache-modules": "src/cache/cache-modules.ts",
  },
  outdir: `${out}/cli`,
  splitting: true,
  chunkNames: "chunks/[name]-[hash]",
  write: false,
});
for (const file of main.outputFiles) {
  mkdirSync(path.dirname(file.path), { recursive: true });
  writeFileSync(file.path, await commonJs(file.text, file.path));
}
writeFileSync(`${out}/cli/package.json`, `${JSON.stringify({ type: "commonjs" }, null, 2)}\n`);
// What keys the code caches of these files (src/cache/cache-modules.ts): V8 checks only a
// source's length, so the caches of one build must never serve another.
const cliHash = createHash("sha256");
for (const file of [...main.outputFiles].sort((a, b) => (a.path < b.path ? -1 : 1))) {
  cliHash.update(`${path.relative(out, file.path)}\n`).update(readFileSync(file.path));
}
const cliDigest = cliHash.digest("hex").slice(0, 16);
/**
 * One file of the Node executable, `${out}/<file>`, bundled from `entryPoint` as CommonJS with its
 * layout minified (names stay); `external` adds to what it leaves to require() at run time.
 */
function commonJsFile(entryPoint, file, { external = [], ...options } = {}) {
  return build({
    ...common,
    entryPoints: [entryPoint],
    outfile: `${out}/${file}`,
    format: "cjs",
    minifyWhitespace: true,
    ...options,
    external: [...common.external, ...external],
  });
}
// dispatch and the hot path (`credential-process` answered by the agent), as CommonJS (Node
// starts a CommonJS file sooner than an ES module) in this one file, dist/entry.cjs, so an AWS
// call loads a single module of awsafe's; every other command imports main.js and its chunks.
// Its layout is minified too (names stay): V8 parses the whole file whenever the code cache of it
// cannot serve (below), and a quarter fewer bytes made the cached call about 3% sooner then.
const cli = await commonJsFile("src/cli/entry.ts", "entry.cjs", {
  plugins: [...common.plugins, requireCliProper],
  external: [
    "./cli/main.js",
    "./cli/complete-main.js",
    "./cli/agent-questions.js",
    "./cli/agent-main.js",
  ],
});
// What dist/cli.cjs runs for every call the agent's remembered answer does not settle,
// dist/run-entry.cjs: it runs entry.cjs from V8's code cache of it (see src/cli/run-entry.ts), a
// cache keyed on the digest of entry.cjs's bytes.
const entryCode = readFileSync(`${out}/entry.cjs`, "utf8");
// Run through node:vm, entry.cjs has no loader for import(): what it loads, it requires.
if (/\bimport\(/.test(entryCode)) throw new Error(`${out}/entry.cjs calls import()`);
const entryDigest = createHash("sha256").update(entryCode).digest("hex").slice(0, 16);
const entryRunner = await commonJsFile("src/cli/run-entry.ts", "run-entry.cjs", {
  define: {
    ...common.define,
    __AWSAFE_ENTRY_DIGEST__: JSON.stringify(entryDigest),
    __AWSAFE_CLI_DIGEST__: JSON.stringify(cliDigest),
  },
  external: ["./cli/save-code-cache.js", "./cli/cache-modules.js", "./cli/main.js"],
});
// The executable, dist/cli.cjs: the agent's remembered answer, or run-entry.cjs.
const launcher = await commonJsFile("src/cli/node-launcher.ts", "cli.cjs", {
  external: ["./run-entry.cjs", "./entry.cjs"],
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

const inputs = {
  ...main.metafile.inputs,
  ...cli.metafile.inputs,
  ...entryRunner.metafile.inputs,
  ...launcher.metafile.inputs,
  ...library.metafile.inputs,
};
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
