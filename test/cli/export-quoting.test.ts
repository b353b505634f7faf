import { spawn, spawnSync } from "node:child_process";
import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseEnv } from "node:util";
import { fromIni } from "@aws-sdk/credential-provider-ini";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatCredentials, type ExportFormat } from "../../src/cli/format/format-credentials.js";
import { ConfigError } from "../../src/errors.js";
import { readPowershellAssignment } from "../support/powershell-model.js";
import { canary, quotingCases } from "../support/quoting-cases.js";
import { describeWithRealThing } from "../store/real-thing.js";

/**
 * The quoting property: every value `export --format F` prints is read back exactly by the real
 * readers of F — bash, zsh, dash, fish (and pwsh where installed) evaluating the output as the
 * README says, `set -a; . file`, python-dotenv and Node for dotenv, botocore and the AWS SDK
 * for JavaScript for ini — and no part of it runs: each reader works in an empty directory
 * that must still be empty afterwards (values carry `touch PWNED`, `> PWNED`, `ni PWNED`).
 * A value a format cannot carry must be refused with exit 78, and only the documented ones.
 * One reader process evaluates every case, one case file each, and prints what it read.
 */

const seed = 0x5eed_2024;
const values = quotingCases(seed, 150);
const names = [
  "AWS_ACCESS_KEY_ID",
  "AWS_SECRET_ACCESS_KEY",
  "AWS_SESSION_TOKEN",
  "AWS_CREDENTIAL_EXPIRATION",
  "AWS_REGION",
  "AWS_DEFAULT_REGION",
] as const;
const expiration = new Date("2030-01-01T00:00:00Z");

/** One value in every field: reversed for the secret, prefixed for the token, so none can pass for another. */
function fieldsOf(value: string) {
  return {
    accessKeyId: value,
    secretAccessKey: Array.from(value).reverse().join(""),
    sessionToken: `t${value}`,
    region: value,
  };
}

function expectedVariables(value: string): string[] {
  const fields = fieldsOf(value);
  return [
    fields.accessKeyId,
    fields.secretAccessKey,
    fields.sessionToken,
    expiration.toISOString(),
    fields.region,
    fields.region,
  ];
}

/** What each format is documented to refuse (README, export). */
const refuses: Record<ExportFormat, (value: string) => boolean> = {
  env: (value) => /\0|\p{Cs}/u.test(value),
  fish: (value) => /\0|\p{Cs}/u.test(value),
  powershell: (value) => /\0|\p{Cs}/u.test(value),
  dotenv: (value) => /[\p{Cc}\u2028\u2029'\\]|\$\{|\p{Cs}/u.test(value),
  ini: (value) =>
    value === "" || /[^\x20-\x7E]/u.test(value) || /^ | $/.test(value) || /(^| )[#;]/.test(value),
  json: () => false,
  process: () => false,
};

interface Case {
  readonly index: number;
  readonly value: string;
  readonly text: string;
}

const memo = new Map<
  ExportFormat,
  { accepted: Case[]; refused: { value: string; error: unknown }[] }
>();

/** Each value's output in `format`, and the values it refused and why. */
function casesOf(format: ExportFormat) {
  const known = memo.get(format);
  if (known !== undefined) return known;
  const accepted: Case[] = [];
  const refused: { value: string; error: unknown }[] = [];
  values.forEach((value, index) => {
    const { region, ...credentials } = fieldsOf(value);
    try {
      const text = formatCredentials(
        format,
        { ...credentials, expiration },
        { profile: `case-${index}`, region },
      );
      accepted.push({ index, value, text });
    } catch (error) {
      refused.push({ value, error });
    }
  });
  memo.set(format, { accepted, refused });
  return { accepted, refused };
}

function checkRefusals(format: ExportFormat): void {
  const cases = casesOf(format);
  const documented = (value: string) => Object.values(fieldsOf(value)).some(refuses[format]);
  const wrongly = cases.refused.filter(
    ({ value, error }) => !documented(value) || !isRefusal(error),
  );
  expect(wrongly.map(({ value, error }) => [value, String(error)])).toEqual([]);
  expect(cases.accepted.filter(({ value }) => documented(value)).map(({ value }) => value)).toEqual(
    [],
  );
}

/** A ConfigError: exit 78. */
function isRefusal(error: unknown): boolean {
  return error instanceof ConfigError;
}

let root: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "awsafe-quoting-"));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** Writes one file per case under a fresh folder and returns their absolute paths. */
async function writeCases(
  label: string,
  cases: readonly Case[],
  extension = "",
): Promise<string[]> {
  const folder = path.join(root, `cases-${label}`);
  await mkdir(folder, { recursive: true });
  return Promise.all(
    cases.map(async ({ index, text }) => {
      const file = path.join(folder, `case-${String(index).padStart(4, "0")}${extension}`);
      await writeFile(file, text);
      return file;
    }),
  );
}

/**
 * Runs `command` in an empty directory with a clean environment and returns its stdout bytes;
 * fails on a non-zero exit, on anything on stderr and on any file left in the directory.
 */
async function runReader(label: string, command: string, args: readonly string[]): Promise<Buffer> {
  const cwd = path.join(root, `cwd-${label}`);
  const home = path.join(root, `home-${label}`);
  await Promise.all([mkdir(cwd), mkdir(home)]);
  const env = { PATH: process.env["PATH"] ?? "", HOME: home, LC_ALL: "C.UTF-8" };
  const child = spawn(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
  const stdout: Buffer[] = [];
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const status = await new Promise<number | null>((resolve) => child.on("close", resolve));
  expect(await readdir(cwd), `files made by running a value (the canary is ${canary})`).toEqual([]);
  expect({ status, stderr: stderr.slice(0, 2000) }).toEqual({ status: 0, stderr: "" });
  return Buffer.concat(stdout);
}

/**
 * Compares `printenv -0 NAMES...; printf 'END\0'` per case, byte for byte, and lists the first
 * cases that differ.
 */
function expectPrintenvOutput(cases: readonly Case[], stdout: Buffer): void {
  const fields = splitNul(stdout);
  const mismatches: unknown[] = [];
  cases.forEach((item, caseIndex) => {
    const got = fields.slice(caseIndex * 7, caseIndex * 7 + 7);
    const want = [...expectedVariables(item.value), "END"].map((text) => Buffer.from(text));
    const same = got.length === 7 && got.every((field, index) => want[index]?.equals(field));
    if (!same) {
      mismatches.push({
        value: item.value,
        printed: item.text,
        read: got.map((field) => field.toString()),
      });
    }
  });
  expect(fields.length).toBe(cases.length * 7);
  expect(mismatches.slice(0, 3)).toEqual([]);
}

function splitNul(bytes: Buffer): Buffer[] {
  const fields: Buffer[] = [];
  let start = 0;
  for (let end = bytes.indexOf(0); end !== -1; end = bytes.indexOf(0, start)) {
    fields.push(bytes.subarray(start, end));
    start = end + 1;
  }
  return fields;
}

/** Compares the variables a library read with the expected values, by name. */
function expectRecords(cases: readonly Case[], records: readonly Record<string, unknown>[]): void {
  const mismatches = cases.flatMap((item, index) => {
    const got = names.map((name) => records[index]?.[name]);
    const same = JSON.stringify(got) === JSON.stringify(expectedVariables(item.value));
    return same ? [] : [{ value: item.value, printed: item.text, got }];
  });
  expect(records.length).toBe(cases.length);
  expect(mismatches.slice(0, 3)).toEqual([]);
}

const printenv = `printenv -0 ${names.join(" ")}; command printf 'END\\0'`;

/** A shell that evaluates each case file and prints the variables. */
interface ShellReader {
  readonly shell: string;
  readonly args: (script: string) => string[];
  readonly script: string;
}

function installed(command: string): boolean {
  return spawnSync("sh", ["-c", 'command -v "$1"', "sh", command]).status === 0;
}

/** How each shell is started: no startup files, the case files as "$@" or $argv. */
const start = {
  bash: (script: string) => ["--norc", "--noprofile", "-c", script, "bash"],
  zsh: (script: string) => ["-f", "-c", script, "zsh"],
  sh: (script: string) => ["-c", script, "sh"],
  fish: (script: string) => ["--no-config", "-c", script],
};

const posixLoop = (evaluate: string) => `for f in "$@"; do ${evaluate}; ${printenv}; done`;

// `eval "$(awsafe export p)"`, as the README shows (`$(<f)` is `$(cat f)` without a process).
const envReaders: readonly ShellReader[] = [
  { shell: "bash", args: start.bash, script: posixLoop('eval "$(<"$f")"') },
  { shell: "zsh", args: start.zsh, script: posixLoop('eval "$(<"$f")"') },
  { shell: "sh", args: start.sh, script: posixLoop('eval "$(cat "$f")"') },
];

const dotenvReaders: readonly ShellReader[] = (["sh", "bash", "zsh"] as const).map((shell) => ({
  shell,
  args: start[shell],
  script: `set -a; ${posixLoop('. "$f"')}`,
}));

// `awsafe export p --format fish | source`, one case file at a time.
const fishReader: ShellReader = {
  shell: "fish",
  args: start.fish,
  script: `for f in $argv; source $f; ${printenv}; end`,
};

function describeShellFormat(format: ExportFormat, readers: readonly ShellReader[]): void {
  const cases = casesOf(format);
  for (const reader of readers) {
    const missing = installed(reader.shell) ? undefined : `\`${reader.shell}\` is not installed`;
    const title = `${format} evaluated by ${reader.shell}: ${cases.accepted.length} values round-trip and nothing runs (${cases.refused.length} refused)`;
    describeWithRealThing(title, missing, () => {
      it("prints every variable byte for byte", async () => {
        const files = await writeCases(`${format}-${reader.shell}`, cases.accepted);
        const label = `${format}-${reader.shell}`;
        const stdout = await runReader(label, reader.shell, [
          ...reader.args(reader.script),
          ...files,
        ]);
        expectPrintenvOutput(cases.accepted, stdout);
      });
    });
  }
}

describe(`quoting property (seed ${seed}, ${values.length} values)`, () => {
  it.each(["env", "fish", "powershell", "dotenv", "ini", "json", "process"] as const)(
    "%s refuses exactly the values its rules name, with exit 78",
    (format) => {
      checkRefusals(format);
    },
  );
});

describeShellFormat("env", envReaders);
describeShellFormat("fish", [fishReader]);
describeShellFormat("dotenv", dotenvReaders);

describe(`dotenv read by Node's util.parseEnv: ${casesOf("dotenv").accepted.length} values round-trip`, () => {
  it("reads every variable exactly", () => {
    const cases = casesOf("dotenv").accepted;
    expectRecords(
      cases,
      cases.map(({ text }) => ({ ...parseEnv(text) })),
    );
  });
});

/**
 * The first Python that imports `module`: Debian's /usr/bin/python3 (the AWS CLI's own botocore;
 * CI installs python3-dotenv there), then python3 on PATH.
 */
function pythonWith(module: string): string | undefined {
  return ["/usr/bin/python3", "python3"].find(
    (python) => spawnSync(python, ["-c", `import ${module}`]).status === 0,
  );
}
const dotenvPython = pythonWith("dotenv");
const botocorePython = pythonWith("botocore.configloader");
const noPython = (module: string, python: string | undefined) =>
  python === undefined ? `no python3 here imports ${module}` : undefined;

describeWithRealThing(
  `dotenv read by python-dotenv (${dotenvPython ?? "-"}): ${casesOf("dotenv").accepted.length} values round-trip`,
  noPython("dotenv", dotenvPython),
  () => {
    it("reads every variable exactly, with interpolation on (its default)", async () => {
      const cases = casesOf("dotenv").accepted;
      const files = await writeCases("dotenv-python", cases);
      const script =
        "import json, sys, dotenv\nprint(json.dumps([dotenv.dotenv_values(f) for f in sys.argv[1:]]))";
      const stdout = await runReader("dotenv-python", dotenvPython ?? "python3", [
        "-c",
        script,
        ...files,
      ]);
      expectRecords(cases, JSON.parse(stdout.toString()) as Record<string, unknown>[]);
    });
  },
);

describe(`powershell read by a model of PowerShell's tokenizer: ${casesOf("powershell").accepted.length} values`, () => {
  it("prints printable ASCII only, and every line assigns exactly its value", () => {
    const cases = casesOf("powershell").accepted;
    const mismatches = cases.flatMap((item) => {
      const lines = item.text.trimEnd().split("\n");
      const read = lines.map((line) => readPowershellAssignment(line));
      const want = names.map((name, at) => ({ name, value: expectedVariables(item.value)[at] }));
      const ascii = /^[\x20-\x7E\n]*$/.test(item.text);
      return ascii && JSON.stringify(read) === JSON.stringify(want)
        ? []
        : [{ value: item.value, printed: item.text }];
    });
    expect(mismatches.slice(0, 3)).toEqual([]);
  });
});

const pwsh = installed("pwsh");
if (!pwsh)
  console.warn(
    "[skipped] powershell evaluated by pwsh: `pwsh` is not installed (not required, in CI either)",
  );
describe.skipIf(!pwsh)(
  `powershell evaluated by pwsh: ${casesOf("powershell").accepted.length} values round-trip and nothing runs${pwsh ? "" : " [skipped: pwsh is not installed]"}`,
  () => {
    it("prints every variable exactly", async () => {
      const cases = casesOf("powershell").accepted;
      const files = await writeCases("powershell", cases, ".ps1");
      // `awsafe export p --format powershell | Invoke-Expression`; values come back as base64 of
      // their UTF-8, so the console's encoding cannot change them.
      const script = [
        "$ErrorActionPreference = 'Stop'",
        "foreach ($f in $args) {",
        "  Invoke-Expression ([IO.File]::ReadAllText($f))",
        `  foreach ($n in ${names.map((name) => `'${name}'`).join(", ")}) {`,
        "    $v = [Environment]::GetEnvironmentVariable($n)",
        '    [Console]::Out.Write([Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes($v)) + "`n")',
        "  }",
        "}",
      ].join("\n");
      const stdout = await runReader("powershell", "pwsh", [
        "-NoProfile",
        "-NonInteractive",
        "-Command",
        script,
        ...files,
      ]);
      const lines = stdout.toString().split("\n");
      expectRecords(
        cases,
        cases.map((_, index) =>
          Object.fromEntries(
            names.map((name, at) => [
              name,
              Buffer.from(lines[index * names.length + at] ?? "", "base64").toString(),
            ]),
          ),
        ),
      );
    });
  },
);

/** The ini cases as one credentials file, one section each, and what each section must hold. */
function iniFile() {
  const cases = casesOf("ini").accepted;
  const text = cases.map(({ text }) => text).join("");
  const sections = Object.fromEntries(
    cases.map(({ index, value }) => {
      const fields = fieldsOf(value);
      return [
        `case-${index}`,
        {
          aws_access_key_id: fields.accessKeyId,
          aws_secret_access_key: fields.secretAccessKey,
          aws_session_token: fields.sessionToken,
          region: fields.region,
        },
      ];
    }),
  );
  return { cases, text, sections };
}

describeWithRealThing(
  `ini read by botocore (${botocorePython ?? "-"}): ${casesOf("ini").accepted.length} values round-trip (${casesOf("ini").refused.length} refused)`,
  noPython("botocore", botocorePython),
  () => {
    it("reads every section and key exactly, and nothing else", async () => {
      const { text, sections } = iniFile();
      const file = path.join(root, "credentials-botocore");
      await writeFile(file, text);
      const script =
        "import json, sys, botocore.configloader as c\nprint(json.dumps(c.raw_config_parse(sys.argv[1])))";
      const stdout = await runReader("ini-botocore", botocorePython ?? "python3", [
        "-c",
        script,
        file,
      ]);
      expect(JSON.parse(stdout.toString())).toEqual(sections);
    });
  },
);

describe(`ini read by the AWS SDK for JavaScript (fromIni): ${casesOf("ini").accepted.length} values`, () => {
  it("reads every profile's keys exactly", async () => {
    const { cases, text, sections } = iniFile();
    const filepath = path.join(root, "credentials-sdk");
    await writeFile(filepath, text);
    const configFilepath = path.join(root, "config-sdk");
    await writeFile(configFilepath, "");
    const mismatches = [];
    for (const { index, value } of cases) {
      const read = await fromIni({ profile: `case-${index}`, filepath, configFilepath })();
      const got = [read.accessKeyId, read.secretAccessKey, read.sessionToken];
      const want = sections[`case-${index}`];
      const expected = [
        want?.aws_access_key_id,
        want?.aws_secret_access_key,
        want?.aws_session_token,
      ];
      if (JSON.stringify(got) !== JSON.stringify(expected)) mismatches.push({ value, got });
    }
    expect(mismatches.slice(0, 3)).toEqual([]);
  });
});
