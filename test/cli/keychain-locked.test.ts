// A keychain locked while the app runs, and left locked (its unlock prompt dismissed, or none can
// be shown): keytar's listing crashes the process it runs in there (libsecret gives the entries
// without their secrets, which keytar reads anyway), and its read answers "no entry". Browser mode
// and the command line run keytar in a helper process: the crash takes only the helper, the
// keychain is reported as locked (not the secret as missing), and the next call starts a new
// helper. The keyring is this file's own: locking the shared one would fail the other tests.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuiltCli, CLI_PATH, onlyJson, runCli } from '../support/cli';
import { requireKeyringTools } from '../support/keyring';
import { firstJsonLine, pairedApi } from '../support/pair';
import { startPrivateKeyring, type PrivateKeyring } from '../support/private-keyring';

const SUITE = 'a keychain locked while the app runs';

describe.runIf(requireKeyringTools(SUITE, 'gnome-keyring-daemon', 'dbus-daemon', 'dbus-send'))(SUITE, () => {
  let keyring: PrivateKeyring;
  let ui: ChildProcessWithoutNullStreams;
  let api: Awaited<ReturnType<typeof pairedApi>>;
  let env: Record<string, string>;
  let stderr = '';

  const value = async (channel: string, arg?: unknown) =>
    ((await (await api(channel, arg)).json()) as { value: Record<string, unknown> }).value;

  beforeAll(async () => {
    assertBuiltCli();
    keyring = await startPrivateKeyring();
    const userDataDir = await mkdtemp(path.join(tmpdir(), 'keychain-locked-'));
    env = {
      ...keyring.env,
      TOKEN_TESTER_USER_DATA_DIR: userDataDir,
      TOKEN_TESTER_KEYCHAIN_SERVICE: 'keychain-locked-test',
      TOKEN_TESTER_KEYCHAIN_TIMEOUT_MS: '10000',
    };
    ui = spawn(process.execPath, [CLI_PATH, 'ui', '--json', '--no-open'], {
      env: { ...process.env, ...env, BROWSER: 'none' },
      stdio: 'pipe',
    });
    ui.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    api = await pairedApi((await firstJsonLine(ui)).url);
    const saved = await value('profiles:save', {
      profileId: null,
      fields: {
        name: 'Locked away',
        preset: 'v3',
        tokenUrl: '',
        clientId: 'locked-client-id',
        grantType: 'client_credentials',
        scope: '',
      },
      secret: 'locked-secret-value',
    });
    expect(saved).toMatchObject({ ok: true });
    // As a screen lock does it (`secret-tool lock` crashes on this collection).
    await promisify(execFile)(
      'dbus-send',
      [
        '--session',
        '--print-reply',
        '--dest=org.freedesktop.secrets',
        '/org/freedesktop/secrets',
        'org.freedesktop.Secret.Service.Lock',
        'array:objpath:/org/freedesktop/secrets/collection/login',
      ],
      { env: { ...process.env, ...keyring.env } },
    );
  }, 60_000);

  afterAll(async () => {
    ui?.kill('SIGINT');
    await keyring?.close();
  });

  it('browser mode lists the profiles with the keychain locked, and keeps running', async () => {
    for (let i = 0; i < 2; i += 1) {
      // Twice: the second listing gets a new helper, not "the helper stopped".
      expect(await value('profiles:list')).toMatchObject({
        ok: true,
        keychain: { available: false, problem: 'locked' },
        profiles: [expect.objectContaining({ name: 'Locked away', secretState: 'unknown' })],
      });
    }
    expect(ui.exitCode).toBeNull();
    expect(ui.signalCode).toBeNull();
  }, 60_000);

  it('a profile’s secret read from a locked keychain is "Keychain locked", not "Secret missing"', async () => {
    const { profiles } = (await value('profiles:list')) as { profiles: Array<{ id: string }> };
    const revealed = await value('profiles:reveal-secret', { profileId: profiles[0]?.id });
    expect(revealed).toMatchObject({ ok: false, kind: 'keychain', problem: 'locked' });
    expect(JSON.stringify(revealed)).not.toContain('locked-secret-value');
    expect(ui.exitCode).toBeNull();
    expect(stderr).not.toMatch(/failed/);
  }, 60_000);

  it('the command line says "Keychain locked" for the list and for a request with the profile', async () => {
    const list = await runCli(['profiles', '--json'], { env, timeoutMs: 30_000 });
    expect(list.code).toBe(0);
    expect(onlyJson(list)).toMatchObject({ keychain: { available: false, problem: 'locked' } });
    const request = await runCli(['request', '--profile', 'Locked away', '--json'], {
      env,
      timeoutMs: 30_000,
    });
    expect(request.code).toBe(5);
    expect(onlyJson(request)).toMatchObject({ outcome: 'keychain:locked', title: 'Keychain locked' });
  }, 60_000);
});
