import type { Profile } from "../config/profile/profile.js";
import type {
  AssumeRoleStep,
  SessionTokenStep,
  SourceStep,
  TransformStep,
} from "./credential-plan.js";
import { ssoTokenAsSourceError } from "./plan-errors.js";
import type { RoleProfile, SourceChain } from "./walk-source-chain.js";

/** AWS caps a role session assumed from temporary credentials at one hour (SPECS §b.5). */
export const roleChainingMaxSeconds = 3600;

/**
 * A profile that sets `mfa_serial` (and maybe `mfa_process`): the device is the profile itself,
 * not a copy, as a device object per role planned would cost `awsafe list` an allocation each.
 */
type MfaDevice = Profile & { readonly mfaSerial: string };

/**
 * The steps of a plan for a walked chain: the source, an optional GetSessionToken, one
 * AssumeRole per role (aws-vault's `TempCredentialsCreator`):
 *
 * - Long-term keys never reach a command directly: without a role they go through
 *   GetSessionToken (with the profile's `mfa_serial` when set).
 * - When the first role has `mfa_serial`, the keys first get an MFA session and the role is
 *   assumed from it without a second prompt; the session is cached for hours, so one prompt
 *   serves many roles. Unless that role asks for more than an hour: a role assumed from a
 *   session is capped at one hour, so the role is assumed with MFA straight from the keys.
 * - A first role without `mfa_serial` uses the device of the keys' own profile, when it sets
 *   one: aws-vault's rule (the source profile gets its MFA session, and the roles above it are
 *   assumed from that session). The AWS CLI ignores it and assumes the role without MFA; a user
 *   who set up a device for these keys means it to be used.
 * - A role assumed from temporary credentials is `chained` and capped at one hour.
 *
 * @throws ConfigError when a role's source is an SSO token alone, which cannot call STS.
 */
export function chainSteps(chain: SourceChain): readonly [SourceStep, ...TransformStep[]] {
  const [firstRole] = chain.roles;
  if (chain.source.kind === "ssoToken" && firstRole !== undefined) {
    throw ssoTokenAsSourceError(firstRole.name, chain.source.profile);
  }
  const session = sessionStep(chain);
  // Made at its final length: a literal grown by push reserves room for 17 steps, and
  // `awsafe list` plans every profile.
  const steps = new Array<SourceStep | TransformStep>(
    1 + (session === undefined ? 0 : 1) + chain.roles.length,
  );
  let next = 0;
  steps[next++] = chain.source;
  if (session !== undefined) steps[next++] = session;
  let temporary = session !== undefined || isTemporary(chain.source);
  let usedMfa = session?.mfaSerial;
  for (const role of chain.roles) {
    const device = mfaDevice(role) ?? (role === firstRole ? keysDevice(chain) : undefined);
    // aws-vault's rule: a device already used up the chain is not asked again; a TOTP code
    // cannot be reused anyway, and the credentials already carry that MFA context.
    const mfa = device?.mfaSerial === usedMfa ? undefined : device;
    steps[next++] = assumeRoleStep(role, mfa, temporary);
    temporary = true;
    usedMfa = mfa?.mfaSerial ?? usedMfa;
  }
  return steps as [SourceStep, ...TransformStep[]];
}

/** The GetSessionToken step the rules above call for, if any. */
function sessionStep(chain: SourceChain): SessionTokenStep | undefined {
  const { source, sourceProfile, roles } = chain;
  if (!isLongTermKeys(source)) return undefined;
  const [firstRole] = roles;
  if (firstRole === undefined) {
    return sessionTokenStep(sourceProfile, mfaDevice(sourceProfile), sourceProfile.durationSeconds);
  }
  const device = mfaDevice(firstRole) ?? keysDevice(chain);
  if (device === undefined || exceedsChainingCap(firstRole)) return undefined;
  return sessionTokenStep(sourceProfile, device, undefined);
}

/** The MFA device of the long-term keys' own profile, which the first role may fall back on. */
function keysDevice({ source, sourceProfile }: SourceChain): MfaDevice | undefined {
  return isLongTermKeys(source) ? mfaDevice(sourceProfile) : undefined;
}

/** Keys that can call GetSessionToken: stored, or plain-text without a session token. */
function isLongTermKeys(source: SourceStep): boolean {
  return source.kind === "storedKeys" || (source.kind === "staticKeys" && !source.temporary);
}

/**
 * Whether a source is known to yield temporary credentials, so a role assumed from it is
 * chained. SSO, web identity, EC2 and ECS return role sessions; plain-text keys with
 * `aws_session_token` are temporary too. `credential_process` and the environment may return
 * either; they are not marked (STS still enforces the cap if they are temporary).
 */
function isTemporary(source: SourceStep): boolean {
  switch (source.kind) {
    case "storedKeys":
    case "process":
      return false;
    case "staticKeys":
      return source.temporary;
    case "sso":
    case "ssoToken":
    case "webIdentity":
      return true;
    case "credentialSource":
      return source.source !== "Environment";
  }
}

function exceedsChainingCap(role: RoleProfile): boolean {
  return (role.durationSeconds ?? 0) > roleChainingMaxSeconds;
}

function mfaDevice(profile: Profile): MfaDevice | undefined {
  return hasMfaDevice(profile) ? profile : undefined;
}

function hasMfaDevice(profile: Profile): profile is MfaDevice {
  return profile.mfaSerial !== undefined;
}

// The steps are built field by field, not with conditional spreads: planning 10,000 profiles
// (`awsafe list`) makes a step or two each, and a spread per optional field costs several times
// as much. Fields are added in the order the plan prints them (`explain --json`).
type Writable<T> = { -readonly [K in keyof T]: T[K] };

function sessionTokenStep(
  keysProfile: Profile,
  mfa: MfaDevice | undefined,
  duration: number | undefined,
): SessionTokenStep {
  const step: Writable<SessionTokenStep> = { kind: "sessionToken", profile: keysProfile.name };
  addMfaFields(step, mfa);
  if (mfa !== undefined && mfa.name !== keysProfile.name) step.mfaProfile = mfa.name;
  if (duration !== undefined) step.durationSeconds = duration;
  return step;
}

function assumeRoleStep(
  role: RoleProfile,
  mfa: MfaDevice | undefined,
  chained: boolean,
): AssumeRoleStep {
  const { name, roleArn, externalId, roleSessionName, durationSeconds } = role;
  const { sessionTags, transitiveTagKeys, sourceIdentity } = role;
  // `chained` comes after the optional fields, as it always has in printed plans.
  const step: Partial<Writable<AssumeRoleStep>> = { kind: "assumeRole", profile: name, roleArn };
  if (externalId !== undefined) step.externalId = externalId;
  if (roleSessionName !== undefined) step.roleSessionName = roleSessionName;
  if (sessionTags !== undefined) step.tags = sessionTags;
  if (transitiveTagKeys !== undefined) step.transitiveTagKeys = transitiveTagKeys;
  if (sourceIdentity !== undefined) step.sourceIdentity = sourceIdentity;
  if (durationSeconds !== undefined) step.durationSeconds = durationSeconds;
  addMfaFields(step, mfa);
  step.chained = chained;
  if (chained) step.maxDurationSeconds = roleChainingMaxSeconds;
  return step as AssumeRoleStep;
}

function addMfaFields(
  step: { mfaSerial?: string; mfaProcess?: string; mfaProfile?: string },
  mfa: MfaDevice | undefined,
): void {
  if (mfa === undefined) return;
  step.mfaSerial = mfa.mfaSerial;
  if (mfa.mfaProcess !== undefined) step.mfaProcess = mfa.mfaProcess;
  step.mfaProfile = mfa.name;
}
