// A keychain save the command line gave up on (the keychain did not answer within its limit) but
// that the keychain makes later anyway: before it exits, the command line waits for it and takes
// it back, so no secret is left in the keychain without a profile. The keyring is this file's own
// (stopped with SIGSTOP, as a hung unlock prompt would leave it, then resumed); secret-tool checks
// it from outside.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuiltCli, onlyJson, runCli } from '../support/cli';
import { requireKeyringTools, testService } from '../support/keyring';
import { startPrivateKeyring, type PrivateKeyring } from '../support/private-keyring';

const SUITE = 'a keychain save that completes after the command line gave up on it';

/** Every entry secret-tool finds under `service` on this keyring (its attribute lines). */
function entriesUnder(env: Readonly<Record<string, string>>, service: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      'secret-tool',
      ['search', '--all', 'service', service],
      { encoding: 'utf8', env: { ...process.env, ...env } },
      (error, stdout, stderr) => {
        // secret-tool exits 1 with nothing printed when nothing matches.
        if (!error || (error as { code?: unknown }).code === 1) return resolve(`${stdout}${stderr}`);
        reject(new Error('secret-tool search failed', { cause: error }));
      },
    );
  });
}

describe.runIf(requireKeyringTools(SUITE, 'gnome-keyring-daemon', 'dbus-daemon', 'dbus-send', 'secret-tool'))(
  SUITE,
  () => {
    let keyring: PrivateKeyring;
    let dataDir: string;

    beforeAll(async () => {
      assertBuiltCli();
      keyring = await startPrivateKeyring();
      dataDir = await mkdtemp(path.join(tmpdir(), 'cli-late-write-'));
    });
    afterAll(async () => {
      await keyring?.close();
      await rm(dataDir, { recursive: true, force: true });
    });

    it('profiles import: reports the save as failed, waits, and undoes it once the keychain answers', async () => {
      const service = testService();
      // A keychain that answers normally first, so the write itself is the call left waiting.
      expect(await entriesUnder(keyring.env, service)).not.toContain('secret = ');
      process.kill(keyring.daemonPid, 'SIGSTOP');
      let resumed = false;
      const run = await runCli(['profiles', 'import', '--from-env', '--yes', '--json'], {
        env: {
          ...keyring.env,
          TOKEN_TESTER_USER_DATA_DIR: dataDir,
          TOKEN_TESTER_KEYCHAIN_SERVICE: service,
          TOKEN_TESTER_KEYCHAIN_TIMEOUT_MS: '500',
          TELSTRA_CLIENT_ID: 'late-client-id',
          TELSTRA_CLIENT_SECRET: 'late-client-secret-value',
        },
        timeoutMs: 60_000,
        // Once the command line says it waits for the keychain, the keychain comes back.
        onStderr: (soFar) => {
          if (!resumed && soFar.includes('Waiting up to')) {
            resumed = true;
            process.kill(keyring.daemonPid, 'SIGCONT');
          }
        },
      });
      if (!resumed) process.kill(keyring.daemonPid, 'SIGCONT');
      expect(JSON.stringify(onlyJson(run))).not.toContain('late-client-secret-value');
      // The profile was not recorded, and its secret is not in the keychain either.
      const listed = await runCli(['profiles', '--json'], {
        env: { ...keyring.env, TOKEN_TESTER_USER_DATA_DIR: dataDir, TOKEN_TESTER_KEYCHAIN_SERVICE: service },
      });
      expect(onlyJson(listed)).toMatchObject({ profiles: [] });
      expect(await entriesUnder(keyring.env, service)).not.toContain('secret = ');
      expect(resumed).toBe(true);
      expect(run.stderr).not.toContain('still has not answered');
    }, 90_000);
  },
);
