import { mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { spawn } from "node:child_process";
import { beforeEach, describe, expect, it } from "vitest";
import { awsafeArgv } from "../support/awsafe-command.js";
import { describeWithRealThing, missingCommands } from "../store/real-thing.js";
import { control, seedUser } from "../../emulator/test-support/emulator-fixture.js";
import { adminRoleArn, expectNoSecretIn, filesUnder } from "../engine/awsafe-world.js";
import { sampleProcesses, sampleWhile } from "./proc-scan.js";
import {
  fakeBrowserArgv,
  fakeBrowserBin,
  fakeBrowserPage,
  issuedSigninTokens,
  operations,
  useConsoleWorld,
} from "./console-world.js";

const setup = useConsoleWorld();

beforeEach(async () => {
  await control(setup.emulator, "DELETE", "stats");
});

/** The token of a login URL, and the grant the emulator keeps for it. */
function grantOf(url: string) {
  const token = new URL(url).searchParams.get("SigninToken") ?? "";
  const grant = setup.emulator.state.signinTokens.get(token);
  if (grant === undefined) throw new Error("the login URL holds no token the emulator issued");
  return grant;
}

/** Follows a login URL as a browser would, and returns the console page. */
async function follow(url: string): Promise<string> {
  const login = await fetch(url, { redirect: "manual" });
  expect(login.status).toBe(302);
  const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  const page = await fetch(new URL(login.headers.get("location") ?? "", url), {
    headers: { cookie },
  });
  return page.text();
}

function oneLineError(stderr: string): void {
  const lines = stderr.trim().split("\n");
  expect(lines[0]).toMatch(/^awsafe: /);
  expect(lines.slice(1).every((line) => line.startsWith("hint: "))).toBe(true);
  expect(stderr).not.toMatch(/\n\s+at /);
}

describe("awsafe login --stdout", () => {
  it("prints the login URL of the AdminRole session (role chained from the MFA session: no SessionDuration)", async () => {
    const { world, emulator } = setup;
    const run = await world.awsafeCredentials(["login", "admin", "--stdout"]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const lines = run.stdout.trim().split("\n");
    expect(lines).toHaveLength(1);
    const url = new URL(lines[0] ?? "");
    expect(url.origin).toBe(emulator.url);
    expect(url.pathname).toBe("/federation");
    expect(url.searchParams.get("Action")).toBe("login");
    expect(url.searchParams.get("Issuer")).toBe("awsafe");
    expect(url.searchParams.get("Destination")).toBe(
      "https://us-east-1.console.aws.amazon.com/console/home?region=us-east-1",
    );
    const grant = grantOf(url.href);
    expect(grant.principalArn).toMatch(/^arn:aws:sts::210987654321:assumed-role\/AdminRole\//);
    expect(grant.sessionDurationSeconds).toBeUndefined();
    const page = await follow(url.href);
    expect(page).toContain('<code id="role">AdminRole</code>');
    expect(page).toContain('<code id="account">210987654321</code>');
    // The session came from the agent's cache path: one AssumeRole from the MFA session.
    const calls = await operations(emulator);
    expect(calls["sts:GetFederationToken"]).toBeUndefined();
    expect(calls["signin:getSigninToken"]).toBe(1);
  });

  it("opens a service's console in the region with --service, and checks --destination", async () => {
    const { world } = setup;
    const s3 = await world.awsafeCredentials(["login", "admin", "--stdout", "--service", "s3"]);
    expect(s3.status, s3.stderr).toBe(0);
    expect(new URL(s3.stdout.trim()).searchParams.get("Destination")).toBe(
      "https://us-east-1.console.aws.amazon.com/s3/home?region=us-east-1",
    );
    const given = "https://eu-west-1.console.aws.amazon.com/iam/home#/roles";
    const dest = await world.awsafeCredentials([
      "login",
      "admin",
      "--stdout",
      "--region",
      "eu-west-1",
      "--destination",
      given,
    ]);
    expect(dest.status, dest.stderr).toBe(0);
    expect(new URL(dest.stdout.trim()).searchParams.get("Destination")).toBe(given);
  });

  it("with --duration above 1 h assumes the role straight from the stored key with MFA and sends SessionDuration", async () => {
    const { world, emulator } = setup;
    const keyId = seedUser(emulator, "assume-only").accessKeyId ?? "";
    const before = await control(emulator, "GET", "stats");
    const run = await world.awsafeCredentials([
      "login",
      "readonly",
      "--stdout",
      "--duration",
      "2h",
    ]);
    expect(run.status, run.stderr).toBe(0);
    const grant = grantOf(run.stdout.trim());
    expect(grant.principalArn).toMatch(/assumed-role\/ReadOnlyRole\//);
    expect(grant.sessionDurationSeconds).toBe(7200);
    const after = (await control(emulator, "GET", "stats")) as {
      operations: Record<string, number>;
      accessKeys: Record<string, number>;
    };
    expect(after.operations["sts:AssumeRole"]).toBe(1);
    expect(after.operations["sts:GetSessionToken"]).toBeUndefined();
    // Signed with the long-term key itself, not with an MFA session's key.
    expect(after.accessKeys[keyId]).toBe(1);
    expect(before).toBeDefined();
    expect(await follow(run.stdout.trim())).toContain('<code id="session-duration">7200 s</code>');
  });

  it("converts an IAM user's keys with GetFederationToken where its policy allows it, and says what that means", async () => {
    const { world, emulator } = setup;
    const run = await world.awsafeCredentials(["login", "federator", "--stdout"]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toContain("federated user federator");
    expect(run.stderr).toContain("permissions of IAM user federator");
    const calls = await operations(emulator);
    expect(calls["sts:GetFederationToken"]).toBe(1);
    const grant = grantOf(run.stdout.trim());
    expect(grant.principalArn).toBe("arn:aws:sts::123456789012:federated-user/federator");
    expect(grant.sessionDurationSeconds).toBeUndefined();
  });

  it("refuses the practice's IAM user (GetFederationToken denied) and names the role profiles that can", async () => {
    const { world, emulator } = setup;
    const run = await world.awsafe(["login", "base", "--stdout"]);
    expect(run.status).toBe(77);
    expect(run.stdout).toBe("");
    oneLineError(run.stderr);
    expect(run.stderr).toContain("cannot open the console by themselves");
    expect(run.stderr).toContain(
      "hint: Log in with a role profile that uses these keys: awsafe login admin, awsafe login admin-asks, awsafe login readonly",
    );
    expect((await operations(emulator))["sts:GetFederationToken"]).toBe(1);
  });
});

describe("awsafe login refuses bad input with one line, a hint and its exit code", () => {
  it.each([
    [["login", "nosuch", "--stdout"], 78, 'profile "nosuch"'],
    [
      ["login", "admin", "--stdout", "--destination", "https://evil.example/"],
      64,
      "is not an AWS console URL",
    ],
    [
      ["login", "admin", "--stdout", "--destination", "http://console.aws.amazon.com/"],
      64,
      "is not an AWS console URL",
    ],
    [
      ["login", "admin", "--stdout", "--destination", "https://console.amazonaws.cn/"],
      64,
      "partition",
    ],
    [
      [
        "login",
        "admin",
        "--stdout",
        "--service",
        "s3",
        "--destination",
        "https://console.aws.amazon.com/",
      ],
      64,
      "both",
    ],
    [["login", "admin", "--stdout", "--duration", "13h"], 64, "900 to 43200 s"],
    [["login", "admin", "--stdout", "--duration", "2h"], 78, "AdminRole"],
    [["login", "admin", "--stdout", "--browser", "chromium"], 64, "--stdout opens no browser"],
    [["login", "outside", "--stdout"], 78, "returns long-term keys"],
    [
      ["login", "admin-asks", "--stdout", "--mfa-token", "000000", "--no-agent"],
      77,
      "refused the --mfa-token code",
    ],
  ])("%j → %i", async (args, status, text) => {
    const run = await setup.world.awsafe(args);
    expect(run.status, run.stderr).toBe(status);
    expect(run.stdout).toBe("");
    oneLineError(run.stderr);
    expect(run.stderr).toContain(text);
  });

  it("a browser that cannot be found lists where it looked, with the --stdout hint (before any MFA code)", async () => {
    const { world } = setup;
    const prompts = world.mfaPrompts();
    const run = await world.awsafe(["login", "admin", "--browser", "vivaldi"], {
      PATH: "/nonexistent",
    });
    expect(run.status).toBe(69);
    oneLineError(run.stderr);
    expect(run.stderr).toContain(
      "Cannot find vivaldi: looked for vivaldi on PATH, vivaldi-stable on PATH",
    );
    expect(run.stderr).toContain("--stdout");
    expect(world.mfaPrompts()).toBe(prompts);
  });

  it("a browser that exits at once is an error, not a wait", async () => {
    const { world, scratch } = setup;
    const records = mkdtempSync(path.join(scratch, "records-"));
    const bin = fakeBrowserBin(scratch, "chromium", records);
    const run = await world.awsafe(["login", "admin", "--browser", "chromium"], {
      PATH: `${bin}:${world.env.PATH}`,
      FAKE_BROWSER_EXIT: "3",
    });
    expect(run.status).toBe(69);
    oneLineError(run.stderr);
    expect(run.stderr).toContain("exited with status 3 before it opened the console");
  });
});

describe("awsafe login through the one-time loopback address", () => {
  it("gives an isolated browser only the loopback address, in a 0700 user-data dir per profile", async () => {
    const { world, scratch, emulator } = setup;
    const records = mkdtempSync(path.join(scratch, "records-"));
    const bin = fakeBrowserBin(scratch, "chromium", records);
    const env = { PATH: `${bin}:${world.env.PATH}` };
    const admin = await world.awsafe(["login", "admin", "--browser", "chromium"], env);
    expect(admin.status, admin.stderr).toBe(0);
    expect(admin.stdout).toBe("");
    expect(admin.stderr).toContain('opened the AWS console of profile "admin" in chromium');
    expect(await fakeBrowserPage(records, 1)).toContain('<code id="role">AdminRole</code>');
    const partner = await world.awsafe(["login", "partner", "--browser", "chromium"], env);
    expect(partner.status, partner.stderr).toBe(0);
    const partnerPage = await fakeBrowserPage(records, 2);
    expect(partnerPage).toContain('<code id="role">PartnerRole</code>');
    expect(partnerPage).toContain(
      "https://eu-west-1.console.aws.amazon.com/console/home?region=eu-west-1",
    );
    const [first, second] = fakeBrowserArgv(records);
    const dirs = [first, second].map((argv) =>
      (argv ?? []).find((arg) => arg.startsWith("--user-data-dir="))?.slice(16),
    );
    expect(dirs[0]).toMatch(/browsers\/chromium\/admin$/);
    expect(dirs[1]).toMatch(/browsers\/chromium\/partner$/);
    for (const dir of dirs) expect(statSync(dir ?? "").mode & 0o777).toBe(0o700);
    for (const argv of [first, second]) {
      expect(argv?.at(-1)).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/[\w-]{43}$/);
      expect(argv).toContain("--no-first-run");
    }
    const tokens = issuedSigninTokens(emulator);
    const argvText = readFileSync(path.join(records, "argv.jsonl"), "utf8");
    for (const token of tokens) expect(argvText).not.toContain(token);
  });

  it("opens the default browser through `open` (xdg-open here), after BROWSER, without awsafe's secrets", async () => {
    const { world, scratch } = setup;
    const records = mkdtempSync(path.join(scratch, "records-"));
    const xdgOpen = fakeBrowserBin(scratch, "xdg-open", records);
    const env = { PATH: `${xdgOpen}:${world.env.PATH}`, AWS_SECRET_ACCESS_KEY: "not-for-browsers" };
    const viaOpen = await world.awsafe(["login", "admin"], env);
    expect(viaOpen.status, viaOpen.stderr).toBe(0);
    expect(viaOpen.stderr).toContain("in the default browser");
    expect(await fakeBrowserPage(records, 1)).toContain("AdminRole");
    const named = fakeBrowserBin(scratch, "my-browser", records);
    const viaVariable = await world.awsafe(["login", "admin"], {
      ...env,
      BROWSER: `/nonexistent/browser:${path.join(named, "my-browser")} --tab %s`,
    });
    expect(viaVariable.status, viaVariable.stderr).toBe(0);
    expect(await fakeBrowserPage(records, 2)).toContain("AdminRole");
    const [first, second] = fakeBrowserArgv(records);
    expect(first).toEqual([expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/[\w-]{43}$/)]);
    expect(second?.[0]).toBe("--tab");
    const envNames = readFileSync(path.join(records, "env.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as string[]);
    for (const names of envNames) {
      expect(names).not.toContain("AWSAFE_FILE_PASSPHRASE");
      expect(names).not.toContain("AWS_SECRET_ACCESS_KEY");
      expect(names).toContain("HOME");
    }
  });

  it("logs out of the other account first in a shared browser (--no-isolate), so it lands in the new one", async () => {
    const { world, scratch } = setup;
    const records = mkdtempSync(path.join(scratch, "records-"));
    const bin = fakeBrowserBin(scratch, "chromium", records);
    const env = { PATH: `${bin}:${world.env.PATH}` };
    const admin = await world.awsafe(
      ["login", "admin", "--browser", "chromium", "--no-isolate"],
      env,
    );
    expect(admin.status, admin.stderr).toBe(0);
    expect(await fakeBrowserPage(records, 1)).toContain("AdminRole");
    const partner = await world.awsafe(
      ["login", "partner", "--browser", "chromium", "--no-isolate"],
      env,
    );
    expect(partner.status, partner.stderr).toBe(0);
    const page = await fakeBrowserPage(records, 2);
    expect(page).not.toContain("You must first log out");
    expect(page).toContain("PartnerRole");
    for (const argv of fakeBrowserArgv(records)) {
      expect(argv.some((arg) => arg.startsWith("--user-data-dir"))).toBe(false);
    }
  });

  it("without the logout the shared browser would be stuck in the first account (the emulator is faithful)", async () => {
    const { world, scratch } = setup;
    const records = mkdtempSync(path.join(scratch, "records-"));
    const bin = fakeBrowserBin(scratch, "chromium", records);
    const env = { PATH: `${bin}:${world.env.PATH}` };
    const admin = await world.awsafe(
      ["login", "admin", "--browser", "chromium", "--no-isolate"],
      env,
    );
    expect(admin.status, admin.stderr).toBe(0);
    await fakeBrowserPage(records, 1);
    const partner = await world.awsafeCredentials(["login", "partner", "--stdout"]);
    const jar = readdirSync(records).find((name) => name.startsWith("jar-")) ?? "";
    const cookies = JSON.parse(readFileSync(path.join(records, jar), "utf8")) as [string, string][];
    const cookie = cookies.map(([name, value]) => `${name}=${value}`).join("; ");
    const stuck = await fetch(partner.stdout.trim(), { redirect: "manual", headers: { cookie } });
    expect(await stuck.text()).toContain("You must first log out");
  });

  it("shows no sign-in token in /proc/*/cmdline (or the environment) of awsafe or the browser it starts", async () => {
    const { world, scratch, emulator } = setup;
    const records = mkdtempSync(path.join(scratch, "records-"));
    const bin = fakeBrowserBin(scratch, "chromium", records);
    const { result: run, samples } = await sampleWhile(
      world.awsafe(["login", "admin", "--browser", "chromium"], {
        PATH: `${bin}:${world.env.PATH}`,
        FAKE_BROWSER_DELAY_MS: "300",
        FAKE_BROWSER_LINGER_MS: "300",
      }),
    );
    expect(run.status, run.stderr).toBe(0);
    await fakeBrowserPage(records, 1);
    for (const sample of sampleProcesses()) samples.push(sample);
    const awsafe = samples.filter((p) => p.cmdline.includes(" login admin --browser chromium"));
    const browser = samples.filter((p) => p.cmdline.includes("fake-browser.mjs"));
    expect(awsafe.length).toBeGreaterThan(0);
    expect(browser.length).toBeGreaterThan(0);
    const tokens = issuedSigninTokens(emulator);
    const encoded = tokens.flatMap((token) => [token, encodeURIComponent(token)]);
    for (const sample of samples) {
      for (const token of encoded) {
        expect(sample.cmdline.includes(token), `pid ${sample.pid}: ${sample.cmdline}`).toBe(false);
      }
    }
    for (const sample of [...awsafe, ...browser]) {
      for (const token of encoded) expect(sample.environ.includes(token)).toBe(false);
    }
    console.log(
      `/proc scan: ${samples.length} samples of ${new Set(samples.map((p) => p.pid)).size} processes (awsafe ${new Set(awsafe.map((p) => p.pid)).size}, browser ${new Set(browser.map((p) => p.pid)).size}); sign-in tokens found: 0 of ${tokens.length}`,
    );
  });

  it("leaves no sign-in token in any file under HOME, nor in any output but --stdout's", () => {
    const { world, emulator } = setup;
    const tokens = issuedSigninTokens(emulator);
    expect(tokens.length).toBeGreaterThan(5);
    expectNoSecretIn(world, tokens);
    expect(filesUnder(world.home).length).toBeGreaterThan(0);
    expect(adminRoleArn).toContain("AdminRole");
  });
});

// The encrypted file whose passphrase is typed: login plans against the store's keys and the
// engine works in-process with the same open store, so the passphrase is asked once. `script`
// gives awsafe a pseudo-terminal (its /dev/tty) to ask on.
describeWithRealThing("awsafe login with a locked store", await missingCommands("script"), () => {
  it("asks for the store's passphrase once, on the terminal", async () => {
    const { world } = setup;
    const command = awsafeArgv(["login", "admin", "--stdout"]);
    const line = [command.program, ...command.args].map((word) => `'${word}'`).join(" ");
    const child = spawn("script", ["-qfec", line, "/dev/null"], {
      env: { ...world.env, AWSAFE_FILE_PASSPHRASE: "", AWSAFE_PROMPT: "terminal", TERM: "dumb" },
    });
    let screen = "";
    child.stdout.on("data", (chunk: Buffer) => {
      screen += chunk.toString();
      if (screen.includes("Passphrase for the awsafe store") && !screen.includes("[typed]")) {
        screen += "[typed]";
        child.stdin.write(`${world.env.AWSAFE_FILE_PASSPHRASE ?? ""}\r`);
      }
    });
    const status = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect(status, screen).toBe(0);
    expect(screen.split("Passphrase for the awsafe store").length - 1).toBe(1);
    expect(screen).toMatch(/\/federation\?Action=login&Issuer=awsafe&/);
  });

  it("fails in one line, without a terminal to ask on", async () => {
    const run = await setup.world.awsafe(["login", "admin", "--stdout"], {
      AWSAFE_FILE_PASSPHRASE: "",
    });
    expect(run.status).not.toBe(0);
    expect(run.status).not.toBe(70);
    oneLineError(run.stderr);
    expect(run.stderr).toContain("passphrase");
  });
});
