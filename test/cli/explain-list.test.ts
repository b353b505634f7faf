import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../support/conformance.js";
import { makeHome, runAwsafe } from "../support/run-awsafe.js";

const example = {
  config: readFileSync(join(repoRoot, "examples/aws/config"), "utf8"),
  credentials: readFileSync(join(repoRoot, "examples/aws/credentials"), "utf8"),
};

describe("awsafe explain", () => {
  it("plans MFA once with GetSessionToken, then AssumeRole from that session", () => {
    const run = runAwsafe(["explain", "admin-role"], makeHome(example));
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const steps = run.stdout.split("\n").filter((line) => /^\s+\d+\. /.test(line));
    expect(steps).toHaveLength(3);
    expect(steps[0]).toContain('keys ****MPLE of profile "assume-only"');
    expect(steps[1]).toContain(
      "GetSessionToken with MFA arn:aws:iam::123456789012:mfa/assume-only",
    );
    expect(steps[2]).toContain("AssumeRole arn:aws:iam::210987654321:role/AdminRole");
    expect(steps[2]).toContain(
      "for 1 h (at most 1 h: the role is assumed from temporary credentials)",
    );
    expect(run.stdout).not.toContain("wJalrXUtnFEMI");
  });

  it("prints the same plan as JSON, with the key id redacted", () => {
    const run = runAwsafe(["explain", "admin-role", "--json"], makeHome(example));
    expect(run.status).toBe(0);
    const json = JSON.parse(run.stdout) as { steps: { kind: string; accessKeyId?: string }[] };
    expect(json.steps.map((s) => s.kind)).toEqual(["staticKeys", "sessionToken", "assumeRole"]);
    expect(json.steps[0]?.accessKeyId).toBe("****MPLE");
  });

  it("skips the session step for a role session longer than the 1 h chaining cap", () => {
    const run = runAwsafe(["explain", "readonly-role", "--json"], makeHome(example));
    const json = JSON.parse(run.stdout) as { steps: { kind: string; mfaSerial?: string }[] };
    expect(json.steps.map((s) => s.kind)).toEqual(["staticKeys", "assumeRole"]);
    expect(json.steps[1]?.mfaSerial).toBe("arn:aws:iam::123456789012:mfa/assume-only");
  });

  it("uses AWS_PROFILE when no profile is named", () => {
    const run = runAwsafe(["explain"], makeHome(example), { AWS_PROFILE: "sso-dev" });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(
      "IAM Identity Center: role AdministratorAccess in account 111122223333",
    );
  });
});

describe("awsafe explain says what each step does", () => {
  const plainKeys =
    "[plain]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n";

  it("says a session without a device carries no MFA", () => {
    const run = runAwsafe(["explain", "plain"], makeHome({ credentials: plainKeys }));
    expect(run.status).toBe(0);
    const session = run.stdout.split("\n").find((line) => line.includes("GetSessionToken")) ?? "";
    expect(session).toContain("without MFA");
    expect(session).not.toContain("carries the MFA");
  });

  it("names the profile whose mfa_serial a step uses when it is not the step's own", () => {
    const run = runAwsafe(["explain", "admin-role"], makeHome(example));
    const session = run.stdout.split("\n").find((line) => line.includes("GetSessionToken")) ?? "";
    expect(session).toContain('mfa_serial of profile "admin-role"');
  });

  it("says the role above keys with a device of their own is assumed from their MFA session", () => {
    const home = makeHome({
      credentials: plainKeys,
      config:
        "[profile plain]\nmfa_serial = arn:aws:iam::123456789012:mfa/plain\n[profile role]\nrole_arn = arn:aws:iam::210987654321:role/AdminRole\nsource_profile = plain\n",
    });
    const run = runAwsafe(["explain", "role"], home);
    expect(run.status).toBe(0);
    const steps = run.stdout.split("\n").filter((line) => /^\s+\d+\. /.test(line));
    expect(steps[1]).toContain("GetSessionToken with MFA arn:aws:iam::123456789012:mfa/plain");
    expect(steps[2]).toContain("AssumeRole arn:aws:iam::210987654321:role/AdminRole");
  });

  it("says when the encrypted store is locked, so the plan leaves out the keys it holds", () => {
    const home = makeHome(example);
    const env = {
      AWSAFE_BACKEND: "file",
      AWSAFE_PROMPT: "none",
      AWSAFE_TEST_FILE_WORK_FACTOR: "10",
    };
    const added = runAwsafe(["add", "stored-only", "--env"], home, {
      ...env,
      AWSAFE_FILE_PASSPHRASE: "FAKE-passphrase",
      AWS_ACCESS_KEY_ID: "AKIAFAKETESTAAAAAAAA",
      AWS_SECRET_ACCESS_KEY: "FAKEtestFAKEtestFAKEtestFAKEtestFAKEtest",
    });
    expect(added.status).toBe(0);
    const run = runAwsafe(["explain", "admin-role"], home, env);
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/^note: .*store.age is locked/m);
    expect(run.stderr).toMatch(/^hint: .*AWSAFE_FILE_PASSPHRASE/m);
    const json = JSON.parse(runAwsafe(["explain", "admin-role", "--json"], home, env).stdout) as {
      store: { status: string };
    };
    expect(json.store.status).toBe("locked");
  });
});

describe("awsafe explain errors", () => {
  it("exits 78 with a did-you-mean hint for an unknown profile", () => {
    const run = runAwsafe(["explain", "admin-rol"], makeHome(example));
    expect(run.status).toBe(78);
    expect(run.stderr).toMatch(/^awsafe: .*"admin-rol"/);
    expect(run.stderr).toContain('"admin-role"');
    expect(run.stderr).toMatch(/^hint: /m);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it("exits 78 naming the cycle", () => {
    const home = makeHome({
      config:
        "[profile a]\nrole_arn = arn:aws:iam::123456789012:role/A\nsource_profile = b\n[profile b]\nrole_arn = arn:aws:iam::123456789012:role/B\nsource_profile = a\n",
    });
    const run = runAwsafe(["explain", "a"], home);
    expect(run.status).toBe(78);
    expect(run.stderr).toMatch(/a -> b -> a/);
  });

  it("exits 78 naming both profiles when the source is missing", () => {
    const home = makeHome({
      config:
        "[profile a]\nrole_arn = arn:aws:iam::123456789012:role/A\nsource_profile = nowhere\n",
    });
    const run = runAwsafe(["explain", "a"], home);
    expect(run.status).toBe(78);
    expect(run.stderr).toContain('"a"');
    expect(run.stderr).toContain('"nowhere"');
  });

  it("exits 78 with file and line for a malformed file", () => {
    const home = makeHome({ config: "[profile a]\nregion = eu-west-1\nbroken line\n" });
    const run = runAwsafe(["explain", "a"], home);
    expect(run.status).toBe(78);
    expect(run.stderr).toContain(`${join(home, ".aws/config")}:3: Expected an '=' sign`);
  });

  it("exits 64 on an unknown option, without a stack trace", () => {
    const run = runAwsafe(["explain", "--frobnicate"], makeHome(example));
    expect(run.status).toBe(64);
    expect(run.stderr).toMatch(/^awsafe: unknown option '--frobnicate'/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});

describe("awsafe list", () => {
  it("shows every profile, its region and where its credentials come from", () => {
    const run = runAwsafe(["list"], makeHome(example));
    expect(run.status).toBe(0);
    const rows = run.stdout.trim().split("\n");
    expect(rows[0]).toMatch(/^PROFILE\s+REGION\s+CREDENTIALS$/);
    const row = (name: string) => rows.find((line) => line.startsWith(`${name} `)) ?? "";
    expect(row("assume-only")).toMatch(/eu-west-1\s+static keys in plain text with MFA$/);
    expect(row("admin-role")).toMatch(
      /role arn:aws:iam::210987654321:role\/AdminRole via assume-only with MFA$/,
    );
    expect(row("sso-dev")).toMatch(/us-east-1\s+SSO AdministratorAccess in 111122223333$/);
    // A [default] with a region only is settings, not a fault.
    expect(row("default")).toMatch(/^default\s+eu-west-1\s+none \(settings only\)$/);
  });

  it("keeps listing when one profile is broken, and says why in JSON", () => {
    const home = makeHome({
      config:
        "[profile ok]\ncredential_process = /bin/true\n[profile bad]\nrole_arn = arn:aws:iam::123456789012:role/A\nsource_profile = gone\n",
    });
    const run = runAwsafe(["list", "--json"], home);
    expect(run.status).toBe(0);
    const json = JSON.parse(run.stdout) as {
      profiles: { name: string; status: string; error?: string }[];
    };
    expect(json.profiles.map((p) => [p.name, p.status])).toEqual([
      ["bad", "error"],
      ["ok", "ok"],
    ]);
    expect(json.profiles[0]?.error).toContain('"gone"');
  });

  it("reports constructs the AWS CLI reads differently as warnings on stderr", () => {
    const home = makeHome({ config: "[profile a]\nregion = eu-west-1 # Ireland\n" });
    const run = runAwsafe(["list"], home);
    expect(run.status).toBe(0);
    expect(run.stderr).toContain(`warning: ${join(home, ".aws/config")}:2:`);
  });
});

describe("awsafe list of a very large config", () => {
  it("lists 200,000 profiles without crashing (no spread of every row into one call)", () => {
    const config = Array.from(
      { length: 200_000 },
      (_, i) => `[profile p${String(i)}]\nregion = eu-west-1\n`,
    ).join("");
    const run = runAwsafe(["list", "--backend", "file"], makeHome({ config }));
    expect(run.stderr).not.toContain("Maximum call stack");
    expect(run.status).toBe(0);
    expect(run.stdout.split("\n").filter(Boolean)).toHaveLength(200_001);
  }, 60_000);
});
