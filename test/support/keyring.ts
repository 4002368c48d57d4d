// Helpers for tests against the real keychain: the private gnome-keyring that `npm test` starts
// (test/with-keyring.sh), and secret-tool as an independent client to cross-check it.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';

/** True inside `npm test`'s private keyring session. */
export const hasTestKeyring = process.env.TOKEN_TESTER_TEST_KEYRING === '1';

export const KEYRING_SKIP_REASON =
  'needs the private keyring that `npm test` starts (bash test/with-keyring.sh …)';

/**
 * A keychain test that cannot run here is never skipped quietly: it says so on stderr, in one line
 * naming what was skipped and how to run it. Under CI (CI=true), where the keyring must exist, it
 * fails instead (the error fails the test file).
 */
function skipLoudly(suite: string, reason: string): false {
  if (process.env.CI === 'true') {
    throw new Error(`Keychain tests cannot run (CI=true): “${suite}” ${reason}.`);
  }
  console.warn(`SKIPPED keychain tests: “${suite}” ${reason}.`);
  return false;
}

/** For a suite on the shared private keyring: true inside it, otherwise a loud skip. */
export function requireTestKeyring(suite: string): boolean {
  return hasTestKeyring || skipLoudly(suite, KEYRING_SKIP_REASON);
}

const onPath = (tool: string) =>
  (process.env.PATH ?? '')
    .split(path.delimiter)
    .some((dir) => dir !== '' && existsSync(path.join(dir, tool)));

/**
 * For a suite that starts a keyring of its own (Linux): true when the programs it runs exist,
 * otherwise a loud skip.
 */
export function requireKeyringTools(suite: string, ...tools: readonly string[]): boolean {
  if (process.platform !== 'linux') return skipLoudly(suite, 'needs Linux (gnome-keyring over D-Bus)');
  const missing = tools.filter((tool) => !onPath(tool));
  return (
    missing.length === 0 ||
    skipLoudly(
      suite,
      `needs ${missing.join(', ')} (Debian: apt-get install dbus gnome-keyring libsecret-tools)`,
    )
  );
}

/** A service name of this test run's own, so runs never see each other's entries. */
export function testService(): string {
  return `au.com.telstra-token-tester.test-${randomBytes(6).toString('hex')}`;
}

/** What secret-tool finds for (service, account): the secret, or null when there is none. */
export function secretToolLookup(service: string, account: string): Promise<string | null> {
  return new Promise((resolve, reject) => {
    execFile(
      'secret-tool',
      ['lookup', 'service', service, 'account', account],
      { encoding: 'utf8' },
      (error, stdout) => {
        if (!error) return resolve(stdout);
        // secret-tool exits 1 with no output when nothing matches.
        if ((error as { code?: unknown }).code === 1 && stdout === '') return resolve(null);
        reject(new Error('secret-tool lookup failed', { cause: error }));
      },
    );
  });
}

/** Removes an entry behind the app's back (as another program, or the user, might). */
export function secretToolClear(service: string, account: string): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile('secret-tool', ['clear', 'service', service, 'account', account], (error) =>
      error ? reject(new Error('secret-tool clear failed', { cause: error })) : resolve(),
    );
  });
}
