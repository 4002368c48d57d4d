#!/usr/bin/env bash
# `npm test`: type checks, the production build, unit/integration/component/CLI tests (Vitest;
# the CLI tests run the built dist/cli), then the end-to-end specs (Playwright). Ends with one
# line: "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."

# The machine's part first (Chromium, gnome-keyring…): installed where it can be, otherwise the
# exact command is printed. Skipped when the script runs again inside the keyring session.
if [ -z "${TOKEN_TESTER_TEST_KEYRING:-}" ]; then
  bash test/setup-machine.sh || exit 1
fi

# On Linux, everything runs inside a private D-Bus session with a throwaway gnome-keyring, so the
# keychain tests use the real Secret Service without touching the developer's own keyring.
if [ "$(uname -s)" = Linux ] && [ -z "${TOKEN_TESTER_TEST_KEYRING:-}" ]; then
  exec bash test/with-keyring.sh bash "$0" "$@"
fi

results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT
status=0

step() { printf '\n== %s ==\n' "$1"; }

step "Type check"
npx tsc -b || status=1

step "Build"
built=true
npx vite build --logLevel warn || { built=false; status=1; }

# Runs even when the build failed: the CLI tests then fail with a clear message, and the rest
# still report.
step "Unit, integration, component and CLI tests"
npx vitest run --reporter=default --reporter=json --outputFile.json="$results/vitest.json"
vitest_status=$?
[ "$vitest_status" -eq 0 ] || status=1

if $built; then
  step "End-to-end tests"
  PLAYWRIGHT_JSON_OUTPUT_NAME="$results/playwright.json" \
    npx playwright test -c test/playwright.config.ts --reporter=list,json || {
    status=1
    # What the page showed when a spec failed (Playwright's accessibility snapshot): CI keeps only
    # this output, so a failure that does not repeat can still be understood.
    find test-results -name error-context.md -print 2>/dev/null | while read -r context; do
      printf '\n-- %s --\n' "$context"
      head -c 6000 "$context"
    done
  }
fi

node test/support/summary.mjs "$results/vitest.json" "$results/playwright.json" "$vitest_status" || status=1
exit $status
