/**
 * A property value as the SDKs' shared-config grammar reads it: a plain string, or a
 * sub-section (`s3 =` followed by indented `key = value` lines) as a map.
 */
export type PropertyValue = string | Readonly<Record<string, string>>;

/** The properties of one section, keys lower-cased. Built with `nameMap`, so no key is inherited. */
export type Properties = Readonly<Record<string, PropertyValue>>;

/**
 * The shared config and credentials files merged the way the SDKs merge them: profiles by name
 * (credentials-file values win per key), `[sso-session NAME]` sections by name.
 */
export interface ConfigData {
  readonly profiles: Readonly<Record<string, Properties>>;
  readonly ssoSessions: Readonly<Record<string, Properties>>;
}

/** A string property, or `undefined` when it is absent or a sub-section. */
export function stringProperty(properties: Properties, key: string): string | undefined {
  const value = properties[key];
  return typeof value === "string" ? value : undefined;
}
