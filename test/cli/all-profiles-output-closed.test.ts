// `request --all-profiles` in a pipeline whose reader stops: `| head -1` (the reader closes the
// pipe), `> /dev/full` (no write succeeds) and a reader that never reads. The run went on to its
// end after its output was gone, every request sent for lines nobody would read (the pipeline
// waiting for all of them); now it stops as on Ctrl-C, exit 141 (128 + SIGPIPE; 74 for a write
// that failed). And a termination signal while the output waits for a reader that never reads
// was taken by the run's own listener (after the run was over, or stopping it): the process
// waited on for the reader, for good; now it exits 130. A slow reader that still takes the output
// after a signal stopped the run gets all of it (it was cut off 2 s after the signal).
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, openSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BATCH_CONCURRENCY } from '../../app/batch-schedule';
import { assertBuiltCli, CLI_PATH, importNumberedProfiles } from '../support/cli';
import { requireKeyringTools, testService } from '../support/keyring';
import { sendJson, startServer, type TestServer } from '../support/servers';

// Enough lines (about 2.4 kB each with --json) to fill a pipe and what its reader buffers.
const COUNT = 80;
const SUITE = 'request --all-profiles, its output closed';

function exitOf(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

describe.runIf(requireKeyringTools(SUITE, 'gnome-keyring-daemon'))(SUITE, () => {
  let api: TestServer;
  /** How many requests the server answers (the rest are held, never answered), and with what. */
  let answered = Infinity;
  let body: string | null = null;
  let env: Record<string, string>;

  beforeAll(async () => {
    assertBuiltCli();
    api = await startServer((_req, res) => {
      if (api.received.length > answered) return;
      if (body === null) sendJson(res, 401, { error: 'invalid_client' });
      else res.writeHead(401, { 'content-type': 'text/plain' }).end(body);
    });
    const dir = await mkdtemp(path.join(tmpdir(), 'cli-all-output-closed-'));
    env = {
      TOKEN_TESTER_USER_DATA_DIR: path.join(dir, 'data'),
      TOKEN_TESTER_KEYCHAIN_SERVICE: testService(),
    };
    expect((await importNumberedProfiles(dir, COUNT, api.url(), env)).code).toBe(0);
  }, 120_000);

  afterAll(async () => {
    await api?.close();
  });

  // A command a failed test left waiting on its output is not left behind.
  const children: ChildProcess[] = [];
  afterEach(() => {
    for (const child of children.splice(0))
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });

  function start(stdout: 'pipe' | number) {
    api.received.length = 0;
    const child = spawn(process.execPath, [CLI_PATH, 'request', '--all-profiles', '--json'], {
      env: { ...process.env, ...env },
      stdio: ['ignore', stdout, 'pipe'],
    });
    children.push(child);
    let stderr = '';
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    return { child, exited: exitOf(child), stderr: () => stderr };
  }

  it('a reader that closes the pipe (`| true`): the run stops, exit 141, said on standard error', async () => {
    const run = start('pipe');
    run.child.stdout!.destroy();
    expect(await run.exited).toEqual({ code: 141, signal: null });
    // What was in flight when the first line failed, and at most one start per lane after it.
    expect(api.received.length).toBeLessThanOrEqual(2 * BATCH_CONCURRENCY);
    expect(run.stderr()).toMatch(/stopped as its output was closed .*; \d+ of 80 profiles were not started/);
    expect(run.stderr()).not.toMatch(/Unhandled|^\s+at /m);
  }, 60_000);

  it.runIf(existsSync('/dev/full'))(
    'output to a full disk: the run stops, exit 74',
    async () => {
      const full = openSync('/dev/full', 'w');
      try {
        const run = start(full);
        expect(await run.exited).toEqual({ code: 74, signal: null });
        expect(api.received.length).toBeLessThanOrEqual(2 * BATCH_CONCURRENCY);
        expect(run.stderr()).toContain('the output could not be written (no space left on the device)');
      } finally {
        closeSync(full);
      }
    },
    60_000,
  );

  it('a reader that never reads: SIGTERM ends the command with 130', async () => {
    const run = start('pipe');
    run.child.stdout!.pause();
    // Every request answered: what is left is output that the reader does not take. The signal
    // may land while the last answers are printed (the run takes it, as Ctrl-C) or after.
    await expect.poll(() => api.received.length, { timeout: 60_000 }).toBe(COUNT);
    run.child.kill('SIGTERM');
    expect(await run.exited).toEqual({ code: 130, signal: null });
    run.child.stdout!.destroy();
  }, 120_000);

  it('a slow reader after a signal stopped the run: every line reaches it, exit 130', async () => {
    // The last BATCH_CONCURRENCY requests held, so the run waits on them; the rest answered with
    // 3000 controls, shown escaped: 14 kB a line, 1 MB in all, far more than a pipe holds.
    answered = COUNT - BATCH_CONCURRENCY;
    body = '\u0001'.repeat(3000);
    const run = start('pipe');
    const stdout = run.child.stdout!.setEncoding('utf8').pause();
    try {
      await expect.poll(() => api.received.length, { timeout: 60_000 }).toBe(COUNT);
      run.child.kill('SIGTERM');
      // A reader that takes 64 kB (what Node reads from a pipe at once) every quarter of a second,
      // about 4 s for all of it; read only here (without a 'readable' listener, Node drops what
      // is left once the command exits).
      let text = '';
      stdout.on('readable', () => undefined);
      const ended = new Promise((resolve) => stdout.once('end', resolve));
      const reading = setInterval(() => void (text += (stdout.read(65_536) as string | null) ?? ''), 250);
      await ended.finally(() => clearInterval(reading));
      expect(await run.exited).toEqual({ code: 130, signal: null });
      // The run stopped, its held requests cancelled: a line each, and none left unstarted.
      await expect.poll(() => run.stderr()).toMatch(/stopped; 0 of 80/);
      const lines = text.split('\n').filter((line) => line !== '');
      expect(lines).toHaveLength(COUNT);
      for (const line of lines) expect(JSON.parse(line)).toHaveProperty('profile');
    } finally {
      answered = Infinity;
      body = null;
    }
  }, 120_000);
});
