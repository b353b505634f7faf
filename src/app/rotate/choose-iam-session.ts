import type { ConfigData } from "../../config/config-data.js";
import { AppError } from "../../errors.js";
import { createPlanner } from "../../plan/plan-credentials.js";

/** Which profile's plan gives the MFA session of a stored key, and with which device. */
export interface IamSessionRoute {
  /** The profile to ask the engine for, with `sessionOnly`. */
  readonly profile: string;
  readonly mfaSerial: string;
  /** The profile that sets `mfa_serial` (and `mfa_process`). */
  readonly mfaProfile: string;
}

/**
 * How to get an MFA session of the key stored as `keyProfile`, to call IAM with: the same
 * GetSessionToken step the engine makes for it, so a session already cached (in the agent or the
 * store) is reused and a new one serves the roles afterwards. That is the key's own profile when
 * it sets `mfa_serial`; else the first profile, by name, whose plan starts with these keys and
 * gets them an MFA session (a role over them that sets `mfa_serial`, the device aws-vault and
 * awsafe use for such a chain). `undefined` when no profile gives these keys an MFA device: a
 * session without MFA cannot call IAM at all (IAM refuses such sessions), so the key itself must.
 */
export function chooseIamSession(
  config: ConfigData,
  keyProfile: string,
  storedKeyProfiles: ReadonlySet<string>,
): IamSessionRoute | undefined {
  const plan = createPlanner(config, { storedKeyProfiles });
  const others = [...config.profiles.keys()].filter((name) => name !== keyProfile).sort();
  for (const name of [keyProfile, ...others]) {
    let steps;
    try {
      steps = plan(name).steps;
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      continue;
    }
    const [source, first] = steps;
    if (
      source.kind === "storedKeys" &&
      source.profile === keyProfile &&
      first?.kind === "sessionToken" &&
      first.mfaSerial !== undefined
    ) {
      return {
        profile: name,
        mfaSerial: first.mfaSerial,
        mfaProfile: first.mfaProfile ?? first.profile,
      };
    }
  }
  return undefined;
}

/**
 * The profile whose stored key `profile`'s credentials start from, when that is another
 * profile (a role over stored keys): what to rotate instead. `undefined` otherwise.
 */
export function keyProfileBehind(
  config: ConfigData,
  profile: string,
  storedKeyProfiles: ReadonlySet<string>,
): string | undefined {
  try {
    const [source] = createPlanner(config, { storedKeyProfiles })(profile).steps;
    return source.kind === "storedKeys" && source.profile !== profile ? source.profile : undefined;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return undefined;
  }
}
