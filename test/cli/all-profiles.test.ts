// `request --all-profiles` against 50 imported profiles and a real HTTP server on 127.0.0.1 that
// answers each client ID by its number (even: a token, odd: invalid_client), slowly enough that
// Ctrl-C lands in the middle: nothing starts after it, every request that started is reported, and
// each result is under the profile whose client ID was sent. Its refusals echo every secret it has
// received: none reaches the output.
import { spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuiltCli, CLI_PATH, runCli } from '../support/cli';
import { requireKeyringTools, testService } from '../support/keyring';
import { BATCH_CONCURRENCY } from '../../app/batch-schedule';
import { sendJson, startServer, type TestServer } from '../support/servers';
import { withAppServices } from '../support/app-services';

const COUNT = 50;

describe.runIf(requireKeyringTools('checking all profiles from the command line', 'secret-tool'))(
  'request --all-profiles (private keyring)',
  () => {
    const service = testService();
    let env: Record<string, string>;
    let api: TestServer;
    let started = 0;

    beforeAll(async () => {
      assertBuiltCli();
      // A hostile server too: each refusal echoes every secret it has received, other profiles'
      // included, and the last profile's, which it has not been sent yet: none must reach the output
      // (every secret is read before the first request, and each answer is redacted of them all).
      const seen = new Set<string>();
      api = await startServer(async (_req, res, body) => {
        started += 1;
        const form = new URLSearchParams(body);
        const clientId = form.get('client_id') ?? '';
        seen.add(form.get('client_secret') ?? '');
        await new Promise((resolve) => setTimeout(resolve, 150));
        const n = Number(clientId.replace('client-', ''));
        if (n % 2 === 0)
          sendJson(res, 200, { access_token: `tok-${clientId}`, token_type: 'Bearer', expires_in: 3599 });
        else
          sendJson(res, 401, {
            error: 'invalid_client',
            error_description: `seen ${[...seen].join(' ')} and secret-${COUNT - 1}`,
          });
      });
      const dir = await mkdtemp(path.join(tmpdir(), 'cli-all-profiles-'));
      env = { TOKEN_TESTER_USER_DATA_DIR: path.join(dir, 'data'), TOKEN_TESTER_KEYCHAIN_SERVICE: service };
      const sections = Array.from(
        { length: COUNT },
        (_, i) => `[p${i}]\nclient_id = client-${i}\nclient_secret = secret-${i}\ntoken_url = ${api.url()}\n`,
      );
      const file = path.join(dir, 'credentials');
      await writeFile(file, sections.join('\n'));
      const imported = await runCli(['profiles', 'import', file, '--yes'], { env, timeoutMs: 60_000 });
      expect(imported.code).toBe(0);
    }, 90_000);

    afterAll(async () => {
      await api.close();
    });

    it('Ctrl-C in the middle: nothing starts after it, requests in flight cancelled, no result under the wrong profile', async () => {
      started = 0;
      const child = spawn(process.execPath, [CLI_PATH, 'request', '--all-profiles', '--json'], {
        env: { ...process.env, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let startedAtSignal = -1;
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        if (startedAtSignal < 0 && stdout.split('\n').length > 10) {
          startedAtSignal = started;
          child.kill('SIGINT');
        }
      });
      expect(await exited).toBe(130);
      const lines = stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(lines.length).toBeLessThan(COUNT);
      // Requests already started when the signal arrived may reach the server just after it (at
      // most one per lane); nothing later. The exact rule is tested in test/unit/batch-schedule.
      expect(started).toBeLessThanOrEqual(startedAtSignal + BATCH_CONCURRENCY);
      // Every request that started was reported, under its own profile: answered, or (in flight
      // when Ctrl-C came) cancelled.
      // (A request cancelled on its way may not have reached the server.)
      const cancelled = lines.filter((line) => line.outcome === 'cancelled');
      expect(cancelled.length).toBeLessThanOrEqual(BATCH_CONCURRENCY);
      expect(lines.length).toBeGreaterThanOrEqual(started);
      expect(lines.length - cancelled.length).toBeLessThanOrEqual(started);
      for (const line of lines) {
        if (line.outcome === 'cancelled') continue;
        const n = Number(String(line.profile).slice(1));
        expect(line.ok).toBe(n % 2 === 0);
        expect(line.outcome).toBe(n % 2 === 0 ? 'token-received' : 'oauth:invalid_client');
      }
      expect(stdout).not.toMatch(/secret-\d|tok-client/);
    }, 60_000);

    it('Ctrl-C cancels the requests in flight at once, not after their deadline', async () => {
      const silent = await startServer(() => new Promise(() => undefined));
      try {
        const dir = await mkdtemp(path.join(tmpdir(), 'cli-all-silent-'));
        const own = { ...env, TOKEN_TESTER_USER_DATA_DIR: path.join(dir, 'data') };
        const file = path.join(dir, 'credentials');
        await writeFile(
          file,
          `[quiet]\nclient_id = q\nclient_secret = quiet-secret\ntoken_url = ${silent.url()}\n`,
        );
        expect(
          (await runCli(['profiles', 'import', file, '--yes'], { env: own, timeoutMs: 60_000 })).code,
        ).toBe(0);
        const child = spawn(
          process.execPath,
          [CLI_PATH, 'request', '--all-profiles', '--json', '--timeout', '300'],
          {
            env: { ...process.env, ...own },
            stdio: ['ignore', 'pipe', 'pipe'],
          },
        );
        let stdout = '';
        child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
        const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
        // Signalled once the request is at the server (its deadline is five minutes away).
        await expect.poll(() => silent.received.length, { timeout: 30_000 }).toBe(1);
        child.kill('SIGINT');
        expect(await exited).toBe(130);
        // Its line's exit status is the interruption's, as for `request` alone, not "no answer".
        expect(JSON.parse(stdout.trim())).toMatchObject({
          profile: 'quiet',
          outcome: 'cancelled',
          exitCode: 130,
        });
      } finally {
        await silent.close();
      }
    }, 60_000);

    it('a profile deleted in the app during the run is reported deleted, one saved again is sent as saved then', async () => {
      const held: Array<() => void> = [];
      const slow = await startServer(
        (_req, res) =>
          new Promise<void>((resolve) =>
            held.push(() => {
              sendJson(res, 401, { error: 'invalid_client' });
              resolve();
            }),
          ),
      );
      try {
        const dir = await mkdtemp(path.join(tmpdir(), 'cli-all-deleted-'));
        const data = path.join(dir, 'data');
        const own = { ...env, TOKEN_TESTER_USER_DATA_DIR: data };
        const file = path.join(dir, 'credentials');
        const sections = Array.from(
          { length: 6 },
          (_, i) =>
            `[d${i}]\nclient_id = del-${i}\nclient_secret = del-secret-${i}\ntoken_url = ${slow.url()}\n`,
        );
        await writeFile(file, sections.join('\n'));
        expect(
          (await runCli(['profiles', 'import', file, '--yes'], { env: own, timeoutMs: 60_000 })).code,
        ).toBe(0);
        const child = spawn(process.execPath, [CLI_PATH, 'request', '--all-profiles', '--json'], {
          env: { ...process.env, ...own },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let stdout = '';
        child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
        const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
        // Four out, so every secret has been read; d4 and d5 wait for their turn. The app moves d4
        // to another server with a new secret, and deletes d5.
        await expect.poll(() => slow.received.length, { timeout: 30_000 }).toBe(4);
        const moved = await startServer((_req, res) => sendJson(res, 401, { error: 'invalid_client' }));
        await withAppServices(data, service, async (app) => {
          const listed = await app.listProfiles();
          const named = (name: string) =>
            'profiles' in listed ? listed.profiles.find((p) => p.name === name) : undefined;
          const [d4, d5] = [named('d4'), named('d5')];
          expect(d4 && d5).toBeDefined();
          const resaved = await app.saveProfile({
            profileId: d4!.id,
            fields: {
              name: 'd4',
              clientId: d4!.clientId,
              preset: 'custom',
              tokenUrl: moved.url(),
              grantType: d4!.grantType,
              scope: d4!.scope,
            },
            secret: 'moved-secret-4',
          });
          expect(resaved).toMatchObject({ ok: true });
          expect(await app.deleteProfile({ profileId: d5!.id })).toMatchObject({ ok: true });
        });
        const releasing = setInterval(() => held.splice(0).forEach((go) => go()), 5);
        try {
          await exited;
        } finally {
          clearInterval(releasing);
        }
        const lines = stdout
          .trim()
          .split('\n')
          .map((line) => JSON.parse(line) as Record<string, unknown>);
        expect(lines.find((line) => line.profile === 'd5')).toMatchObject({
          ok: false,
          outcome: 'profile-deleted',
        });
        const sentSlow = slow.received.map((r) => r.body).join('\n');
        expect(sentSlow).not.toContain('del-secret-5');
        // d4's new secret went to its new server only.
        expect(sentSlow).not.toContain('moved-secret-4');
        expect(sentSlow).not.toContain('del-4');
        expect(moved.received.map((r) => new URLSearchParams(r.body).get('client_secret'))).toEqual([
          'moved-secret-4',
        ]);
        await moved.close();
      } finally {
        await slow.close();
      }
    }, 90_000);

    it('--timeout as request reads it: whole seconds only', async () => {
      for (const value of ['0.001', '1e-3', '0x10', ' 2', '301']) {
        const run = await runCli(['request', '--all-profiles', '--timeout', value, '--json'], {
          env,
          timeoutMs: 30_000,
        });
        expect(run.code, value).toBe(1);
        expect(run.stdout).toContain('--timeout takes whole seconds from 1 to 300');
      }
    }, 60_000);

    it('all of them: one line per profile and the worst exit status', async () => {
      const run = await runCli(['request', '--all-profiles'], { env, timeoutMs: 60_000 });
      expect(run.code).toBe(2);
      const lines = run.stdout.trim().split('\n');
      expect(lines, run.stdout.slice(0, 300)).toHaveLength(COUNT);
      expect(lines.find((l) => l.startsWith('p7 '))).toMatch(/^p7\s+401\s+.+\s+\d+ ms$/);
      expect(lines.find((l) => l.startsWith('p8 '))).toMatch(/^p8\s+200\s+Token received\s+\d+ ms$/);
      expect(run.stdout).not.toMatch(/secret-\d|tok-client/);
    }, 60_000);
  },
);

describe.runIf(requireKeyringTools('the worst exit status of all profiles', 'secret-tool'))(
  'request --all-profiles, when the worst answer is not the last (private keyring)',
  () => {
    it('after a 429, the next profiles wait the time the server asked for; Ctrl-C ends the wait at once', async () => {
      // The first profile's request is refused with "too many requests" (Retry-After: 2, then 60).
      // The others are answered once the command has said it waits: so every lane's next start
      // comes after the 429 was taken in. The server notes when each client's request came.
      let retryAfter = '2';
      let limitedAt = 0;
      let release!: () => void;
      let told = new Promise<void>((resolve) => (release = resolve));
      const cameAt = new Map<string, number>();
      const api = await startServer(async (_req, res, body) => {
        const clientId = new URLSearchParams(body).get('client_id') ?? '';
        cameAt.set(clientId, performance.now());
        if (clientId === 'client-0') {
          limitedAt = performance.now();
          sendJson(res, 429, { error: 'too_many_requests' }, { 'Retry-After': retryAfter });
          return;
        }
        await told;
        sendJson(res, 200, {
          access_token: `tok-${clientId}-0123456789`,
          token_type: 'Bearer',
          expires_in: 3599,
        });
      });
      const runAll = () => {
        const child = spawn(process.execPath, [CLI_PATH, 'request', '--all-profiles'], {
          env: { ...process.env, ...own },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        const out = { stdout: '', stderr: '' };
        child.stdout.on('data', (chunk: Buffer) => (out.stdout += chunk.toString()));
        child.stderr.on('data', (chunk: Buffer) => (out.stderr += chunk.toString()));
        const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
        return { child, out, exited };
      };
      const dir = await mkdtemp(path.join(tmpdir(), 'cli-all-profiles-429-'));
      const own = {
        TOKEN_TESTER_USER_DATA_DIR: path.join(dir, 'data'),
        TOKEN_TESTER_KEYCHAIN_SERVICE: testService(),
      };
      try {
        const file = path.join(dir, 'credentials');
        // More profiles than lanes: those after the first four start only after the 429.
        const count = BATCH_CONCURRENCY + 3;
        await writeFile(
          file,
          Array.from(
            { length: count },
            (_, i) =>
              `[p${i}]\nclient_id = client-${i}\nclient_secret = secret-${i}\ntoken_url = ${api.url()}\n`,
          ).join('\n'),
        );
        expect(
          (await runCli(['profiles', 'import', file, '--yes'], { env: own, timeoutMs: 60_000 })).code,
        ).toBe(0);

        const first = runAll();
        await expect
          .poll(() => first.out.stderr, { timeout: 30_000 })
          .toContain('too many requests (429): the next profile waits 2 s, as the server asked.');
        release();
        expect(await first.exited).toBe(2);
        expect(first.out.stdout.trim().split('\n')).toHaveLength(count);
        for (let i = BATCH_CONCURRENCY; i < count; i += 1)
          // Its 2 s, less a timer's slack.
          expect(cameAt.get(`client-${i}`)! - limitedAt).toBeGreaterThanOrEqual(1_900);

        // Asked to wait a minute, Ctrl-C stops the run then and there: nothing more is sent.
        retryAfter = '60';
        told = new Promise<void>((resolve) => (release = resolve));
        cameAt.clear();
        const second = runAll();
        await expect
          .poll(() => second.out.stderr, { timeout: 30_000 })
          .toContain('the next profile waits 60 s');
        release();
        // The lanes' answers are in: each lane now waits for the minute.
        await expect.poll(() => second.out.stdout.trim().split('\n').length).toBe(BATCH_CONCURRENCY);
        const signalledAt = performance.now();
        second.child.kill('SIGINT');
        expect(await second.exited).toBe(130);
        // Not the minute's end (a bound far above a Ctrl-C's own time, so load cannot reach it).
        expect(performance.now() - signalledAt).toBeLessThan(30_000);
        expect(second.out.stderr).toContain(`stopped; 3 of ${count} profiles were not started (cancelled`);
        expect([...cameAt.keys()].sort()).toEqual(
          Array.from({ length: BATCH_CONCURRENCY }, (_, i) => `client-${i}`),
        );
      } finally {
        release();
        await api.close();
      }
    }, 90_000);

    it('exits with the worst status, not the last answer’s', async () => {
      // "first" is refused at once; "second" gets its token only once that refusal has been sent,
      // so the last answer is a success and the worst (2) came before it.
      let refused!: () => void;
      const refusalSent = new Promise<void>((resolve) => (refused = resolve));
      const api = await startServer(async (_req, res, body) => {
        if (new URLSearchParams(body).get('client_id') === 'client-first') {
          sendJson(res, 401, { error: 'invalid_client' });
          res.on('finish', refused);
          return;
        }
        await refusalSent;
        sendJson(res, 200, { access_token: 'tok-second-0123456789', token_type: 'Bearer', expires_in: 3599 });
      });
      try {
        const dir = await mkdtemp(path.join(tmpdir(), 'cli-all-profiles-worst-'));
        const env = {
          TOKEN_TESTER_USER_DATA_DIR: path.join(dir, 'data'),
          TOKEN_TESTER_KEYCHAIN_SERVICE: testService(),
        };
        const file = path.join(dir, 'credentials');
        await writeFile(
          file,
          ['first', 'second']
            .map(
              (name) =>
                `[${name}]\nclient_id = client-${name}\nclient_secret = secret-${name}\ntoken_url = ${api.url()}\n`,
            )
            .join('\n'),
        );
        expect((await runCli(['profiles', 'import', file, '--yes'], { env, timeoutMs: 60_000 })).code).toBe(
          0,
        );
        const run = await runCli(['request', '--all-profiles', '--json'], { env, timeoutMs: 60_000 });
        const lines = run.stdout
          .trim()
          .split('\n')
          .map((line) => JSON.parse(line) as { profile: string; exitCode: number });
        expect(lines.map((line) => [line.profile, line.exitCode])).toEqual([
          ['first', 2],
          ['second', 0],
        ]);
        expect(run.code).toBe(2);
      } finally {
        await api.close();
      }
    }, 90_000);
  },
);

describe.runIf(requireKeyringTools('all profiles’ lines, aligned', 'secret-tool'))(
  'request --all-profiles, names in wide characters (private keyring)',
  () => {
    it('lines up the status after a name in Chinese or Japanese, as a terminal shows it', async () => {
      const api = await startServer((_req, res) =>
        sendJson(res, 200, { access_token: 'tok-0123456789abcdef', token_type: 'Bearer', expires_in: 3599 }),
      );
      try {
        const dir = await mkdtemp(path.join(tmpdir(), 'cli-all-profiles-wide-'));
        const env = {
          TOKEN_TESTER_USER_DATA_DIR: path.join(dir, 'data'),
          TOKEN_TESTER_KEYCHAIN_SERVICE: testService(),
        };
        const file = path.join(dir, 'credentials');
        await writeFile(
          file,
          ['staging', '本番環境']
            .map(
              (name, i) =>
                `[${name}]\nclient_id = client-${i}\nclient_secret = secret-${i}\ntoken_url = ${api.url()}\n`,
            )
            .join('\n'),
        );
        expect((await runCli(['profiles', 'import', file, '--yes'], { env, timeoutMs: 60_000 })).code).toBe(
          0,
        );
        const run = await runCli(['request', '--all-profiles'], { env, timeoutMs: 60_000 });
        expect(run.code, run.stderr).toBe(0);
        const lines = run.stdout.trim().split('\n');
        expect(lines).toHaveLength(2);
        // Where the status starts, in a terminal's columns (each of 本番環境 takes two): the same.
        const statusColumn = (line: string) => {
          const before = line.slice(0, line.indexOf('  200  '));
          return [...before].reduce((width, char) => width + (/[\u3000-\u9fff]/.test(char) ? 2 : 1), 0);
        };
        expect(new Set(lines.map(statusColumn)).size, run.stdout).toBe(1);
      } finally {
        await api.close();
      }
    }, 60_000);
  },
);
