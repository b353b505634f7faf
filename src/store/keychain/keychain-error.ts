import { StoreError } from "../../errors.js";

/** Where the OS keychain is, by platform, for messages. */
export function keychainLocation(platform: NodeJS.Platform): string {
  if (platform === "darwin") return "the macOS Keychain";
  if (platform === "win32") return "the Windows Credential Manager";
  return "the Secret Service keyring";
}

/**
 * Turns a failure of `@napi-rs/keyring` into a StoreError that says what state the keychain is
 * in. The library's messages name D-Bus and Secret Service states, never the secret, so the
 * classified state is shown and the raw error is kept as the cause for `--debug`.
 */
export function keychainError(action: string, location: string, error: unknown): StoreError {
  if (error instanceof StoreError) return error;
  const text = error instanceof Error ? `${error.message} ${String(error.cause)}` : String(error);
  const state = classify(text);
  return new StoreError(`Cannot ${action} ${location}: ${state.found}`, {
    hint: state.hint,
    cause: error,
  });
}

interface KeychainState {
  readonly found: string;
  readonly hint: string;
}

const fallback = "or use the encrypted-file store: --backend file (or AWSAFE_BACKEND=file).";

function classify(text: string): KeychainState {
  if (/locked|prompt was dismissed|IsLocked|user interaction/i.test(text)) {
    return {
      found: "the keyring is locked and could not be unlocked without a prompt",
      hint: `Unlock your login keyring (log in to the desktop session, or \`gnome-keyring-daemon --unlock\`), ${fallback}`,
    };
  }
  if (
    /DBUS_SESSION_BUS_ADDRESS|Failed to connect|ServiceUnknown|org\.freedesktop\.secrets|No such file|NoReply|not provided by any/i.test(
      text,
    )
  ) {
    return {
      found: "no Secret Service is running (no D-Bus session, or no gnome-keyring/KeePassXC on it)",
      hint: `Start a Secret Service provider in a D-Bus session (e.g. gnome-keyring), ${fallback}`,
    };
  }
  return {
    found: `the keychain reported an error (${firstLine(text)})`,
    hint: `Check that the OS keychain works (e.g. \`secret-tool search service awsafe\` on Linux), ${fallback}`,
  };
}

function firstLine(text: string): string {
  return (text.split("\n")[0] ?? "").slice(0, 200).trim();
}
