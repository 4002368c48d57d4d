// A keychain that stops answering (gnome-keyring stopped with SIGSTOP, as a hung unlock prompt
// would leave it): the command line reports "Keychain not responding" after its limit and exits
// at once with the documented status, instead of waiting for D-Bus's own timeout (~50 s), and
// leaves no process behind. The keyring is this file's own: stopping the shared one would stall
// the other keychain tests.
import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProfileStore } from '../../main/profiles/profile-store';
import { assertBuiltCli, CLI_PATH, onlyJson, runCli } from '../support/cli';
import { requireKeyringTools, testService } from '../support/keyring';
import { isStopped, startPrivateKeyring, type PrivateKeyring } from '../support/private-keyring';

/** Processes whose environment holds RUN_MARKER=marker: the CLI and anything it started. */
async function processesMarked(marker: string): Promise<number[]> {
  const found: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const environ = await readFile(`/proc/${entry}/environ`, 'latin1').catch(() => '');
    if (environ.split('\0').includes(`RUN_MARKER=${marker}`)) found.push(Number(entry));
  }
  return found;
}

/**
 * None may be left soon after the CLI has exited: within seconds, far below D-Bus's own ~25-50 s,
 * so a helper that lingers until D-Bus gives up is caught.
 */
async function untilNoneLeft(marker: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while ((await processesMarked(marker)).length > 0) {
    if (Date.now() > deadline) throw new Error('a process of the CLI is still waiting on the keyring');
    await new Promise((r) => setTimeout(r, 100));
  }
}

const SUITE = 'a keychain that stops answering';

describe.runIf(requireKeyringTools(SUITE, 'gnome-keyring-daemon', 'dbus-daemon', 'dbus-send'))(SUITE, () => {
  let keyring: PrivateKeyring;
  let env: Record<string, string>;

  beforeAll(async () => {
    assertBuiltCli();
    keyring = await startPrivateKeyring();
    const userDataDir = await mkdtemp(path.join(tmpdir(), 'cli-stalled-keychain-'));
    const at = Date.now();
    await createProfileStore(userDataDir).change(() => ({
      profiles: [
        {
          id: randomUUID(),
          name: 'Stalled',
          clientId: 'stalled-id',
          preset: 'custom',
          tokenUrl: 'http://127.0.0.1:9/v2/oauth/token',
          grantType: 'client_credentials',
          scope: '',
          createdAt: at,
          updatedAt: at,
        },
      ],
      result: null,
    }));
    env = {
      ...keyring.env,
      TOKEN_TESTER_USER_DATA_DIR: userDataDir,
      TOKEN_TESTER_KEYCHAIN_TIMEOUT_MS: '500',
    };
    process.kill(keyring.daemonPid, 'SIGSTOP');
  });

  afterAll(async () => {
    await keyring?.close();
  });

  // D-Bus would give up on the stopped keyring after about 25 s per call; the CLI must not wait
  // for that. The runs are killed after 30 s, so a CLI that waits fails here.
  const options = (marker: string) => ({ env: { ...env, RUN_MARKER: marker }, timeoutMs: 30_000 });

  it('request --profile: "Keychain not responding", exit 5, while the keyring is still stopped', async () => {
    const marker = randomUUID();
    const run = await runCli(['request', '--profile', 'Stalled', '--json'], options(marker));
    expect(await isStopped(keyring.daemonPid)).toBe(true);
    expect(run.code).toBe(5);
    expect(onlyJson(run)).toMatchObject({
      exitCode: 5,
      outcome: 'keychain:timeout',
      title: 'Keychain not responding',
    });
    // Nothing of the CLI's (its keychain helper) is left waiting on the keyring.
    await untilNoneLeft(marker);
  }, 60_000);

  it('a stop sent to the whole process group leaves no helper waiting on the keyring', async () => {
    const marker = randomUUID();
    const child = spawn(process.execPath, [CLI_PATH, 'request', '--profile', 'Stalled', '--json'], {
      env: { ...process.env, ...env, TOKEN_TESTER_KEYCHAIN_TIMEOUT_MS: '60000', RUN_MARKER: marker },
      stdio: 'ignore',
      detached: true,
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    // The command and its keychain helper, the helper's call waiting on the stopped keyring.
    await expect.poll(async () => (await processesMarked(marker)).length, { timeout: 20_000 }).toBe(2);
    process.kill(-child.pid!, 'SIGTERM');
    await exited;
    await untilNoneLeft(marker);
  }, 60_000);

  it('request --profile --json: a termination signal while the keychain is read is an interruption, exit 130, one JSON object', async () => {
    const marker = randomUUID();
    const child = spawn(process.execPath, [CLI_PATH, 'request', '--profile', 'Stalled', '--json'], {
      env: { ...process.env, ...env, TOKEN_TESTER_KEYCHAIN_TIMEOUT_MS: '60000', RUN_MARKER: marker },
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    await expect.poll(async () => (await processesMarked(marker)).length, { timeout: 20_000 }).toBe(2);
    // The command alone, as a CI job's time limit or `kill` sends it: before, it died of it, no
    // status of its own and no JSON.
    child.kill('SIGTERM');
    expect(await exited).toBe(130);
    expect(JSON.parse(stdout)).toEqual({
      ok: false,
      exitCode: 130,
      outcome: 'interrupted',
      title: 'Interrupted',
      message: 'Interrupted while the secret was read: nothing was sent.',
    });
    await untilNoneLeft(marker);
  }, 60_000);

  it('request --all-profiles: asks a keychain that does not answer once, not once a profile, and says so for each', async () => {
    // 40 profiles: asked one after another (twice each, before the run and at each one's turn),
    // the run took 40 × 2 × the limit; it is killed after 15 s, so a run that asks each fails here.
    const userDataDir = await mkdtemp(path.join(tmpdir(), 'cli-stalled-all-'));
    const at = Date.now();
    await createProfileStore(userDataDir).change(() => ({
      profiles: Array.from({ length: 40 }, (_, i) => ({
        id: randomUUID(),
        name: `Stalled ${i}`,
        clientId: `stalled-id-${i}`,
        preset: 'custom' as const,
        tokenUrl: 'http://127.0.0.1:9/v2/oauth/token',
        grantType: 'client_credentials',
        scope: '',
        createdAt: at,
        updatedAt: at,
      })),
      result: null,
    }));
    const marker = randomUUID();
    const run = await runCli(['request', '--all-profiles', '--json'], {
      env: { ...env, TOKEN_TESTER_USER_DATA_DIR: userDataDir, RUN_MARKER: marker },
      timeoutMs: 15_000,
    });
    expect(await isStopped(keyring.daemonPid)).toBe(true);
    expect(run.code).toBe(5);
    const lines = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { outcome: string });
    expect(lines).toHaveLength(40);
    expect(new Set(lines.map((line) => line.outcome))).toEqual(new Set(['keychain:timeout']));
    await untilNoneLeft(marker);
  }, 60_000);

  it('profiles: the list, with the keychain reported as not responding, exit 0', async () => {
    const marker = randomUUID();
    const run = await runCli(['profiles', '--json'], options(marker));
    expect(await isStopped(keyring.daemonPid)).toBe(true);
    expect(run.code).toBe(0);
    expect(onlyJson(run)).toMatchObject({
      keychain: { available: false, problem: 'timeout' },
      profiles: [expect.objectContaining({ name: 'Stalled', secret: 'unknown' })],
    });
    await untilNoneLeft(marker);
  }, 60_000);
});

describe.runIf(
  requireKeyringTools(
    'an import stopped while the keychain is slow',
    'gnome-keyring-daemon',
    'dbus-daemon',
    'secret-tool',
  ),
)('an import stopped while the keychain is slow', () => {
  let keyring: PrivateKeyring | undefined;
  afterAll(async () => {
    if (keyring) process.kill(keyring.daemonPid, 'SIGCONT');
    await keyring?.close();
  });

  it('survives a second Ctrl-C while a row waits on the keychain, and leaves no secret without its profile', async () => {
    assertBuiltCli();
    keyring = await startPrivateKeyring();
    const data = await mkdtemp(path.join(tmpdir(), 'cli-import-stopped-'));
    const file = path.join(data, 'many.ini');
    await writeFile(
      file,
      Array.from(
        { length: 300 },
        (_, i) => `[k${i}]\nclient_id = slow-id-${i}\nclient_secret = s-${i}\n`,
      ).join(''),
    );
    const env = {
      ...process.env,
      ...keyring.env,
      TOKEN_TESTER_USER_DATA_DIR: path.join(data, 'data'),
      TOKEN_TESTER_KEYCHAIN_SERVICE: testService(),
      TOKEN_TESTER_KEYCHAIN_TIMEOUT_MS: '60000',
    };
    // Its own process group, as a terminal's foreground job: Ctrl-C reaches the helper too.
    const child = spawn(process.execPath, [CLI_PATH, 'profiles', 'import', file, '--yes'], {
      env,
      stdio: ['ignore', 'ignore', 'pipe'],
      detached: true,
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const profilesFile = path.join(data, 'data', 'profiles.json');
    await expect
      .poll(() => readFile(profilesFile, 'utf8').catch(() => ''), { timeout: 30_000 })
      .toContain('slow-id-0');
    // The keychain stops answering: the import stops moving (a row takes milliseconds otherwise),
    // its row in hand waiting on the keychain.
    process.kill(keyring.daemonPid, 'SIGSTOP');
    const count = async () => (await readFile(profilesFile, 'utf8')).split('slow-id-').length;
    for (let before = -1, now = await count(); now !== before; now = await count()) {
      before = now;
      await new Promise((resolve) => setTimeout(resolve, 400));
    }
    process.kill(-child.pid!, 'SIGINT');
    await expect
      .poll(() => stderr, { timeout: 10_000 })
      .toContain('stopping once the profile in hand is saved');
    // A second Ctrl-C while the row still waits: a command it kills dies here, without a status.
    process.kill(-child.pid!, 'SIGINT');
    process.kill(keyring.daemonPid, 'SIGCONT');
    expect(await exited).toBe(130);
    const saved = (JSON.parse(await readFile(profilesFile, 'utf8')) as { profiles: { id: string }[] })
      .profiles;
    const found = spawnSync(
      'secret-tool',
      ['search', '--all', 'service', env.TOKEN_TESTER_KEYCHAIN_SERVICE],
      {
        encoding: 'utf8',
        env,
      },
    );
    const accounts = [...`${found.stdout}\n${found.stderr}`.matchAll(/^attribute\.account = (.*)$/gm)].map(
      (m) => m[1] ?? '',
    );
    expect(accounts.sort()).toEqual(saved.map((p) => p.id).sort());
  }, 90_000);
});
