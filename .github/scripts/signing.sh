# Sourced by the release workflow before `npm run dist`: decides, from the secrets that are set,
# what electron-builder signs and notarizes, and says so in one line each. A missing secret (every
# secret, on a fork) is never a failure: that step is skipped and the installers are unsigned.
# Secrets that are set but empty are unset, since electron-builder takes an empty CSC_LINK as a
# certificate; no secret's value is ever printed.
#
#   source .github/scripts/signing.sh      (RUNNER_OS: Linux, macOS or Windows)

signing_missing() {
  local name missing=()
  for name in "$@"; do
    [ -n "${!name:-}" ] || missing+=("$name")
  done
  echo "${missing[*]}"
}

signing_skip() {
  # Unsigned on purpose: stop electron-builder looking for an identity in the keychain.
  unset CSC_LINK CSC_KEY_PASSWORD WIN_CSC_LINK WIN_CSC_KEY_PASSWORD
  export CSC_IDENTITY_AUTO_DISCOVERY=false
  echo "::notice title=Signing skipped::$1"
}

case "${RUNNER_OS:-$(uname -s)}" in
  macOS | Darwin)
    unset WIN_CSC_LINK WIN_CSC_KEY_PASSWORD
    if [ -n "$(signing_missing CSC_LINK)" ]; then
      signing_skip "macOS: no CSC_LINK secret, so the app is not signed (only ad-hoc) and not notarized; Gatekeeper will warn users."
      unset APPLE_ID APPLE_APP_SPECIFIC_PASSWORD APPLE_TEAM_ID
    else
      [ -n "${CSC_KEY_PASSWORD:-}" ] || unset CSC_KEY_PASSWORD
      echo "macOS: signing with the Developer ID certificate in CSC_LINK."
      signing_absent=$(signing_missing APPLE_ID APPLE_APP_SPECIFIC_PASSWORD APPLE_TEAM_ID)
      if [ -n "$signing_absent" ]; then
        unset APPLE_ID APPLE_APP_SPECIFIC_PASSWORD APPLE_TEAM_ID
        echo "::notice title=Notarization skipped::macOS: missing secrets ($signing_absent), so the signed app is not notarized; Gatekeeper will warn users."
      else
        echo "macOS: notarizing with APPLE_ID and APPLE_TEAM_ID."
      fi
    fi
    ;;
  Windows | MINGW* | MSYS* | CYGWIN*)
    # CSC_LINK is the Apple certificate; electron-builder would fall back to it on Windows.
    unset CSC_LINK CSC_KEY_PASSWORD APPLE_ID APPLE_APP_SPECIFIC_PASSWORD APPLE_TEAM_ID
    if [ -n "$(signing_missing WIN_CSC_LINK)" ]; then
      signing_skip "Windows: no WIN_CSC_LINK secret, so the installer is not signed; SmartScreen will warn users."
    else
      [ -n "${WIN_CSC_KEY_PASSWORD:-}" ] || unset WIN_CSC_KEY_PASSWORD
      echo "Windows: signing with the code-signing certificate in WIN_CSC_LINK."
    fi
    ;;
  *)
    unset CSC_LINK CSC_KEY_PASSWORD WIN_CSC_LINK WIN_CSC_KEY_PASSWORD
    unset APPLE_ID APPLE_APP_SPECIFIC_PASSWORD APPLE_TEAM_ID
    echo "Linux: AppImage and deb are not signed (they have no signing step here); no secret is used."
    ;;
esac
unset -f signing_missing signing_skip
unset signing_absent
