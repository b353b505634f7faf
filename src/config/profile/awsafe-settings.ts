import type { Properties, PropertyValue } from "../config-data.js";
import { smallRecord } from "../name-map.js";

/**
 * Settings that make the AWS CLI and the SDKs get credentials themselves, ahead of a profile's
 * `credential_process` (botocore's and the JS SDK's provider order: role, web identity, SSO,
 * then process). A profile the AWS tools should reach through awsafe holds them with the
 * {@link awsafePrefix} instead: those tools ignore unknown keys and run `credential_process`,
 * and awsafe reads `awsafe_role_arn` as `role_arn` (the way granted keeps `granted_sso_*`).
 */
export const routedKeys: readonly string[] = [
  "role_arn",
  "source_profile",
  "credential_source",
  "web_identity_token_file",
  "sso_session",
  "sso_start_url",
  "sso_region",
  "sso_account_id",
  "sso_role_name",
];

/** The prefix of awsafe's own copy of a routed key. */
export const awsafePrefix = "awsafe_";

/**
 * A profile's settings as awsafe reads them: each `awsafe_<key>` in place of `<key>`. Returns
 * `properties` itself when it has none, which is almost always.
 */
export function awsafeView(properties: Properties): Properties {
  let view: Record<string, PropertyValue> | undefined;
  // Walking the few keys a profile has is cheaper than looking up every routed key in it.
  for (const key in properties) {
    if (!key.startsWith(awsafePrefix) || !Object.hasOwn(properties, key)) continue;
    const plain = key.slice(awsafePrefix.length);
    const value = properties[key];
    if (value === undefined || !routedKeys.includes(plain)) continue;
    view ??= Object.assign(smallRecord<PropertyValue>(), properties);
    view[plain] = value;
  }
  return view ?? properties;
}
