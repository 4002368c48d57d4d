// `request --all-profiles` after a 429 says how long the next profile waits and why: "as the
// server asked" only when the wait is the server's Retry-After. An hour asked for is waited a
// minute at most, and none given is the app's own 5 s: each said so, not passed off as the
// server's ask (found: both said "as the server asked"). Real server on 127.0.0.1, Ctrl-C once
// the wait is said.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BATCH_CONCURRENCY } from '../../app/batch-schedule';
import { assertBuiltCli, CLI_PATH, importNumberedProfiles } from '../support/cli';
import { requireKeyringTools, testService } from '../support/keyring';
import { sendJson, startServer, type TestServer } from '../support/servers';

describe.runIf(requireKeyringTools('the words of a wait after a 429', 'secret-tool'))(
  'request --all-profiles, the wait after a 429 (private keyring)',
  () => {
    const env = { TOKEN_TESTER_KEYCHAIN_SERVICE: testService() };
    // client-0 is refused with this Retry-After (undefined: none); the others wait until the
    // test has read the words, so a profile is always still to start when the 429 is read.
    let retryAfter: string | undefined;
    let told = Promise.resolve();
    let release = () => {};
    let api: TestServer;
    let dir: string;

    beforeAll(async () => {
      assertBuiltCli();
      api = await startServer(async (_req, res, body) => {
        const clientId = new URLSearchParams(body).get('client_id') ?? '';
        if (clientId === 'client-0') {
          sendJson(
            res,
            429,
            { error: 'too_many_requests' },
            retryAfter === undefined ? {} : { 'Retry-After': retryAfter },
          );
          return;
        }
        await told;
        sendJson(res, 200, {
          access_token: `tok-${clientId}-0123456789`,
          token_type: 'Bearer',
          expires_in: 3599,
        });
      });
      dir = await mkdtemp(path.join(tmpdir(), 'cli-429-words-'));
      const imported = await importNumberedProfiles(dir, BATCH_CONCURRENCY + 2, api.url(), env);
      expect(imported.code, imported.stderr).toBe(0);
    }, 120_000);

    afterAll(async () => {
      release();
      await api?.close();
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    /** Standard error once the wait is said, after Ctrl-C. */
    async function saidAfter429(): Promise<string> {
      // A gate per run: one left open by the last run let the others finish first, and the
      // last profiles start, before the 429 came (then no profile is left to wait).
      told = new Promise<void>((resolve) => (release = resolve));
      const child = spawn(process.execPath, [CLI_PATH, 'request', '--all-profiles'], {
        env: { ...process.env, ...env, TOKEN_TESTER_USER_DATA_DIR: path.join(dir, 'data') },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
      try {
        await expect.poll(() => stderr, { timeout: 30_000 }).toContain('too many requests (429)');
      } finally {
        release();
        child.kill('SIGINT');
        await exited;
      }
      return stderr;
    }

    it('an hour asked for: a minute, the most the app waits, with the hour said', async () => {
      retryAfter = '3600';
      const said = await saidAfter429();
      expect(said).toContain(
        'too many requests (429): the next profile waits 60 s, the most the app waits (the server asked for 3600 s).',
      );
      expect(said).not.toContain('as the server asked');
    }, 60_000);

    it('no Retry-After: the app’s own 5 s, not "as the server asked"', async () => {
      retryAfter = undefined;
      const said = await saidAfter429();
      expect(said).toContain(
        'too many requests (429): the next profile waits 5 s, the app’s own wait: the answer gave no usable Retry-After.',
      );
      expect(said).not.toContain('as the server asked');
    }, 60_000);

    it('Retry-After 0: the least the app waits; 20: as the server asked', async () => {
      retryAfter = '0';
      expect(await saidAfter429()).toContain(
        'the next profile waits 1 s, the least the app waits (the server asked for 0 s).',
      );
      retryAfter = '20';
      expect(await saidAfter429()).toContain('the next profile waits 20 s, as the server asked.');
    }, 60_000);
  },
);
