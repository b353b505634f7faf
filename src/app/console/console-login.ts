import { stringProperty } from "../../config/config-data.js";
import { selectedRegion } from "../../config/locate-shared-config.js";
import { AppError, ConfigError, StoreError, UsageError } from "../../errors.js";
import { planCredentials } from "../../plan/plan-credentials.js";
import { AccessDeniedError, SessionDurationRefusedError } from "../../ports/aws/aws-errors.js";
import type { AwsCredentials } from "../../ports/aws/credentials.js";
import type { LoginUrlInput, SessionCredentials, SigninPort } from "../../ports/aws/signin.js";
import type { StsPort } from "../../ports/aws/sts.js";
import type {
  BrowserChoice,
  BrowserLauncher,
  OneTimeAddressFactory,
  PreparedBrowser,
} from "../../ports/browser.js";
import type { ProviderOptions } from "../../providers/credential-provider.js";
import type { AppContext } from "../app-context.js";
import { loadSharedConfig } from "../load-shared-config.js";
import { consoleDestination } from "./console-destination.js";
import { type ConsoleRoute, consoleRoute, roleProfilesUsing } from "./console-route.js";

/** What `awsafe login` asks for. */
export interface ConsoleLoginInput {
  readonly profile: string;
  /** `--region`. */
  readonly region: string | undefined;
  readonly destination: string | undefined;
  readonly service: string | undefined;
  /** `--duration`: the console session's length. */
  readonly durationSeconds: number | undefined;
  /** The browser to open; `undefined` with `--stdout`. */
  readonly browser: BrowserChoice | undefined;
  /** The profiles with keys in the secret store (for the plan). */
  readonly storedKeyProfiles: ReadonlySet<string>;
}

/** What the use-case is given by `runtime/`. */
export interface ConsoleLoginDeps {
  readonly sts: StsPort;
  readonly signin: SigninPort;
  /** The profile's credentials as the engine makes them (agent or in-process, cached). */
  readonly credentials: (options: ProviderOptions) => Promise<AwsCredentials>;
  readonly browsers: BrowserLauncher;
  readonly oneTimeAddress: OneTimeAddressFactory;
  /** One line for the person (stderr); never a secret. */
  readonly notice: (line: string) => void;
}

/** How it ended: the login URL to print (`--stdout`), or the browser that opened it. */
export type ConsoleLoginResult =
  | { readonly kind: "url"; readonly url: string }
  | { readonly kind: "opened"; readonly browser: string };

/** The console's session lengths for `--duration` (SessionDuration's range). */
export const consoleSeconds = { min: 900, max: 43_200 } as const;
/** How long a federation token lasts when `--duration` is not given. */
const federationDefaultSeconds = 3600;
const issuer = "awsafe";

/**
 * `awsafe login`: the profile's temporary credentials → a sign-in token → the console login URL
 * (SPECS §e, SPECS-2 §B.6). Everything that can be refused on its face (destination, duration,
 * browser) is checked before any credential is fetched, so it costs no MFA code. With `--stdout`
 * the URL is the result; otherwise the browser is given a one-time loopback address that
 * redirects to it, and this waits until the browser came (or failed, or 60 s passed).
 *
 * @throws AppError for every refusal; none of them holds the token or the URL.
 */
export async function consoleLogin(
  context: AppContext,
  deps: ConsoleLoginDeps,
  input: ConsoleLoginInput,
): Promise<ConsoleLoginResult> {
  const shared = await loadSharedConfig(context);
  const plan = planCredentials(shared.data, input.profile, {
    storedKeyProfiles: input.storedKeyProfiles,
  });
  const properties = shared.data.profiles.get(input.profile);
  const region =
    input.region ??
    selectedRegion(
      context.env,
      properties === undefined ? undefined : stringProperty(properties, "region"),
    );
  const destination = consoleDestination({
    destination: input.destination,
    service: input.service,
    region,
  });
  checkConsoleDuration(input.durationSeconds);
  const route = consoleRoute(plan, input.durationSeconds);
  const prepared =
    input.browser === undefined ? undefined : await deps.browsers.prepare(input.browser);
  const call = { profile: input.profile, region };
  const session = await consoleSession(deps, route, input, region, () =>
    roleProfilesUsing(
      shared.data,
      input.storedKeyProfiles,
      route.kind === "user" ? route.keysProfile : "",
    ),
  );
  const token = await signinToken(deps, session, call);
  const login: LoginUrlInput = { destination, issuer };
  if (prepared === undefined) return { kind: "url", url: deps.signin.loginUrl(token, login, call) };
  // A browser of shared cookies may be signed in to another account: AWS would then show "You
  // must first log out". Logging out first, then in, lands in the right one (SPECS §e).
  const target =
    (prepared.isolation === "shared"
      ? deps.signin.logoutThenLoginUrl(token, login, call)
      : undefined) ?? deps.signin.loginUrl(token, login, call);
  await openThroughLoopback(deps, prepared, target);
  return { kind: "opened", browser: prepared.description };
}

/** Credentials, a session token and how the sign-in must treat them. */
interface ConsoleSession {
  readonly credentials: SessionCredentials;
  /** Sent with getSigninToken; never for chained roles or federation tokens. */
  readonly sessionDurationSeconds: number | undefined;
}

async function consoleSession(
  deps: ConsoleLoginDeps,
  route: ConsoleRoute,
  input: ConsoleLoginInput,
  region: string | undefined,
  roleProfiles: () => string[],
): Promise<ConsoleSession> {
  const duration = input.durationSeconds;
  switch (route.kind) {
    case "role": {
      // With --duration above an hour the engine assumes the role straight from the stored key
      // with MFA (not from the cached MFA session), which AWS lets carry a SessionDuration.
      const credentials = await deps.credentials({ region, durationSeconds: duration });
      return {
        credentials: withToken(credentials, input.profile, "its role session"),
        sessionDurationSeconds: route.chained ? undefined : duration,
      };
    }
    case "role-credentials": {
      const credentials = await deps.credentials({ region });
      return {
        credentials: withToken(credentials, input.profile, "its role credentials"),
        sessionDurationSeconds: duration,
      };
    }
    case "external": {
      const credentials = await deps.credentials({ region });
      if (credentials.sessionToken === undefined) throw longTermFromElsewhere(route.what);
      return {
        credentials: { ...credentials, sessionToken: credentials.sessionToken },
        sessionDurationSeconds: duration,
      };
    }
    case "user":
      return federationSession(deps, route.keysProfile, input, region, roleProfiles);
  }
}

/**
 * An IAM user's own keys cannot sign in: GetFederationToken turns them into a federated-user
 * session (long-term keys only, no MFA) with an allow-all session policy, so the console gets
 * the user's own permissions. The practice's force-MFA policy denies the call; that refusal
 * names the role profiles that use these keys.
 */
async function federationSession(
  deps: ConsoleLoginDeps,
  keysProfile: string,
  input: ConsoleLoginInput,
  region: string | undefined,
  roleProfiles: () => string[],
): Promise<ConsoleSession> {
  const keys = await deps.credentials({ region, noSession: true });
  const call = { profile: input.profile, region };
  const identity = await deps.sts.getCallerIdentity(keys, call);
  const userName = identity.arn.split("/").at(-1) ?? "";
  const name = federatedName(userName);
  let credentials: SessionCredentials;
  try {
    credentials = await deps.sts.getFederationToken(
      keys,
      {
        name,
        durationSeconds: input.durationSeconds ?? federationDefaultSeconds,
        policy: allowAllPolicy,
      },
      call,
    );
  } catch (error) {
    if (error instanceof AccessDeniedError)
      throw userCannotSignIn(keysProfile, userName, roleProfiles(), error);
    throw error;
  }
  deps.notice(
    `profile "${input.profile}" has no role: the console opens as federated user ${name}, with no more than the permissions of IAM user ${userName} (GetFederationToken from its access key, without MFA)`,
  );
  return { credentials, sessionDurationSeconds: undefined };
}

const allowAllPolicy = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }],
});

/** GetFederationToken's Name: 2 to 32 of `[\w+=,.@-]`, as IAM user names are. */
function federatedName(userName: string): string {
  const name = userName.replace(/[^\w+=,.@-]/g, "").slice(0, 32);
  return name.length >= 2 ? name : "awsafe";
}

async function signinToken(
  deps: ConsoleLoginDeps,
  session: ConsoleSession,
  call: { readonly profile: string; readonly region: string | undefined },
): Promise<string> {
  const seconds = session.sessionDurationSeconds;
  if (seconds === undefined) return deps.signin.getSigninToken(session.credentials, {}, call);
  try {
    return await deps.signin.getSigninToken(
      session.credentials,
      { sessionDurationSeconds: seconds },
      call,
    );
  } catch (error) {
    if (!(error instanceof SessionDurationRefusedError)) throw error;
    deps.notice(
      `AWS refused a console session of ${seconds} s for these credentials; signing in without it, so the console session lasts as long as the credentials`,
    );
    return deps.signin.getSigninToken(session.credentials, {}, call);
  }
}

/** Serves `target` once on loopback, starts the browser there, and waits for it to come. */
async function openThroughLoopback(
  deps: ConsoleLoginDeps,
  prepared: PreparedBrowser,
  target: string,
): Promise<void> {
  const address = await deps.oneTimeAddress(target);
  try {
    const opened = await prepared.open(address.url);
    const ended = await Promise.race([address.outcome, opened.failed]);
    opened.release();
    if (ended instanceof AppError) throw ended;
    if (ended === "expired") {
      throw new StoreError(`${prepared.description} did not open the console address in time`, {
        hint: "The address works once and for 60 s; run awsafe login again, or use --stdout and open the URL yourself",
      });
    }
  } finally {
    await address.close();
  }
}

function checkConsoleDuration(seconds: number | undefined): void {
  if (seconds === undefined) return;
  if (seconds >= consoleSeconds.min && seconds <= consoleSeconds.max) return;
  throw new UsageError(
    `--duration ${seconds} s is outside the console session's range: ${consoleSeconds.min} to ${consoleSeconds.max} s (15 min to 12 h)`,
    { hint: "Give a --duration in that range, e.g. --duration 4h" },
  );
}

function withToken(credentials: AwsCredentials, profile: string, what: string): SessionCredentials {
  if (credentials.sessionToken === undefined) {
    throw new ConfigError(`Profile "${profile}" gave no session token for ${what}`);
  }
  return { ...credentials, sessionToken: credentials.sessionToken };
}

function longTermFromElsewhere(what: string): ConfigError {
  return new ConfigError(
    `${what[0]?.toUpperCase() ?? ""}${what.slice(1)} returns long-term keys (no session token), which cannot open the console`,
    {
      hint: "The console takes temporary role credentials: log in with a profile that assumes a role (role_arn), or make that command return a role session",
    },
  );
}

function userCannotSignIn(
  keysProfile: string,
  userName: string,
  roleProfiles: readonly string[],
  cause: AccessDeniedError,
): AppError {
  const hint =
    roleProfiles.length === 0
      ? `Make a role profile over these keys (awsafe configure NAME --role-arn ARN --source-profile ${keysProfile} --mfa-serial ...) and log in with it, or sign in with the user's password and MFA`
      : `Log in with a role profile that uses these keys: ${roleProfiles.map((name) => `awsafe login ${name}`).join(", ")}`;
  return new AccessDeniedError(
    `Profile "${keysProfile}" holds IAM user ${userName}'s own keys, which cannot open the console by themselves: the user's policy denies sts:GetFederationToken (as the force-MFA policy of the practice does, since that call takes no MFA)`,
    { hint, cause },
  );
}
