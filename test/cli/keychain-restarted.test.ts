// The keyring daemon restarted while browser mode runs (it crashed and D-Bus started it again,
// or the user restarted it): libsecret keeps talking to the daemon that answered first, by its
// bus name, in the process that loaded it. So browser mode's keychain helper answered every call
// after a restart with "No keychain service: The name :1.0 was not provided by any .service
// files" (or "The session wrapping the secret does not exist"), while the new daemon ran and
// held the secrets, until browser mode itself was restarted. The helper is replaced at such an
// answer and the call asked again once. The keyring is this file's own (the restart would
// disturb the other test files).
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuiltCli, CLI_PATH } from '../support/cli';
import { requireKeyringTools } from '../support/keyring';
import { firstJsonLine, pairedApi } from '../support/pair';
import { startPrivateKeyring, type PrivateKeyring } from '../support/private-keyring';

const SUITE = 'the keyring daemon restarted while browser mode runs';
const SERVICE = 'keychain-restarted-test';

describe.runIf(requireKeyringTools(SUITE, 'gnome-keyring-daemon', 'dbus-daemon', 'dbus-send'))(SUITE, () => {
  let keyring: PrivateKeyring;
  let ui: ChildProcessWithoutNullStreams;
  let api: Awaited<ReturnType<typeof pairedApi>>;

  const value = async (channel: string, arg?: unknown) =>
    ((await (await api(channel, arg)).json()) as { value: Record<string, unknown> }).value;
  const fields = (name: string) => ({
    name,
    preset: 'v3',
    tokenUrl: '',
    clientId: 'restarted-client-id',
    grantType: 'client_credentials',
    scope: '',
  });

  beforeAll(async () => {
    assertBuiltCli();
    keyring = await startPrivateKeyring();
    const userDataDir = await mkdtemp(path.join(tmpdir(), 'keychain-restarted-'));
    ui = spawn(process.execPath, [CLI_PATH, 'ui', '--json', '--no-open'], {
      env: {
        ...process.env,
        ...keyring.env,
        TOKEN_TESTER_USER_DATA_DIR: userDataDir,
        TOKEN_TESTER_KEYCHAIN_SERVICE: SERVICE,
        BROWSER: 'none',
      },
      stdio: 'pipe',
    });
    api = await pairedApi((await firstJsonLine(ui)).url);
  }, 60_000);

  afterAll(async () => {
    ui?.kill('SIGINT');
    await keyring?.close();
  });

  it('reads, lists and saves with the new daemon, without a restart of browser mode', async () => {
    const saved = (await value('profiles:save', {
      profileId: null,
      fields: fields('Before the restart'),
      secret: 'kept-across-restart',
    })) as { ok: boolean; profile: { id: string } };
    expect(saved).toMatchObject({ ok: true });
    const profileId = saved.profile.id;
    // The helper has talked to the first daemon.
    expect(await value('profiles:reveal-secret', { profileId })).toEqual({
      ok: true,
      secret: 'kept-across-restart',
    });

    await keyring.restart();

    expect(await value('profiles:reveal-secret', { profileId })).toEqual({
      ok: true,
      secret: 'kept-across-restart',
    });
    expect(await value('profiles:list')).toMatchObject({
      keychain: { available: true, problem: null },
      profiles: [expect.objectContaining({ id: profileId, secretState: 'stored' })],
    });
    expect(
      await value('profiles:save', {
        profileId: null,
        fields: fields('After the restart'),
        secret: 'new-one',
      }),
    ).toMatchObject({ ok: true, profile: { secretState: 'stored' } });
    expect(ui.exitCode).toBeNull();
  }, 60_000);
});
