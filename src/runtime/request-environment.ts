import { nameMap } from "../config/name-map.js";
import type { Environment } from "../ports/environment.js";
import variables from "./request-environment.json" with { type: "json" };

/**
 * The variables a request to the agent is resolved in, and the only ones a client sends: what
 * awsafe and the AWS SDKs read (every `AWS_*` variable; awsafe's documented `AWSAFE_*` ones,
 * among them the client's time limits, which hold for the commands the agent runs for it),
 * where files are (`HOME` and Windows's equivalents, `XDG_*`), and what a `credential_process`
 * or `pass` child of the agent needs to run (`PATH`, locale, temp dir, the desktop session's
 * keyring and agent sockets, gpg's settings). Everything else of the client's environment stays
 * with the client; test switches (`AWSAFE_TEST_*`) are never among them. The list is data that
 * scripts/bench-minimal-client.cjs reads too, so the bench sends what awsafe sends.
 */
const names: ReadonlySet<string> = new Set(variables.names);
const prefixes: readonly string[] = variables.prefixes;

/** Whether the agent resolves requests with `name` from the client's environment. */
export function isRequestVariable(name: string): boolean {
  return names.has(name) || prefixes.some((prefix) => name.startsWith(prefix));
}

/** `env` restricted to {@link isRequestVariable}, without unset values. */
export function requestEnvironment(env: Environment): Record<string, string> {
  // Names may come from the other end of the socket: a map that inherits nothing.
  const kept = nameMap<string>();
  for (const [name, value] of Object.entries(env)) {
    if (value !== undefined && name !== "__proto__" && isRequestVariable(name)) kept[name] = value;
  }
  return kept;
}
