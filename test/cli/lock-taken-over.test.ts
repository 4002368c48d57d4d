// Browser mode whose data-folder lock another program took over: paused (Ctrl-Z, SIGSTOP, a
// laptop asleep) in another PID namespace or on another computer, its lock stopped being kept
// fresh and counted as a crash's leftover after FOREIGN_FRESH_MS (main/browser/data-lock.ts); an
// import took the folder, saved its profile and let go. Resumed, browser mode wrote its own copy
// of the profiles over the import's: the imported profile was gone and its secret left in the
// keychain without it. Now each store checks the lock still names this process before it writes,
// and refuses with words if not. The takeover is made here by hand (the lock file removed, as the
// import's release leaves it, then another's lock in its place): no pause, no waiting on a clock.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { LOCK_FILE } from '../../main/browser/data-lock';
import { TAKEN_OVER } from '../../main/storage/folder-taken-over';
import { assertBuiltCli, CLI_PATH, onlyJson, runCli } from '../support/cli';
import { firstJsonLine, pairedApi } from '../support/pair';
import { undoneAfterEach } from '../support/per-test';

const { started, folder } = undoneAfterEach();
beforeAll(() => assertBuiltCli());

/** A data folder of its own (removed after the test), and the environment the commands get for it. */
async function dataFolder() {
  const data = await folder('lock-taken-over-');
  const env = {
    TOKEN_TESTER_USER_DATA_DIR: data,
    TOKEN_TESTER_KEYCHAIN_SERVICE: 'lock-taken-over-test',
    BROWSER: 'none',
  };
  return { data, env };
}

/** Browser mode with `env` (killed after the test). */
function startUi(env: Record<string, string>): ChildProcessWithoutNullStreams {
  const ui = spawn(process.execPath, [CLI_PATH, 'ui', '--json', '--no-open'], {
    env: { ...process.env, ...env },
    stdio: 'pipe',
  });
  started.push(ui);
  return ui;
}

const fields = (name: string) => ({
  name,
  preset: 'v3',
  tokenUrl: 'https://tapi.telstra.com/v2/oauth/token',
  clientId: `client-${name}`,
  grantType: 'client_credentials',
  scope: '',
});

describe('browser mode after another program took its data folder over', () => {
  it('saves nothing over what that program wrote, says why, and leaves its lock alone', async () => {
    const { data, env } = await dataFolder();
    const ui = startUi(env);
    const api = await pairedApi((await firstJsonLine(ui)).url);
    const value = async (channel: string, arg?: unknown) =>
      ((await (await api(channel, arg)).json()) as { value: Record<string, unknown> }).value;
    const names = async () =>
      (
        JSON.parse(await readFile(path.join(data, 'profiles.json'), 'utf8')) as {
          profiles: Array<{ name: string }>;
        }
      ).profiles.map((profile) => profile.name);
    expect(
      await value('profiles:save', { profileId: null, fields: fields('one'), secret: 'secret-one' }),
    ).toMatchObject({
      ok: true,
    });

    // Taken over and let go, as an import does once browser mode's lock has gone stale.
    const lockFile = path.join(data, LOCK_FILE);
    await rm(lockFile);
    const imported = await runCli(['profiles', 'import', '--from-env', '--yes', '--json'], {
      env: { ...env, TELSTRA_CLIENT_ID: 'imported-id', TELSTRA_CLIENT_SECRET: 'imported-secret' },
    });
    expect(onlyJson(imported)).toMatchObject({ written: true });
    const afterImport = await names();
    expect(afterImport).toHaveLength(2);

    const two = await value('profiles:save', {
      profileId: null,
      fields: fields('two'),
      secret: 'secret-two',
    });
    expect(two).toMatchObject({ ok: false });
    expect(String(two.message)).toContain(TAKEN_OVER);
    expect(await names()).toEqual(afterImport);
    const settings = await value('settings:update', { notifyBeforeExpiry: false });
    expect(settings).toMatchObject({ ok: false });
    expect(String(settings.message)).toContain(TAKEN_OVER);

    // Another's lock in its place (held now, fresh, by another computer's app): still refused, and
    // browser mode's Ctrl-C leaves that lock as it is.
    const another = `1\nbrowser mode\n\nanother-computer.invalid\n\n`;
    await writeFile(lockFile, another);
    const three = await value('profiles:save', {
      profileId: null,
      fields: fields('three'),
      secret: 'secret-3',
    });
    expect(String(three.message)).toContain(TAKEN_OVER);
    expect(await names()).toEqual(afterImport);
    const exited = new Promise((resolve) => ui.once('exit', resolve));
    ui.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(await readFile(lockFile, 'utf8')).toBe(another);
  });

  it('sets nothing aside and rewrites nothing when its first load comes after the takeover', async () => {
    // A profiles file with one entry that cannot be read: its holder keeps a copy and rewrites it
    // as it loads it. Loaded first after another program took the folder over (browser mode
    // paused before its page opened), it was that program's file the copy and rewrite were of.
    const { data, env } = await dataFolder();
    const profilesFile = path.join(data, 'profiles.json');
    const imported = await runCli(['profiles', 'import', '--from-env', '--yes', '--json'], {
      env: { ...env, TELSTRA_CLIENT_ID: 'imported-id' },
    });
    expect(onlyJson(imported)).toMatchObject({ written: true });
    const saved = JSON.parse(await readFile(profilesFile, 'utf8')) as { profiles: unknown[] };
    const damaged = `${JSON.stringify({ ...saved, profiles: [...saved.profiles, { name: 7 }] })}\n`;
    await writeFile(profilesFile, damaged);
    const ui = startUi(env);
    const api = await pairedApi((await firstJsonLine(ui)).url);
    const before = (await readdir(data)).sort();
    await writeFile(path.join(data, LOCK_FILE), `1\nbrowser mode\n\nanother-computer.invalid\n\n`);
    const list = (await (await api('profiles:list')).json()) as { value: { notices: string[] } };
    expect(list.value.notices.join(' ')).toContain('nothing is changed from here');
    expect(await readFile(profilesFile, 'utf8')).toBe(damaged);
    expect((await readdir(data)).sort()).toEqual(before);
  });
});
