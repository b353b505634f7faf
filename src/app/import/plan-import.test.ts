import { describe, expect, it } from "vitest";
import { fakeKey } from "../../../test/support/fake-keys.js";
import { ConfigError, UsageError } from "../../errors.js";
import { ConfigParseError } from "../../config/parse/config-parse-error.js";
import { planImport, type ImportFiles } from "./plan-import.js";

const line = (profile: string): string =>
  `/usr/bin/node /opt/awsafe/cli.js credential-process ${profile}`;
const a = fakeKey();
const b = fakeKey();

function files(credentials: string | undefined, config?: string): ImportFiles {
  return {
    configFile: "/h/.aws/config",
    credentialsFile: "/h/.aws/credentials",
    config,
    credentials,
  };
}

function after(plan: ReturnType<typeof planImport>, file: string): string | undefined {
  return plan.changes.find((change) => change.file === file)?.after;
}

describe("planImport", () => {
  const seed = [
    "# Keys of the team, do not share",
    "[dev]",
    "# the dev user",
    `aws_access_key_id = ${a.accessKeyId}`,
    `aws_secret_access_key = ${a.secretAccessKey}`,
    "region = eu-west-1",
    "",
    "[prod]  ; production",
    `AWS_ACCESS_KEY_ID=${b.accessKeyId}`,
    `aws_secret_access_key=${b.secretAccessKey}`,
    "",
  ].join("\n");

  it("removes both profiles' keys, keeps every comment and other line, wires credential_process", () => {
    const plan = planImport(files(seed), [], line);
    expect(plan.candidates.map((c) => [c.profile, c.accessKeyId])).toEqual([
      ["dev", a.accessKeyId],
      ["prod", b.accessKeyId],
    ]);
    expect(after(plan, "/h/.aws/credentials")).toBe(
      [
        "# Keys of the team, do not share",
        "[dev]",
        "# the dev user",
        "region = eu-west-1",
        "",
        "[prod]  ; production",
        "",
      ].join("\n"),
    );
    expect(after(plan, "/h/.aws/config")).toBe(
      `[profile dev]\ncredential_process = ${line("dev")}\n[profile prod]\ncredential_process = ${line("prod")}\n`,
    );
  });

  it("wires credential_process above a comment with `=` that heads the next section", () => {
    const config = "[profile dev]\nregion = eu-west-1\n\n; owner = team-b\n[profile other]\n";
    const plan = planImport(files(seed, config), ["dev"], line);
    expect(after(plan, "/h/.aws/config")).toBe(
      `[profile dev]\nregion = eu-west-1\ncredential_process = ${line("dev")}\n\n; owner = team-b\n[profile other]\n`,
    );
  });

  it("plans nothing on its own output (idempotent) and names the profiles already done", () => {
    const first = planImport(files(seed), [], line);
    const again = planImport(
      files(after(first, "/h/.aws/credentials"), after(first, "/h/.aws/config")),
      [],
      line,
    );
    expect(again.candidates).toEqual([]);
    expect(again.changes).toEqual([]);
    expect(again.alreadyImported).toEqual(["dev", "prod"]);
  });

  it("finishes a half-done import: config already rewired, credentials still holding the keys", () => {
    const first = planImport(files(seed), [], line);
    const again = planImport(files(seed, after(first, "/h/.aws/config")), [], line);
    expect(again.candidates.map((c) => c.profile)).toEqual(["dev", "prod"]);
    expect(again.changes.map((c) => c.file)).toEqual(["/h/.aws/credentials"]);
  });

  it("imports only the named profiles", () => {
    const plan = planImport(files(seed), ["prod"], line);
    expect(plan.candidates.map((c) => c.profile)).toEqual(["prod"]);
    expect(after(plan, "/h/.aws/credentials")).toContain(a.secretAccessKey);
    expect(after(plan, "/h/.aws/credentials")).not.toContain(b.secretAccessKey);
  });

  it("takes keys from the config file too, and writes into an existing [default]", () => {
    const config = `[default]\nregion = us-east-1\naws_access_key_id = ${a.accessKeyId}\naws_secret_access_key = ${a.secretAccessKey}\n`;
    const plan = planImport(files(undefined, config), [], line);
    expect(plan.candidates.map((c) => c.profile)).toEqual(["default"]);
    expect(after(plan, "/h/.aws/config")).toBe(
      `[default]\nregion = us-east-1\ncredential_process = ${line("default")}\n`,
    );
    expect(plan.changes).toHaveLength(1);
  });

  it("keeps the role settings of a profile that has keys and role_arn (a source profile)", () => {
    const config =
      "[profile base]\nrole_arn = arn:aws:iam::123456789012:role/R\nsource_profile = base\n";
    const credentials = `[base]\naws_access_key_id = ${a.accessKeyId}\naws_secret_access_key = ${a.secretAccessKey}\n`;
    const plan = planImport(files(credentials, config), [], line);
    expect(plan.candidates[0]?.keepsRole).toBe(true);
    expect(after(plan, "/h/.aws/config")).toBe(`${config}credential_process = ${line("base")}\n`);
  });

  it.each([
    ["temporary keys", `aws_session_token = FAKE-token\n`, "temporary"],
    ["SSO settings", "sso_session = corp\n", "SSO"],
    ["its own credential_process", "credential_process = /bin/echo\n", "own credential_process"],
  ])("skips a profile with %s and says why", (_name, extra, reason) => {
    const credentials = `[p]\naws_access_key_id = ${a.accessKeyId}\naws_secret_access_key = ${a.secretAccessKey}\n${extra}`;
    const plan = planImport(files(credentials), [], line);
    expect(plan.candidates).toEqual([]);
    expect(plan.changes).toEqual([]);
    expect(plan.skipped[0]?.reason).toContain(reason);
  });

  it("skips half a key pair", () => {
    const plan = planImport(files(`[p]\naws_access_key_id = ${a.accessKeyId}\n`), [], line);
    expect(plan.skipped.map((skip) => [skip.profile, skip.reason.includes("one half")])).toEqual([
      ["p", true],
    ]);
  });

  it("rejects a named profile that does not exist, naming the known ones", () => {
    const error = catchError(() => planImport(files(seed), ["stage"], line));
    expect(error).toBeInstanceOf(UsageError);
    expect(error instanceof UsageError ? error.hint : "").toContain("dev, prod");
  });

  it("rejects a malformed file with its path and line", () => {
    const error = catchError(() => planImport(files("[dev]\nbroken\n"), [], line));
    expect(error).toBeInstanceOf(ConfigParseError);
    expect(String(error)).toMatch(/Error: \/h\/\.aws\/credentials:2: /);
  });

  it("refuses a file with a byte-order mark, which the AWS CLI cannot read", () => {
    const error = catchError(() => planImport(files(`\uFEFF${seed}`), [], line));
    expect(error).toBeInstanceOf(ConfigError);
  });

  it("refuses a credential_process value the shared-file readers would cut short", () => {
    const bad = (profile: string): string => `/opt/my #awsafe/cli.js credential-process ${profile}`;
    expect(() => planImport(files(seed), [], bad)).toThrow(ConfigError);
  });
});

describe("planImport: keys outside the profiles the SDKs read", () => {
  const keys = (k = a): string =>
    `aws_access_key_id = ${k.accessKeyId}\naws_secret_access_key = ${k.secretAccessKey}\n`;

  it.each([
    ["sp ace", '" "', "sp-ace"],
    ["semi;colon", '";"', "semi-colon"],
    ["quo'te", `"'"`, "quo-te"],
    ["hash#x", '"#"', "hash-x"],
    ["uni©ode", '"©"', "uni-ode"],
  ])(
    "reports [%s], which the AWS CLI reads and some SDKs reject, with why and a name to use",
    (name, char, suggested) => {
      const credentials = `[dev]\n${keys(b)}[${name}]\n${keys()}`;
      const plan = planImport(files(credentials), [], line);
      expect(plan.candidates.map((c) => c.profile)).toEqual(["dev"]);
      expect(plan.stray).toEqual([
        {
          file: "/h/.aws/credentials",
          line: 4,
          header: name,
          readAs: name,
          reason: expect.stringContaining(`characters (${char})`) as unknown,
        },
      ]);
      expect(plan.stray[0]?.reason).toContain(`e.g. [${suggested}]`);
      expect(after(plan, "/h/.aws/credentials")).toContain(`[${name}]\n${keys()}`);
    },
  );

  it.each([
    ['profile "sp ace"', 'as profile "sp ace"'],
    ["profiles x", "[profile x]"],
    ["profile sp ace", "no AWS tool reads [profile sp ace] as a profile"],
    ["foo", "no AWS tool reads keys in this section"],
    ["DEFAULT", "copies the keys of [DEFAULT] into every profile"],
    ["sso-session corp", "no AWS tool reads keys in this section"],
  ])("reports keys under [%s] in the config file", (header, reason) => {
    const plan = planImport(files(undefined, `[${header}]\n${keys()}`), [], line);
    expect(plan.candidates).toEqual([]);
    expect(plan.changes).toEqual([]);
    expect(plan.stray.map((s) => [s.header, s.reason.includes(reason)])).toEqual([[header, true]]);
  });

  it("reports a credentials-file [profile NAME] as meant for NAME, and imports it as NAME when asked", () => {
    const credentials = `# the assume-only user\n[profile assume-only]\n${keys()}region = eu-west-1\n`;
    const reported = planImport(files(credentials), [], line);
    expect(reported.candidates).toEqual([]);
    expect(reported.misprefixed).toMatchObject([
      { header: "profile assume-only", intended: "assume-only", line: 2 },
    ]);
    const fixed = planImport(files(credentials), [], line, {
      fixPrefixOf: new Set(["assume-only"]),
    });
    expect(fixed.misprefixed).toEqual([]);
    expect(fixed.candidates).toMatchObject([
      { profile: "assume-only", accessKeyId: a.accessKeyId, fromSection: "profile assume-only" },
    ]);
    expect(after(fixed, "/h/.aws/credentials")).toBe(
      "# the assume-only user\n[profile assume-only]\nregion = eu-west-1\n",
    );
    expect(after(fixed, "/h/.aws/config")).toBe(
      `[profile assume-only]\ncredential_process = ${line("assume-only")}\n`,
    );
  });

  it("answers --profile NAME with the misprefixed section rather than an unknown profile", () => {
    const plan = planImport(files(`[profile me]\n${keys()}`), ["me"], line);
    expect(plan.misprefixed.map((s) => s.intended)).toEqual(["me"]);
    const other = catchError(() => planImport(files(`[profile me]\n${keys()}`), ["other"], line));
    expect(other).toBeInstanceOf(UsageError);
  });

  it("does not take a misprefixed key over a different key of the profile itself", () => {
    const credentials = `[me]\n${keys(b)}[profile me]\n${keys()}`;
    const plan = planImport(files(credentials), [], line, { fixPrefixOf: new Set(["me"]) });
    expect(plan.candidates).toEqual([]);
    expect(plan.skipped[0]?.reason).toContain("another key");
  });
});

describe("planImport: role profiles over imported sources", () => {
  const credentials = `[dev]\naws_access_key_id = ${a.accessKeyId}\naws_secret_access_key = ${a.secretAccessKey}\n`;
  const config = [
    "[profile admin]",
    "role_arn = arn:aws:iam::123456789012:role/Admin",
    "source_profile = dev",
    "mfa_serial = arn:aws:iam::123456789012:mfa/dev",
    "[profile deep]",
    "role_arn = arn:aws:iam::123456789012:role/Deep",
    "source_profile = admin",
    "[profile sso-role]",
    "role_arn = arn:aws:iam::123456789012:role/Other",
    "source_profile = elsewhere",
    "",
  ].join("\n");

  it("names the roles the AWS tools would still assume themselves", () => {
    const plan = planImport(files(credentials, config), [], line);
    expect(plan.selfAssumedRoles).toEqual([
      { profile: "admin", through: "dev" },
      { profile: "deep", through: "dev" },
    ]);
    expect(plan.routedRoles).toEqual([]);
  });

  it("routes them through awsafe when asked, keeping their settings under awsafe's names", () => {
    const plan = planImport(files(credentials, config), [], line, { routeRoles: true });
    expect(plan.routedRoles.map((r) => r.profile)).toEqual(["admin", "deep"]);
    expect(after(plan, "/h/.aws/config")).toBe(
      [
        "[profile admin]",
        "mfa_serial = arn:aws:iam::123456789012:mfa/dev",
        `credential_process = ${line("admin")}`,
        "awsafe_role_arn = arn:aws:iam::123456789012:role/Admin",
        "awsafe_source_profile = dev",
        "[profile deep]",
        `credential_process = ${line("deep")}`,
        "awsafe_role_arn = arn:aws:iam::123456789012:role/Deep",
        "awsafe_source_profile = admin",
        "[profile sso-role]",
        "role_arn = arn:aws:iam::123456789012:role/Other",
        "source_profile = elsewhere",
        "[profile dev]",
        `credential_process = ${line("dev")}`,
        "",
      ].join("\n"),
    );
    const again = planImport(
      files(after(plan, "/h/.aws/credentials"), after(plan, "/h/.aws/config")),
      [],
      line,
      { routeRoles: true },
    );
    expect(again.changes).toEqual([]);
    expect(again.selfAssumedRoles).toEqual([]);
  });
});

function catchError(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error("expected an error");
}
