#!/usr/bin/env bash
# Runs a command with a private, throwaway keychain on Linux: a new D-Bus session bus with
# gnome-keyring's Secret Service, unlocked, whose files live in a temporary HOME. A developer's
# own keyring is never touched. Elsewhere (macOS, Windows) the command runs as it is.
#
#   bash test/with-keyring.sh <command…>
set -euo pipefail

if [ "$(uname -s)" != Linux ] || [ -n "${TOKEN_TESTER_TEST_KEYRING:-}" ]; then
  exec "$@"
fi

for tool in dbus-run-session gnome-keyring-daemon; do
  if ! command -v "$tool" >/dev/null; then
    echo "with-keyring: $tool is missing (Debian: apt-get install dbus gnome-keyring libsecret-tools)" >&2
    exit 1
  fi
done

keyring_home=$(mktemp -d "${TMPDIR:-/tmp}/token-tester-keyring.XXXXXX")
trap 'rm -rf "$keyring_home"' EXIT
mkdir -m 700 -p "$keyring_home/runtime"

# HOME and XDG_RUNTIME_DIR point into the temporary folder for the bus and anything it starts
# (gnome-keyring stores keyrings under HOME); the command itself gets the real HOME back.
HOME="$keyring_home" XDG_RUNTIME_DIR="$keyring_home/runtime" \
  dbus-run-session -- bash -c '
    set -euo pipefail
    # Creates the login keyring (a throwaway password: an empty one would need a prompt) and
    # leaves it unlocked.
    printf "throwaway\n" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
    for _ in $(seq 50); do
      if busctl --user status org.freedesktop.secrets >/dev/null 2>&1 ||
         dbus-send --session --print-reply --dest=org.freedesktop.DBus / org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q "boolean true"; then
        break
      fi
      sleep 0.1
    done
    export HOME="$1" TOKEN_TESTER_TEST_KEYRING=1
    shift
    exec "$@"
  ' with-keyring "$HOME" "$@"
