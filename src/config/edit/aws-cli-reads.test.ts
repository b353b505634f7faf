import { execFile, spawnSync } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setProfileProperties, type SharedConfigFiles } from "./set-profile-properties.js";
import { updateIniSection } from "./update-ini-section.js";

/**
 * End-to-end checks against the real AWS CLI: it must read back every value awsafe writes, and
 * `aws configure set` must produce the same bytes as {@link updateIniSection}. Each CLI start
 * costs most of a second, so the cases are few and chosen to hit the placement rules.
 */

const run = promisify(execFile);

let root: string;
let files: SharedConfigFiles;

/** A clean environment: nothing from the developer's own AWS setup may leak in. */
function cliEnv(home: string, configFile: string, credentialsFile: string): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? "",
    HOME: home,
    LC_ALL: "C.UTF-8",
    AWS_CONFIG_FILE: configFile,
    AWS_SHARED_CREDENTIALS_FILE: credentialsFile,
  };
}

function probeAws(): string | undefined {
  const probe = spawnSync("aws", ["--version"], {
    encoding: "utf8",
    env: cliEnv(tmpdir(), "/nonexistent", "/nonexistent"),
  });
  if (probe.error !== undefined) return `aws CLI not runnable: ${probe.error.message}`;
  if (probe.status !== 0)
    return `aws --version exited ${String(probe.status)}: ${probe.stderr.trim()}`;
  return undefined;
}

const missing = probeAws();
const required = process.env.CI !== undefined && process.env.CI !== "";
if (missing !== undefined && !required)
  console.warn(`Skipping the AWS CLI end-to-end tests: ${missing}`);

async function awsGet(
  key: string,
  profile: string,
  on: SharedConfigFiles = files,
): Promise<string> {
  const { stdout } = await run("aws", ["configure", "get", key, "--profile", profile], {
    env: cliEnv(root, on.configFile, on.credentialsFile),
    cwd: root,
  });
  return stdout.replace(/\r?\n$/, "");
}

it.runIf(required)("has the aws CLI, which CI installs", () => {
  expect(missing).toBeUndefined();
});

describe.skipIf(missing !== undefined)(
  `the real AWS CLI${missing === undefined ? "" : ` (skipped: ${missing})`}`,
  () => {
    beforeAll(async () => {
      root = await mkdtemp(path.join(tmpdir(), "awsafe-aws-cli-"));
      files = {
        configFile: path.join(root, ".aws", "config"),
        credentialsFile: path.join(root, ".aws", "credentials"),
      };
    });
    afterAll(async () => {
      await rm(root, { recursive: true, force: true });
    });

    it("reads back what setProfileProperties wrote, for the default and named profiles", async () => {
      await mkdir(path.dirname(files.configFile), { recursive: true });
      await writeFile(
        files.configFile,
        '# my settings\n[default]\noutput = text\n\n[profile "quoted"]\nregion = us-east-1\n; old note\n\n[profile other]\nregion = ap-south-1\n',
      );
      await writeFile(files.credentialsFile, "[other]\r\naws_access_key_id = AKIAOTHERFAKE\r\n");
      const writes: readonly (readonly [string, Record<string, string>])[] = [
        [
          "default",
          {
            region: "us-west-2",
            output: "json",
            aws_access_key_id: "AKIAEXAMPLEFAKE0001",
            aws_secret_access_key: "FAKE/secret+key=EXAMPLE",
          },
        ],
        ["quoted", { region: "eu-west-1", cli_pager: "x#y;z" }],
        [
          "dev",
          {
            role_arn: "arn:aws:iam::123456789012:role/Test",
            source_profile: "default",
            mfa_serial: "arn:aws:iam::123456789012:mfa/test",
          },
        ],
        ["team/app@corp.example", { region: "eu-central-1", aws_session_token: "FAKE-TOKEN=" }],
      ];
      for (const [profile, values] of writes) await setProfileProperties(files, profile, values);
      const expectations = writes.flatMap(([profile, values]) =>
        Object.entries(values).map(([key, value]) => [profile, key, value] as const),
      );
      expectations.push(
        ["other", "region", "ap-south-1"],
        ["other", "aws_access_key_id", "AKIAOTHERFAKE"],
      );
      // Two at a time: the machine has two cores and each CLI start is mostly CPU.
      for (let i = 0; i < expectations.length; i += 2) {
        const batch = expectations.slice(i, i + 2);
        const read = await Promise.all(batch.map(([profile, key]) => awsGet(key, profile)));
        expect(read).toEqual(batch.map(([, , value]) => value));
      }
    }, 120_000);

    it("reads keys added above the comments that head the next section, or end the file", async () => {
      const own = {
        configFile: path.join(root, "comments-config"),
        credentialsFile: path.join(root, "comments-credentials"),
      };
      await writeFile(
        own.configFile,
        "[profile u]\nregion = us-east-1\n\n# admin role: MFA\n[profile r]\nregion = us-east-2\n; owner = team-b\n[profile last]\nregion = eu-west-1\n\n#key=value\n",
      );
      for (const [profile, output] of [
        ["u", "json"],
        ["r", "text"],
        ["last", "yaml"],
      ] as const) {
        await setProfileProperties(own, profile, { output });
      }
      const expected = [
        ["u", "region", "us-east-1"],
        ["u", "output", "json"],
        ["r", "region", "us-east-2"],
        ["r", "output", "text"],
        ["last", "region", "eu-west-1"],
        ["last", "output", "yaml"],
      ] as const;
      for (let i = 0; i < expected.length; i += 2) {
        const batch = expected.slice(i, i + 2);
        const read = await Promise.all(batch.map(([profile, key]) => awsGet(key, profile, own)));
        expect(read).toEqual(batch.map(([, , value]) => value));
      }
      // A comment that looks like a setting stays a comment for the CLI.
      await expect(awsGet("key", "last", own)).rejects.toMatchObject({ code: 1 });
    }, 120_000);

    const setCases: readonly (readonly [
      name: string,
      before: string,
      args: readonly string[],
      section: string,
      update: Record<string, string | Record<string, string>>,
    ])[] = [
      [
        "a new key in a last section followed by blank lines",
        "# mine\n[default]\nregion = us-east-1\n\n[profile dev]\noutput = json\n\n\n",
        ["region", "eu-west-1", "--profile", "dev"],
        "profile dev",
        { region: "eu-west-1" },
      ],
      [
        "an existing key written without spaces, followed by a comment",
        "[default]\nregion=us-east-1\n# trailing comment\n[profile dev]\nregion = x",
        ["region", "eu-west-1", "--profile", "default"],
        "default",
        { region: "eu-west-1" },
      ],
      [
        "a new section after a file without a final newline",
        "[profile dev]\nregion = x",
        ["output", "json", "--profile", "new"],
        "profile new",
        { output: "json" },
      ],
      [
        "a nested sub-property added to an existing sub-section",
        "[default]\ns3 =\n    addressing_style = path\nregion = x\n",
        ["default.s3.signature_version", "s3v4"],
        "default",
        { s3: { signature_version: "s3v4" } },
      ],
    ];
    for (const [name, before, args, section, update] of setCases) {
      it(`aws configure set writes the same bytes as updateIniSection: ${name}`, async () => {
        const configFile = path.join(
          root,
          `set-${String(setCases.findIndex((c) => c[0] === name))}`,
        );
        await writeFile(configFile, before);
        await run("aws", ["configure", "set", ...args], {
          env: cliEnv(root, configFile, path.join(root, "no-credentials")),
          cwd: root,
        });
        expect(updateIniSection(before, section, update)).toBe(await readFile(configFile, "utf8"));
      }, 60_000);
    }
  },
);
