#!/usr/bin/env bash
# Runs a command with a private D-Bus session and an unlocked gnome-keyring Secret Service,
# so keytar talks to a real keychain without touching the user's own.
# Usage: scripts/with-keyring.sh COMMAND [ARGS...]
set -euo pipefail
if [ -z "${SEATWISE_IN_KEYRING:-}" ]; then
  export SEATWISE_IN_KEYRING=1
  exec dbus-run-session -- "$0" "$@"
fi
XDG_DATA_HOME="$(mktemp -d)"; XDG_RUNTIME_DIR="$(mktemp -d)"
export XDG_DATA_HOME XDG_RUNTIME_DIR
chmod 700 "$XDG_RUNTIME_DIR"
# The password only unlocks this throwaway keyring, which lives in a temporary directory.
eval "$(printf 'seatwise-test-keyring' | gnome-keyring-daemon --unlock --components=secrets --daemonize 2>/dev/null)"
export GNOME_KEYRING_CONTROL
cleanup() {
  # --daemonize may print no PID here; dbus-run-session tears the bus (and the daemon) down anyway.
  if [ -n "${GNOME_KEYRING_PID:-}" ]; then kill "$GNOME_KEYRING_PID" 2>/dev/null || true; fi
  rm -rf "$XDG_DATA_HOME" "$XDG_RUNTIME_DIR"
}
trap cleanup EXIT
"$@"
