import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { makeHome, runAwsafe } from "../support/run-awsafe.js";

const config = `# team config — keep this comment
[default]
region = eu-west-1

; the user behind the keys
[profile assume-only]
mfa_serial = arn:aws:iam::123456789012:mfa/assume-only
`;
const credentials =
  "# keys\n[assume-only]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = example-secret\n";

const roleArgs = [
  "--role-arn",
  "arn:aws:iam::210987654321:role/AdminRole",
  "--source-profile",
  "assume-only",
  "--mfa-serial",
  "arn:aws:iam::123456789012:mfa/assume-only",
  "--region",
  "eu-west-1",
];

describe("awsafe configure", () => {
  it("adds a role profile, keeping every line that was there", () => {
    const home = makeHome({ config, credentials });
    const run = runAwsafe(["configure", "admin-role", ...roleArgs], home);
    expect(run.stderr).toContain('configured profile "admin-role"');
    expect(run.status).toBe(0);
    const after = readFileSync(join(home, ".aws/config"), "utf8");
    expect(after.startsWith(config)).toBe(true);
    expect(after.slice(config.length)).toBe(
      "[profile admin-role]\nrole_arn = arn:aws:iam::210987654321:role/AdminRole\nsource_profile = assume-only\nmfa_serial = arn:aws:iam::123456789012:mfa/assume-only\nregion = eu-west-1\n",
    );
    expect(statSync(join(home, ".aws/config")).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(home, ".aws/credentials"), "utf8")).toBe(credentials);

    const explain = runAwsafe(["explain", "admin-role", "--json"], home);
    const plan = JSON.parse(explain.stdout) as { steps: { kind: string }[] };
    expect(plan.steps.map((s) => s.kind)).toEqual(["staticKeys", "sessionToken", "assumeRole"]);
  });

  it("updates a value in place and leaves comments and other keys alone", () => {
    const home = makeHome({ config, credentials });
    const run = runAwsafe(["configure", "default", "--region", "us-east-2"], home);
    expect(run.status).toBe(0);
    expect(readFileSync(join(home, ".aws/config"), "utf8")).toBe(
      config.replace("region = eu-west-1", "region = us-east-2"),
    );
  });

  it("adds a key above the comment that heads the next profile", () => {
    const before =
      "[profile u]\nregion = us-east-1\n\n# admin role: MFA\n[profile r]\nregion = us-east-1\n";
    const home = makeHome({ config: before });
    const run = runAwsafe(["configure", "u", "--output", "json"], home);
    expect(run.status).toBe(0);
    expect(readFileSync(join(home, ".aws/config"), "utf8")).toBe(
      before.replace("region = us-east-1\n", "region = us-east-1\noutput = json\n"),
    );
  });

  it("creates the files when there are none", () => {
    const home = makeHome();
    const run = runAwsafe(["configure", "p", "--credential-process", "/usr/bin/true"], home);
    expect(run.status).toBe(0);
    expect(readFileSync(join(home, ".aws/config"), "utf8")).toBe(
      "[profile p]\ncredential_process = /usr/bin/true\n",
    );
  });

  it("warns, but writes, when the source profile does not exist yet", () => {
    const home = makeHome();
    const run = runAwsafe(
      [
        "configure",
        "r",
        "--role-arn",
        "arn:aws:iam::210987654321:role/R",
        "--source-profile",
        "later",
      ],
      home,
    );
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/warning: the profile cannot be used yet: .*"later"/);
  });

  it.each([
    [["--role-arn", "not-an-arn"], /role_arn "not-an-arn" .* is not an IAM role ARN/],
    [["--duration-seconds", "99999"], /outside 900\.\.43200/],
    [
      ["--source-profile", "a", "--credential-source", "Environment"],
      /both source_profile and credential_source/,
    ],
    [["--region", "eu west"], /is not a region code/],
    [["--session-tags", "noequals"], /session_tags entry "noequals", which is not Key=Value/],
  ])(
    "rejects bad values given on the command line as usage errors, before writing: %j",
    (args, message) => {
      const home = makeHome({ config, credentials });
      const run = runAwsafe(["configure", "assume-only", ...args], home);
      expect(run.status).toBe(64);
      expect(run.stderr).toMatch(message);
      expect(readFileSync(join(home, ".aws/config"), "utf8")).toBe(config);
    },
  );

  it.each(["my profile", "a]b", "__proto__"])(
    "refuses the profile name %j, which not every AWS tool can read, as a usage error",
    (name) => {
      const home = makeHome({ config });
      const run = runAwsafe(["configure", name, "--region", "eu-west-1"], home);
      expect(run.status).toBe(64);
      expect(run.stderr).toMatch(/^awsafe: .*is not a profile name every AWS tool can read/m);
      expect(readFileSync(join(home, ".aws/config"), "utf8")).toBe(config);
    },
  );

  it("exits 64 when no setting is given", () => {
    const run = runAwsafe(["configure", "x"], makeHome());
    expect(run.status).toBe(64);
    expect(run.stderr).toMatch(/^awsafe: nothing to configure/);
  });

  it("refuses to touch a malformed file and names its line", () => {
    const broken = "[profile a]\nregion : eu-west-1\n";
    const home = makeHome({ config: broken });
    const run = runAwsafe(["configure", "a", "--region", "us-east-1"], home);
    expect(run.status).toBe(78);
    expect(run.stderr).toContain(":2: Expected an '=' sign");
    expect(run.stderr).toMatch(/hint: .*':'/);
    expect(readFileSync(join(home, ".aws/config"), "utf8")).toBe(broken);
  });
});
