import { rmSync } from "node:fs";
import { homedir } from "node:os";
import { afterAll, describe, expect, it } from "vitest";
import { makeHome } from "../../../test/support/run-awsafe.js";
import { AuthError, ExitCode, StoreError, UsageError } from "../../errors.js";
import { AccessDeniedError, SessionDurationRefusedError } from "../../ports/aws/aws-errors.js";
import type { AwsCredentials, TemporaryCredentials } from "../../ports/aws/credentials.js";
import type { SigninPort, SigninTokenInput } from "../../ports/aws/signin.js";
import type { StsPort } from "../../ports/aws/sts.js";
import type { BrowserChoice, Isolation, OpenedBrowser } from "../../ports/browser.js";
import type { ProviderOptions } from "../../providers/credential-provider.js";
import { consoleLogin, type ConsoleLoginDeps, type ConsoleLoginInput } from "./console-login.js";

const home = makeHome({
  config: [
    "[profile base]",
    "region = us-east-1",
    "[profile admin]",
    "role_arn = arn:aws:iam::210987654321:role/AdminRole",
    "source_profile = base",
    "mfa_serial = arn:aws:iam::123456789012:mfa/assume-only",
    "region = us-east-1",
    "[profile direct]",
    "role_arn = arn:aws:iam::210987654321:role/ReadOnlyRole",
    "source_profile = base",
    "[profile outside]",
    "credential_process = other-tool creds",
    "",
  ].join("\n"),
});
afterAll(() => {
  rmSync(home, { recursive: true, force: true });
});
const context = { env: { HOME: home }, platform: { platform: process.platform, homedir } };

const roleSession: TemporaryCredentials = {
  accessKeyId: "ASIAROLE000000000000",
  secretAccessKey: "role-secret-FAKE",
  sessionToken: "role-token-FAKE",
  expiration: new Date("2030-01-01T00:00:00Z"),
};
const longTerm: AwsCredentials = { accessKeyId: "AKIAUSER000000000000", secretAccessKey: "s-FAKE" };

interface World {
  deps: ConsoleLoginDeps;
  readonly asked: ProviderOptions[];
  readonly tokenInputs: SigninTokenInput[];
  readonly served: string[];
  readonly opened: string[];
  readonly notices: string[];
  readonly federationNames: string[];
  closed: number;
}

interface Setup {
  readonly refuseDuration?: "once" | "always";
  readonly denyFederation?: boolean;
  readonly isolation?: Isolation;
  readonly browser?: "comes" | "fails" | "never";
  readonly credentials?: AwsCredentials;
}

function world(setup: Setup = {}): World {
  let refusals = 0;
  const state: World = {
    asked: [],
    tokenInputs: [],
    served: [],
    opened: [],
    notices: [],
    federationNames: [],
    closed: 0,
    deps: undefined as unknown as ConsoleLoginDeps,
  };
  const sts: Pick<StsPort, "getCallerIdentity" | "getFederationToken"> = {
    getCallerIdentity: () =>
      Promise.resolve({
        account: "123456789012",
        arn: "arn:aws:iam::123456789012:user/team/alice",
        userId: "AIDA",
      }),
    getFederationToken: (_credentials, input) => {
      state.federationNames.push(input.name);
      if (setup.denyFederation === true) {
        return Promise.reject(new AccessDeniedError("GetFederationToken was denied: no"));
      }
      return Promise.resolve({ ...roleSession, accessKeyId: "ASIAFED" });
    },
  };
  const signin: SigninPort = {
    getSigninToken: (_credentials, input) => {
      state.tokenInputs.push(input);
      const refuse =
        input.sessionDurationSeconds !== undefined &&
        (setup.refuseDuration === "always" ||
          (setup.refuseDuration === "once" && refusals++ === 0));
      if (refuse) {
        return Promise.reject(
          new SessionDurationRefusedError("refused", input.sessionDurationSeconds ?? 0, {}),
        );
      }
      return Promise.resolve("tok-FAKE");
    },
    loginUrl: (token, input) => `https://signin.example/login?t=${token}&d=${input.destination}`,
    logoutThenLoginUrl: (token) => `https://signin.example/logout?next=${token}`,
  };
  let settle: (outcome: "used" | "expired") => void = () => undefined;
  const deps: ConsoleLoginDeps = {
    sts: sts as StsPort,
    signin,
    credentials: (options) => {
      state.asked.push(options);
      if (options.noSession === true) return Promise.resolve(longTerm);
      return Promise.resolve(setup.credentials ?? roleSession);
    },
    browsers: {
      prepare: (choice: BrowserChoice) =>
        Promise.resolve({
          description: `${choice.browser} (fake)`,
          isolation: setup.isolation ?? "user-data-dir",
          profileDirectory: undefined,
          open: (address: string): Promise<OpenedBrowser> => {
            state.opened.push(address);
            if (setup.browser === undefined || setup.browser === "comes") settle("used");
            if (setup.browser === "never") settle("expired");
            const failed =
              setup.browser === "fails"
                ? Promise.resolve(new StoreError("fake exited with status 1"))
                : new Promise<never>(() => undefined);
            return Promise.resolve({ failed, release: () => undefined });
          },
        }),
    },
    oneTimeAddress: (location) => {
      state.served.push(location);
      return Promise.resolve({
        url: "http://127.0.0.1:1/address",
        outcome: new Promise((resolve) => {
          settle = resolve;
        }),
        close: () => {
          state.closed += 1;
          return Promise.resolve();
        },
      });
    },
    notice: (line) => state.notices.push(line),
  };
  return Object.assign(state, { deps });
}

function input(profile: string, more: Partial<ConsoleLoginInput> = {}): ConsoleLoginInput {
  return {
    profile,
    region: undefined,
    destination: undefined,
    service: undefined,
    durationSeconds: undefined,
    browser: undefined,
    storedKeyProfiles: new Set(["base"]),
    ...more,
  };
}

const chromium: BrowserChoice = { browser: "chromium", isolate: true, profile: "admin" };

describe("consoleLogin", () => {
  it("prints the URL of a chained role session with no SessionDuration, preparing no browser", async () => {
    const w = world();
    const result = await consoleLogin(context, w.deps, input("admin"));
    expect(result).toEqual({
      kind: "url",
      url: "https://signin.example/login?t=tok-FAKE&d=https://us-east-1.console.aws.amazon.com/console/home?region=us-east-1",
    });
    expect(w.tokenInputs).toEqual([{}]);
    expect(w.asked).toEqual([{ region: "us-east-1", durationSeconds: undefined }]);
    expect(w.opened).toEqual([]);
  });

  it("asks the engine for a long role session above 1 h and sends it as SessionDuration", async () => {
    const w = world();
    await consoleLogin(context, w.deps, input("admin", { durationSeconds: 7200 }));
    expect(w.asked).toEqual([{ region: "us-east-1", durationSeconds: 7200 }]);
    expect(w.tokenInputs).toEqual([{ sessionDurationSeconds: 7200 }]);
  });

  it("keeps SessionDuration off a chained role even with a --duration within the hour", async () => {
    const w = world();
    await consoleLogin(context, w.deps, input("admin", { durationSeconds: 1800 }));
    expect(w.tokenInputs).toEqual([{}]);
  });

  it("retries once without SessionDuration when AWS refuses it, and says so", async () => {
    const w = world({ refuseDuration: "once" });
    await consoleLogin(context, w.deps, input("direct", { durationSeconds: 7200 }));
    expect(w.tokenInputs).toEqual([{ sessionDurationSeconds: 7200 }, {}]);
    expect(w.notices.join("\n")).toContain("AWS refused a console session of 7200 s");
  });

  it("does not retry other refusals", async () => {
    const w = world();
    w.deps = {
      ...w.deps,
      signin: {
        ...w.deps.signin,
        getSigninToken: (_c: unknown, i: SigninTokenInput) => {
          w.tokenInputs.push(i);
          return Promise.reject(new AuthError("these credentials cannot sign in"));
        },
      },
    };
    await expect(
      consoleLogin(context, w.deps, input("direct", { durationSeconds: 7200 })),
    ).rejects.toThrow(AuthError);
    expect(w.tokenInputs).toHaveLength(1);
  });

  it("turns an IAM user's own keys into a federation token named after the user", async () => {
    const w = world();
    await consoleLogin(context, w.deps, input("base", { durationSeconds: 5400 }));
    expect(w.asked).toEqual([{ region: "us-east-1", noSession: true }]);
    expect(w.federationNames).toEqual(["alice"]);
    expect(w.tokenInputs).toEqual([{}]);
    expect(w.notices.join("\n")).toContain("federated user alice");
  });

  it("names the role profiles that use the keys when the user's policy denies GetFederationToken", async () => {
    const w = world({ denyFederation: true });
    const error: unknown = await consoleLogin(context, w.deps, input("base")).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AccessDeniedError);
    expect(error).toMatchObject({ exitCode: ExitCode.NoPerm });
    expect(String(error)).toContain("cannot open the console by themselves");
    expect((error as AccessDeniedError).hint).toContain("awsafe login admin, awsafe login direct");
  });

  it("refuses long-term keys from another tool's credential_process", async () => {
    const w = world({ credentials: longTerm });
    await expect(consoleLogin(context, w.deps, input("outside"))).rejects.toThrow(
      'The credential_process of profile "outside" returns long-term keys',
    );
  });

  it("checks destination and duration before asking for credentials or a browser", async () => {
    for (const more of [
      { destination: "https://evil.example/" },
      { durationSeconds: 60 },
      { durationSeconds: 50_000 },
    ]) {
      const w = world();
      await expect(
        consoleLogin(context, w.deps, input("admin", { ...more, browser: chromium })),
      ).rejects.toThrow(UsageError);
      expect(w.asked).toEqual([]);
      expect(w.opened).toEqual([]);
    }
  });

  it("serves the login URL on the one-time address of an isolated browser, which gets only that address", async () => {
    const w = world();
    const result = await consoleLogin(context, w.deps, input("admin", { browser: chromium }));
    expect(result).toEqual({ kind: "opened", browser: "chromium (fake)" });
    expect(w.served).toEqual([
      expect.stringMatching(/^https:\/\/signin\.example\/login\?t=tok-FAKE/),
    ]);
    expect(w.opened).toEqual(["http://127.0.0.1:1/address"]);
    expect(w.closed).toBe(1);
  });

  it("logs a shared browser out of any other account first", async () => {
    const w = world({ isolation: "shared" });
    await consoleLogin(context, w.deps, input("admin", { browser: chromium }));
    expect(w.served).toEqual(["https://signin.example/logout?next=tok-FAKE"]);
  });

  it("fails with the browser's error when it exits at once, and when no browser comes in time", async () => {
    const fails = world({ browser: "fails" });
    await expect(
      consoleLogin(context, fails.deps, input("admin", { browser: chromium })),
    ).rejects.toThrow("fake exited with status 1");
    expect(fails.closed).toBeGreaterThan(0);
    const never = world({ browser: "never" });
    const error: unknown = await consoleLogin(
      context,
      never.deps,
      input("admin", { browser: chromium }),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect(String(error)).toContain("did not open the console address in time");
    expect(never.closed).toBeGreaterThan(0);
  });
});
