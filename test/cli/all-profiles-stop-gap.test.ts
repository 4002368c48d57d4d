// `request --all-profiles`: Ctrl-C while a profile's turn has begun but its request is not yet
// sent (the profile was saved again in the app, so its secret is read again from the keychain at
// its turn). Nothing may be sent after Ctrl-C: that profile's line says cancelled (130), and the
// count of profiles never started is still right. Held open without a pause: the keyring is this
// file's own, stopped (SIGSTOP) while the turn reads it, and let go only once the command has
// shown it took the Ctrl-C (the requests in flight are cancelled at the server).
import { spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BATCH_CONCURRENCY } from '../../app/batch-schedule';
import { createProfileStore } from '../../main/profiles/profile-store';
import { assertBuiltCli, CLI_PATH, runCli } from '../support/cli';
import { requireKeyringTools, testService } from '../support/keyring';
import { startPrivateKeyring, type PrivateKeyring } from '../support/private-keyring';
import { sendJson, startServer } from '../support/servers';

const SUITE = 'request --all-profiles, Ctrl-C while a turn reads the keychain';
const COUNT = BATCH_CONCURRENCY + 2;

describe.runIf(requireKeyringTools(SUITE, 'gnome-keyring-daemon', 'dbus-daemon'))(SUITE, () => {
  let keyring: PrivateKeyring | undefined;
  afterAll(async () => {
    if (keyring) process.kill(keyring.daemonPid, 'SIGCONT');
    await keyring?.close();
  });

  it('sends nothing after Ctrl-C: the profile whose turn had begun is cancelled, the rest not started', async () => {
    assertBuiltCli();
    keyring = await startPrivateKeyring();
    // The first requests (one per lane) are held until let go; a later one is answered at once, so
    // a run that sends one after Ctrl-C ends too, and is seen to have sent it.
    const held: Array<() => void> = [];
    let closedUnanswered = 0;
    const api = await startServer((_req, res) => {
      if (held.length >= BATCH_CONCURRENCY) return sendJson(res, 401, { error: 'invalid_client' });
      res.on('close', () => {
        if (!res.writableEnded) closedUnanswered += 1;
      });
      held.push(() => sendJson(res, 401, { error: 'invalid_client' }));
    });
    try {
      const dir = await mkdtemp(path.join(tmpdir(), 'cli-all-stop-gap-'));
      const data = path.join(dir, 'data');
      const file = path.join(dir, 'credentials');
      await writeFile(
        file,
        Array.from(
          { length: COUNT },
          (_, i) =>
            `[g${i}]\nclient_id = gap-${i}\nclient_secret = gap-secret-${i}\ntoken_url = ${api.url()}\n`,
        ).join('\n'),
      );
      const env = {
        ...keyring.env,
        TOKEN_TESTER_USER_DATA_DIR: data,
        TOKEN_TESTER_KEYCHAIN_SERVICE: testService(),
        TOKEN_TESTER_KEYCHAIN_TIMEOUT_MS: '60000',
      };
      expect((await runCli(['profiles', 'import', file, '--yes'], { env, timeoutMs: 60_000 })).code).toBe(0);

      // Its own process group, as a terminal's foreground job: Ctrl-C reaches the keychain helper too.
      const child = spawn(process.execPath, [CLI_PATH, 'request', '--all-profiles', '--json'], {
        env: { ...process.env, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
      });
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      try {
        // Every lane's request is at the server, so every secret has been read; the next profile
        // waits for a lane. The app saves it again (a new save time), so its turn reads the keychain,
        // which then stops answering.
        await expect.poll(() => api.received.length, { timeout: 30_000 }).toBe(BATCH_CONCURRENCY);
        const next = `gap-${BATCH_CONCURRENCY}`;
        await createProfileStore(data).change((profiles) => ({
          profiles: profiles.map((p) => (p.clientId === next ? { ...p, updatedAt: p.updatedAt + 1 } : p)),
          result: null,
        }));
        process.kill(keyring.daemonPid, 'SIGSTOP');
        // One answer: its line is out, and its lane has begun the next profile's turn.
        held.shift()!();
        await expect.poll(() => stdout.split('\n').length, { timeout: 30_000 }).toBe(2);
        process.kill(-child.pid!, 'SIGINT');
        // The command took it: the other requests in flight are cancelled.
        await expect.poll(() => closedUnanswered, { timeout: 30_000 }).toBe(BATCH_CONCURRENCY - 1);
        process.kill(keyring.daemonPid, 'SIGCONT');
        expect(await exited).toBe(130);
      } finally {
        if (child.exitCode === null) child.kill('SIGKILL');
      }

      // Nothing reached the server after Ctrl-C.
      const sent = api.received.map((r) => new URLSearchParams(r.body).get('client_id')).sort();
      expect(sent).toEqual(Array.from({ length: BATCH_CONCURRENCY }, (_, i) => `gap-${i}`));
      const lines = stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as Record<string, unknown>);
      // One answered, three cancelled in flight, and the one whose turn had begun cancelled too.
      expect(lines).toHaveLength(COUNT - 1);
      expect(lines.find((line) => line.profile === `g${BATCH_CONCURRENCY}`)).toMatchObject({
        ok: false,
        outcome: 'cancelled',
        exitCode: 130,
      });
      expect(lines.filter((line) => line.outcome === 'cancelled')).toHaveLength(BATCH_CONCURRENCY);
      expect(stderr).toContain(`stopped; 1 of ${COUNT} profiles was not started`);
      expect(`${stdout}\n${stderr}`).not.toContain('gap-secret-');
    } finally {
      await api.close();
    }
  }, 90_000);
});
