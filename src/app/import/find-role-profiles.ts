import { stringProperty, type Properties } from "../../config/config-data.js";
import { awsafeProcessProfile } from "../configure/route-through-awsafe.js";

/** A profile whose role the AWS CLI and the SDKs assume themselves, from a source awsafe serves. */
export interface RoleProfile {
  readonly profile: string;
  /** The profile served by awsafe that its `source_profile` chain reaches. */
  readonly through: string;
}

/**
 * The role profiles (`role_arn` with `source_profile`) whose source chain reaches a profile in
 * `served`, and which the AWS tools would therefore still assume on their own once that source
 * answers through awsafe's `credential_process`: `role_arn` comes before `credential_process`
 * in their provider order, so they call AssumeRole themselves, prompt for the MFA code on stdin
 * and the AWS CLI caches the role's credentials in plain text in `~/.aws/cli/cache`. A profile
 * with a `credential_process` of another program is left out: routing it would replace that.
 */
export function findRoleProfiles(
  profiles: ReadonlyMap<string, Properties>,
  served: ReadonlySet<string>,
): RoleProfile[] {
  const found: RoleProfile[] = [];
  for (const profile of [...profiles.keys()].sort()) {
    const properties = profiles.get(profile);
    if (properties === undefined || served.has(profile)) continue;
    if (stringProperty(properties, "role_arn") === undefined) continue;
    const process = stringProperty(properties, "credential_process");
    if (process !== undefined && awsafeProcessProfile(process) !== profile) continue;
    const through = servedSource(profiles, properties, served);
    if (through !== undefined) found.push({ profile, through });
  }
  return found;
}

/** The first profile in `served` along the `source_profile` chain, if the chain reaches one. */
function servedSource(
  profiles: ReadonlyMap<string, Properties>,
  start: Properties,
  served: ReadonlySet<string>,
): string | undefined {
  const seen = new Set<string>();
  let source = stringProperty(start, "source_profile");
  while (source !== undefined && !seen.has(source)) {
    if (served.has(source)) return source;
    seen.add(source);
    const next = profiles.get(source);
    if (next === undefined || stringProperty(next, "role_arn") === undefined) return undefined;
    source = stringProperty(next, "source_profile");
  }
  return undefined;
}
