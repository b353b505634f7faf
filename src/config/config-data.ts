/**
 * A property value as the SDKs' shared-config grammar reads it: a plain string, or a
 * sub-section (`s3 =` followed by indented `key = value` lines) as a map.
 */
export type PropertyValue = string | Readonly<Record<string, string>>;

/** The properties of one section, keys lower-cased; built with `smallRecord`, they inherit no key. */
export type Properties = Readonly<Record<string, PropertyValue>>;

/**
 * The shared config and credentials files merged the way the SDKs merge them: profiles by name
 * (credentials-file values win per key), `[sso-session NAME]` sections by name, each in the
 * order first read. Maps, not objects: a name read out of a file is a new string, and an object
 * keyed by it first has V8 look the name up among all the names it holds; on 10,000 profiles
 * those lookups took a tenth of the time of reading and planning them.
 */
export interface ConfigData {
  readonly profiles: ReadonlyMap<string, Properties>;
  readonly ssoSessions: ReadonlyMap<string, Properties>;
}

/** A string property, or `undefined` when it is absent or a sub-section. */
export function stringProperty(properties: Properties, key: string): string | undefined {
  const value = properties[key];
  return typeof value === "string" ? value : undefined;
}
