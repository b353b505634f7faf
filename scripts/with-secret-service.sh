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
  # The keyring password only protects this throwaway session's keyring.
  exec dbus-run-session -- sh -c 'printf pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null; exec "$@"' sh "$@"
fi
exec "$@"
