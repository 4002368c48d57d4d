#!/usr/bin/env bash
# What the tests need from the machine, installed where it can be: on Debian/Ubuntu, as root or
# with password-less sudo, the missing packages are installed; otherwise the exact command to run
# is printed and the script fails. Used by `npm test` (test/run-all.sh) and by CI (.ci/run).
#
#   chromium           the browser the end-to-end tests drive (never a downloaded one)
#   dbus gnome-keyring libsecret-tools
#                      a private, throwaway keychain (Secret Service) and a client to check it
#   libsecret-1-dev build-essential python3 pkg-config
#                      to build keytar, which has no downloadable binary here
#   xvfb xauth dbus-x11 a display for Electron, where its binary exists
#   openssl            throwaway TLS certificates
set -euo pipefail

[ "$(uname -s)" = Linux ] || exit 0
packages=(chromium xvfb xauth dbus dbus-x11 libsecret-1-dev build-essential python3 pkg-config
  gnome-keyring libsecret-tools openssl)
command -v dpkg-query >/dev/null || {
  echo "setup: not a Debian-based system; install the equivalents of: ${packages[*]}" >&2
  exit 0
}
missing=()
for pkg in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
((${#missing[@]})) || exit 0

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    sudo_cmd=(sudo)
  else
    echo "The tests need these Debian packages: ${missing[*]}" >&2
    echo "Install them with:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi
echo "Installing the Debian packages the tests need: ${missing[*]}"
"${sudo_cmd[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${missing[@]}"
