import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  conformanceRoot,
  readConformanceJson,
  repoRoot,
} from "../../../../test/support/conformance.js";
import { randomIniFile, seededRandom } from "../../../../test/support/random-ini-file.js";
import type { StoreView } from "../../../runtime/inspect-store.js";
import { noTestHooks } from "../../../runtime/test-hooks.js";
import type { CliIo } from "../../io.js";
import { printProfileTable } from "./print-profile-table.js";

// The differential test of `list`'s cache: for every config below, each way the store can be
// seen and with and without colours, the table printed with the cache off (made straight from
// the files, as before the cache) must be byte for byte what a first cached run (a miss, which
// writes the entry) and a second one (a hit, which reads nothing else) print.

interface SharedFiles {
  readonly config?: string | undefined;
  readonly credentials?: string | undefined;
}

const planted = {
  keyId: "AKIAPLANTEDKEY000001",
  secret: "PLANTEDsecretPLANTEDsecretPLANTEDsecret1",
  token: "PLANTEDsessionTOKEN",
};

const homes = mkdtempSync(path.join(tmpdir(), "awsafe-list-cache-"));
afterAll(() => {
  rmSync(homes, { recursive: true, force: true });
});

describe("list's table with and without its cache", () => {
  const configs = corpusConfigs();

  it("covers the corpora, the examples and generated configs", () => {
    expect(configs.length).toBeGreaterThan(340);
  });

  it("prints the same, byte for byte, for every config, store and colour", async () => {
    let hits = 0;
    for (const [index, [name, files]] of configs.entries()) {
      const home = writeHome(String(index), files);
      const profiles = profileNamesOf(files);
      for (const store of storeViews(profiles)) {
        for (const tty of [false, true]) {
          const off = await run(home, store, tty, false);
          const miss = await run(home, store, tty, true);
          const hit = await run(home, store, tty, true);
          const what = `${name} (${store.status}, ${tty ? "colour" : "plain"})`;
          expect({ what, ...miss.output }).toEqual({ what, ...off.output });
          expect({ what, ...hit.output }).toEqual({ what, ...off.output });
          // A config that fails to load is never cached; every other one is read back.
          if (off.output.error === undefined) {
            expect(hit.debug, what).toContain("hit");
            hits++;
          } else {
            expect(hit.debug, what).toContain("miss");
          }
        }
      }
      const cached = cacheText(home);
      for (const secret of Object.values(planted)) expect(cached, name).not.toContain(secret);
    }
    expect(hits).toBeGreaterThan(2000);
  }, 600_000);
});

/** One run of the table: what it printed (or threw) and what `--debug` said of the cache. */
async function run(
  home: string,
  store: StoreView,
  tty: boolean,
  cache: boolean,
): Promise<{ output: { stdout: string; stderr: string; error?: string }; debug: string }> {
  let stdout = "";
  let stderr = "";
  const debug: string[] = [];
  const io: CliIo = {
    env: { HOME: home, ...(cache ? {} : { AWSAFE_LIST_CACHE: "off" }) },
    platform: { platform: "linux", homedir: () => home },
    prompter: {
      canPrompt: () => false,
      secret: () => Promise.reject(new Error("no prompt")),
      confirm: () => Promise.reject(new Error("no prompt")),
    },
    // The files were all written just now: awsafe's clock is moved past the racy window.
    now: () => new Date(Date.now() + 60_000),
    hooks: noTestHooks,
    selfCommand: ["awsafe"],
    notice: () => undefined,
    debug: (line) => debug.push(line),
    stdout: Object.assign(
      { write: (chunk: string) => (stdout += chunk) },
      tty ? { isTTY: true } : {},
    ),
    stderr: { write: (chunk: string | Uint8Array) => (stderr += text(chunk)) },
  };
  try {
    await printProfileTable(io, store);
    return { output: { stdout, stderr }, debug: debug.join("\n") };
  } catch (error) {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return { output: { stdout, stderr, error: message }, debug: debug.join("\n") };
  }
}

function text(chunk: string | Uint8Array): string {
  return typeof chunk === "string"
    ? chunk
    : new TextDecoder("utf-8", { fatal: true }).decode(chunk);
}

/** The store as `list` may find it: empty, with keys (of profiles and of others), locked, failing. */
function storeViews(profiles: readonly string[]): StoreView[] {
  const keyIds = new Map<string, string>();
  profiles.forEach((name, index) => {
    if (index % 3 === 0) keyIds.set(name, `AKIASTORED${String(index).padStart(10, "0")}`);
  });
  keyIds.set("stored-only", "AKIASTOREDONLY000001");
  keyIds.set("a-profile-with-a-long-name-that-only-the-store-knows", "AKIASTOREDONLY000002");
  const open = { status: "open", backend: "file", source: "env", location: "/s" } as const;
  return [
    { ...open, keyIds: new Map() },
    { ...open, keyIds },
    { status: "locked", backend: "file", source: "default", message: "locked", hint: "unlock" },
    {
      status: "unavailable",
      backend: "keychain",
      source: "flag",
      message: "gone",
      hint: undefined,
    },
  ];
}

function writeHome(name: string, files: SharedFiles): string {
  const home = path.join(homes, name);
  mkdirSync(path.join(home, ".aws"), { recursive: true });
  if (files.config !== undefined) writeFileSync(path.join(home, ".aws/config"), files.config);
  if (files.credentials !== undefined) {
    writeFileSync(path.join(home, ".aws/credentials"), files.credentials);
  }
  return home;
}

function cacheText(home: string): string {
  const dir = path.join(home, ".cache/awsafe");
  const names = (() => {
    try {
      return readdirSync(dir);
    } catch {
      return [];
    }
  })();
  return names.map((name) => readFileSync(path.join(dir, name), "utf8")).join("\n");
}

/** Section names that look like profiles, for choosing some to have stored keys. */
function profileNamesOf(files: SharedFiles): string[] {
  const text = `${files.config ?? ""}\n${files.credentials ?? ""}`;
  const names = [...text.matchAll(/^\[(?:profile\s+)?([^\]\s]+)\s*\]/gm)].map((match) => match[1]);
  return [...new Set(names.filter((name) => name !== undefined))].sort();
}

function corpusConfigs(): [string, SharedFiles][] {
  return [
    ...parserSuite(
      "smithy-python/packages/smithy-aws-core/tests/unit/config/test-data/config-file-parser-tests.json",
    ),
    ...parserSuite("smithy-rs/aws/rust-runtime/aws-runtime/test-data/profile-parser-tests.json"),
    ...assumeRoleSuite(),
    ...botocoreFiles(),
    [
      "examples/aws",
      {
        config: readFileSync(path.join(repoRoot, "examples/aws/config"), "utf8"),
        credentials: readFileSync(path.join(repoRoot, "examples/aws/credentials"), "utf8"),
      },
    ],
    ["no files", {}],
    ["empty files", { config: "", credentials: "" }],
    ...Array.from({ length: 40 }, (_, seed): [string, SharedFiles] => {
      const random = seededRandom(seed);
      const config = randomIniFile(random, { crlf: true }).text;
      const credentials = randomIniFile(random, { crlf: true }).text;
      return [`random INI ${String(seed)}`, { config, credentials }];
    }),
    ...Array.from({ length: 80 }, (_, seed): [string, SharedFiles] => [
      `generated profiles ${String(seed)}`,
      generatedProfiles(seed),
    ]),
  ];
}

function parserSuite(file: string): [string, SharedFiles][] {
  const suite = readConformanceJson(file) as {
    tests: { name: string; input: { configFile?: string; credentialsFile?: string } }[];
  };
  return suite.tests.map((test) => [
    `${file.split("/")[0] ?? ""}: ${test.name}`,
    { config: test.input.configFile, credentials: test.input.credentialsFile },
  ]);
}

function assumeRoleSuite(): [string, SharedFiles][] {
  const suite = readConformanceJson(
    "smithy-rs/aws/rust-runtime/aws-config/test-data/assume-role-tests.json",
  ) as { docs: string; input: { profiles: Record<string, Record<string, string>> } }[];
  return suite.map((test) => {
    const sections = Object.entries(test.input.profiles).map(([name, settings]) => {
      const lines = Object.entries(settings).map(([key, value]) => `${key} = ${value}`);
      return [name === "default" ? "[default]" : `[profile ${name}]`, ...lines].join("\n");
    });
    return [`assume-role: ${test.docs}`, { config: `${sections.join("\n\n")}\n` }];
  });
}

function botocoreFiles(): [string, SharedFiles][] {
  const dir = path.join(conformanceRoot, "botocore/tests/unit/cfg");
  const credentials = readFileSync(path.join(dir, "aws_credentials"), "utf8");
  return readdirSync(dir).map((name) => [
    `botocore: ${name}`,
    { config: readFileSync(path.join(dir, name), "latin1"), credentials },
  ]);
}

/**
 * Profiles of every kind `list` describes, broken ones among them (missing and cyclic sources,
 * half a key pair, settings only), with warnings (duplicates, inline comments), names the
 * columns must fit (long, non-ASCII) and keys planted in plain text that the cache must not copy.
 */
function generatedProfiles(seed: number): SharedFiles {
  const random = seededRandom(1000 + seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const count = 1 + Math.floor(random() * (seed % 10 === 0 ? 400 : 25));
  const names = Array.from({ length: count }, (_, i) =>
    pick(["p", "prod-", "ünï-", "x".repeat(1 + Math.floor(random() * 40)), "dev_"]).concat(
      String(i),
    ),
  );
  const config: string[] = [
    "[sso-session corp]",
    "sso_start_url = https://x.awsapps.com/start",
    "sso_region = eu-west-1",
  ];
  const credentials: string[] = [];
  names.forEach((name, i) => {
    const header = name === "p0" ? "[default]" : `[profile ${name}]`;
    const source = pick([...names, "missing-source"]);
    const region = pick([
      "",
      "region = eu-west-1",
      "region = ap-southeast-2",
      "region = us-gov-west-1 # gov",
    ]);
    const body = pick([
      () => {
        credentials.push(
          `[${name}]`,
          `aws_access_key_id = ${planted.keyId}`,
          `aws_secret_access_key = ${planted.secret}`,
        );
        if (random() < 0.3) credentials.push(`aws_session_token = ${planted.token}`);
        return [];
      },
      () => [`aws_secret_access_key = ${planted.secret}`],
      () => [
        `role_arn = arn:aws:iam::123456789012:role/R${String(i)}`,
        `source_profile = ${source}`,
      ],
      () => [
        `role_arn = arn:aws:iam::123456789012:role/M${String(i)}`,
        `source_profile = ${source}`,
        "mfa_serial = arn:aws:iam::123456789012:mfa/me",
        `duration_seconds = ${pick(["3600", "7200", "43200", "nope"])}`,
      ],
      () => [
        `role_arn = arn:aws:iam::123456789012:role/C${String(i)}`,
        `credential_source = ${pick(["Environment", "Ec2InstanceMetadata", "EcsContainer", "Bogus"])}`,
      ],
      () => ["sso_session = corp", "sso_account_id = 111122223333", "sso_role_name = ReadOnly"],
      () => ["sso_session = nowhere", "sso_account_id = 111122223333", "sso_role_name = ReadOnly"],
      () => ["credential_process = /usr/bin/true"],
      () => [
        `role_arn = arn:aws:iam::123456789012:role/W${String(i)}`,
        "web_identity_token_file = /tmp/token",
      ],
      () => [],
      () => ["output = json"],
    ])();
    config.push(header, ...body, region);
    if (random() < 0.05) config.push(header, "output = text");
    if (random() < 0.05)
      config.push(`aws_access_key_id = ${planted.keyId}`, `aws_access_key_id = ${planted.keyId}`);
  });
  return { config: `${config.join("\n")}\n`, credentials: `${credentials.join("\n")}\n` };
}
