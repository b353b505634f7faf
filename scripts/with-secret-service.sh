#!/bin/sh
# Runs a command inside a private D-Bus session with an unlocked gnome-keyring Secret Service, so
# the keychain store's tests talk to a real Secret Service:
#   scripts/with-secret-service.sh npx vitest run
# Without dbus-run-session or gnome-keyring-daemon it runs the command as it is (the keychain
# tests then skip locally and fail in CI).
set -eu
if [ "$#" -eq 0 ]; then
  echo "usage: $0 <command> [args...]" >&2
  exit 64
fi
if command -v dbus-run-session >/dev/null 2>&1 && command -v gnome-keyring-daemon >/dev/null 2>&1; then
  # The keyring password only protects this throwaway session's keyring, which lives in a
  # directory of its own (not ~/.local/share/keyrings): nothing stored survives the run, and two
  # runs at once do not share items.
  keyrings=$(mktemp -d "${TMPDIR:-/tmp}/awsafe-keyring-XXXXXX")
  trap 'rm -rf "$keyrings"' EXIT INT TERM
  status=0
  KEYRINGS="$keyrings" dbus-run-session -- sh -c 'printf pw | XDG_DATA_HOME="$KEYRINGS" gnome-keyring-daemon --unlock --components=secrets >/dev/null; unset KEYRINGS; exec "$@"' sh "$@" || status=$?
  exit "$status"
fi
exec "$@"
