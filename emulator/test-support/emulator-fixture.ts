import { IAMClient } from "@aws-sdk/client-iam";
import {
  AssumeRoleCommand,
  type AssumeRoleCommandInput,
  GetSessionTokenCommand,
  STSClient,
} from "@aws-sdk/client-sts";
import { totpCode } from "../mfa/verify-totp.js";
import type { SeedUserDescription } from "../seed/describe-seed.js";
import type { RunningEmulator } from "../server.js";
import { issueToken } from "../sso/token-store.js";

/** Credentials as the SDK clients take them. */
export interface TestCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

/** Temporary credentials from an STS answer (fails the test if they are missing). */
export function fromStsCredentials(
  c:
    | {
        AccessKeyId?: string | undefined;
        SecretAccessKey?: string | undefined;
        SessionToken?: string | undefined;
      }
    | undefined,
): TestCredentials {
  if (
    c?.AccessKeyId === undefined ||
    c.SecretAccessKey === undefined ||
    c.SessionToken === undefined
  ) {
    throw new Error("STS answer has no credentials");
  }
  return {
    accessKeyId: c.AccessKeyId,
    secretAccessKey: c.SecretAccessKey,
    sessionToken: c.SessionToken,
  };
}

/** The seeded user's long-term keys (fails the test if the seed has none). */
export function userCredentials(user: SeedUserDescription | undefined): TestCredentials {
  if (user?.accessKeyId == null || user.secretAccessKey === null)
    throw new Error("seed user has no key");
  return { accessKeyId: user.accessKeyId, secretAccessKey: user.secretAccessKey };
}

/** The seed user by name. */
export function seedUser(emulator: RunningEmulator, userName: string): SeedUserDescription {
  const user = emulator.seed.users.find((u) => u.userName === userName);
  if (user === undefined) throw new Error(`seed has no user ${userName}`);
  return user;
}

// Clients are told the emulator's clock offset, as they would learn it from a skew error.
const clientConfig = (emulator: RunningEmulator, credentials: TestCredentials) => ({
  endpoint: emulator.url,
  region: "us-east-1",
  credentials,
  maxAttempts: 1,
  systemClockOffset: emulator.state.clock.offsetMs,
});

/** A real STS client pointed at the emulator. */
export function stsClient(emulator: RunningEmulator, credentials: TestCredentials): STSClient {
  return new STSClient(clientConfig(emulator, credentials));
}

/** A real IAM client pointed at the emulator. */
export function iamClient(emulator: RunningEmulator, credentials: TestCredentials): IAMClient {
  return new IAMClient(clientConfig(emulator, credentials));
}

/**
 * Moves the emulator's clock into the next 30 s TOTP window through the control API and returns
 * the code the device shows then — a fresh code, so the replay rule never bites.
 */
export async function nextTotp(
  emulator: RunningEmulator,
  totpSecret: string | null,
): Promise<string> {
  if (totpSecret === null) throw new Error("seed user has no MFA device");
  const response = await fetch(`${emulator.url}/__emulator/clock`, {
    method: "POST",
    body: JSON.stringify({ advanceSeconds: 30 }),
  });
  const clock = (await response.json()) as { now: string };
  return totpCode(totpSecret, Date.parse(clock.now));
}

/** A code that is wrong for the current window and its neighbours. */
export function wrongTotp(emulator: RunningEmulator, totpSecret: string | null): string {
  if (totpSecret === null) throw new Error("seed user has no MFA device");
  const now = emulator.state.clock.nowMs();
  const valid = new Set([-30_000, 0, 30_000].map((d) => totpCode(totpSecret, now + d)));
  for (let n = 0; ; n++) {
    const code = String(n).padStart(6, "0");
    if (!valid.has(code)) return code;
  }
}

/** GetSessionToken with a fresh TOTP code: credentials that carry MFA context. */
export async function mfaSession(
  emulator: RunningEmulator,
  user: SeedUserDescription,
  durationSeconds = 3600,
): Promise<TestCredentials> {
  const code = await nextTotp(emulator, user.totpSecret);
  const out = await stsClient(emulator, userCredentials(user)).send(
    new GetSessionTokenCommand({
      SerialNumber: user.mfaSerial ?? "",
      TokenCode: code,
      DurationSeconds: durationSeconds,
    }),
  );
  return fromStsCredentials(out.Credentials);
}

/** AssumeRole with the given credentials; returns the role session's credentials. */
export async function assumeRole(
  emulator: RunningEmulator,
  credentials: TestCredentials,
  input: Omit<AssumeRoleCommandInput, "RoleSessionName"> & { RoleSessionName?: string },
): Promise<TestCredentials> {
  const out = await stsClient(emulator, credentials).send(
    new AssumeRoleCommand({ RoleSessionName: "test", ...input }),
  );
  return fromStsCredentials(out.Credentials);
}

/** Calls the control API. */
export async function control(
  emulator: RunningEmulator,
  method: string,
  path: string,
  body?: unknown,
): Promise<unknown> {
  const response = await fetch(`${emulator.url}/__emulator/${path}`, {
    method,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`control ${method} ${path}: ${response.status}`);
  return response.json();
}

/**
 * An IAM Identity Center access token for the seed's first SSO user, issued in-process as if a
 * sign-in had just completed (for tests of the portal, not of the sign-in flows).
 */
export function ssoAccessToken(emulator: RunningEmulator): string {
  const user = emulator.state.sso?.users[0];
  if (user === undefined) throw new Error("seed has no SSO user");
  return issueToken(emulator.state, "test-client", user).accessToken;
}
