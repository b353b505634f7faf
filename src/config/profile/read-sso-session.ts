import { ConfigError } from "../../errors.js";
import type { ConfigData } from "../config-data.js";
import type { SsoSession } from "./profile.js";
import { readString } from "./read-property.js";

/**
 * The `[sso-session NAME]` section that `profileName` refers to.
 *
 * @throws ConfigError when no such section exists.
 */
export function readSsoSession(config: ConfigData, name: string, profileName: string): SsoSession {
  const properties = config.ssoSessions.get(name);
  if (properties === undefined) {
    throw new ConfigError(
      `profile "${profileName}" has sso_session "${name}", which is not defined`,
      { hint: `Add an [sso-session ${name}] section with sso_start_url and sso_region.` },
    );
  }
  const where = `sso-session "${name}"`;
  const scopes = readString(properties, "sso_registration_scopes", where);
  return {
    name,
    startUrl: readString(properties, "sso_start_url", where),
    region: readString(properties, "sso_region", where),
    registrationScopes: scopes === undefined ? undefined : splitScopes(scopes),
  };
}

function splitScopes(text: string): readonly string[] {
  return text
    .split(",")
    .map((scope) => scope.trim())
    .filter((scope) => scope !== "");
}
