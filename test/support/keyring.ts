// Helpers for tests against the real keychain: the private gnome-keyring that `npm test` starts
// (test/with-keyring.sh), and secret-tool as an independent client to cross-check it.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';

/** True inside `npm test`'s private keyring session. */
export const hasTestKeyring = process.env.TOKEN_TESTER_TEST_KEYRING === '1';

export const KEYRING_SKIP_REASON =
  'needs the private keyring that `npm test` starts (bash test/with-keyring.sh …)';

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
