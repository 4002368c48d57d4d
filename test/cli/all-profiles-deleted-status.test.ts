// `request --all-profiles` exits with the worst status of the profiles it checked. A profile the
// app deletes during the run is reported ("Profile deleted during the run") and, as the README
// says, counted neither passed nor failed: nothing was sent for it. Its usage-error status (1)
// used to be the run's, so a run whose every other profile got a token exited 1, "the command
// line is wrong", for a change made in the app.
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BATCH_CONCURRENCY } from '../../app/batch-schedule';
import { withAppServices } from '../support/app-services';
import { assertBuiltCli, CLI_PATH, runCli } from '../support/cli';
import { requireKeyringTools, testService } from '../support/keyring';
import { sendJson, startServer } from '../support/servers';

describe.runIf(requireKeyringTools('a profile deleted during --all-profiles', 'secret-tool'))(
  'request --all-profiles with a profile deleted during the run (private keyring)',
  () => {
    const service = testService();
    beforeAll(() => assertBuiltCli());

    it('exits 0 when every profile it checked got a token, the deleted one on its own line', async () => {
      const held: (() => void)[] = [];
      const tokens = await startServer(
        (_req, res) =>
          new Promise<void>((resolve) =>
            held.push(() => {
              sendJson(res, 200, { access_token: 'tok-abc123', token_type: 'Bearer', expires_in: 3599 });
              resolve();
            }),
          ),
      );
      const dir = await mkdtemp(path.join(tmpdir(), 'cli-all-deleted-status-'));
      try {
        const env = {
          TOKEN_TESTER_USER_DATA_DIR: path.join(dir, 'data'),
          TOKEN_TESTER_KEYCHAIN_SERVICE: service,
        };
        const count = BATCH_CONCURRENCY + 2;
        const file = path.join(dir, 'credentials');
        await writeFile(
          file,
          Array.from(
            { length: count },
            (_, i) =>
              `[d${i}]\nclient_id = del-${i}\nclient_secret = del-secret-${i}\ntoken_url = ${tokens.url()}\n`,
          ).join('\n'),
        );
        expect((await runCli(['profiles', 'import', file, '--yes'], { env, timeoutMs: 60_000 })).code).toBe(
          0,
        );
        const child = spawn(process.execPath, [CLI_PATH, 'request', '--all-profiles', '--json'], {
          env: { ...process.env, ...env },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let stdout = '';
        child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
        const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
        // The first few are at the server, held; the last waits for its turn and is deleted.
        await expect.poll(() => tokens.received.length).toBe(BATCH_CONCURRENCY);
        const last = `d${count - 1}`;
        await withAppServices(env.TOKEN_TESTER_USER_DATA_DIR, service, async (app) => {
          const listed = await app.listProfiles();
          const profile = 'profiles' in listed ? listed.profiles.find((p) => p.name === last) : undefined;
          expect(profile).toBeDefined();
          expect(await app.deleteProfile({ profileId: profile!.id })).toMatchObject({ ok: true });
        });
        const release = setInterval(() => held.splice(0).forEach((go) => go()), 5);
        let code: number | null;
        try {
          code = await exited;
        } finally {
          clearInterval(release);
        }
        const lines = stdout
          .trim()
          .split('\n')
          .map((line) => JSON.parse(line) as Record<string, unknown>);
        expect(lines).toHaveLength(count);
        expect(lines.find((line) => line.profile === last)).toMatchObject({ outcome: 'profile-deleted' });
        expect(lines.filter((line) => line.outcome === 'token-received')).toHaveLength(count - 1);
        expect(code).toBe(0);
      } finally {
        await tokens.close();
        await rm(dir, { recursive: true, force: true });
      }
    }, 90_000);
  },
);
