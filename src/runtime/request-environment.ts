import { nameMap } from "../config/name-map.js";
import type { Environment } from "../ports/environment.js";

/**
 * The variables a request to the agent is resolved in, and the only ones a client sends: what
 * awsafe and the AWS SDKs read (every `AWS_*` variable; awsafe's documented `AWSAFE_*` ones),
 * where files are (`HOME` and Windows's equivalents, `XDG_*`), and what a `credential_process`
 * or `pass` child of the agent needs to run (`PATH`, locale, temp dir, the desktop session's
 * keyring and agent sockets, gpg's settings). Everything else of the client's environment stays
 * with the client; test switches (`AWSAFE_TEST_*`) are never among them.
 */
const names = new Set([
  "AWSAFE_BACKEND",
  "AWSAFE_HOME",
  "AWSAFE_FILE_PASSPHRASE",
  "AWSAFE_FILE_PASSPHRASE_FILE",
  // The client's time limits hold for the commands the agent runs for it.
  "AWSAFE_PROCESS_TIMEOUT_SECONDS",
  "AWSAFE_PROMPT_TIMEOUT_SECONDS",
  "HOME",
  "USERPROFILE",
  "HOMEDRIVE",
  "HOMEPATH",
  "APPDATA",
  "LOCALAPPDATA",
  "PATH",
  "USER",
  "LOGNAME",
  "LANG",
  "LANGUAGE",
  "TZ",
  "TMPDIR",
  "TERM",
  "DISPLAY",
  "WAYLAND_DISPLAY",
  "DBUS_SESSION_BUS_ADDRESS",
  "SSH_AUTH_SOCK",
  "GNUPGHOME",
  "GPG_TTY",
  "PASSWORD_STORE_DIR",
  "PASSWORD_STORE_GPG_OPTS",
]);
const prefixes = ["AWS_", "XDG_", "LC_"];

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
