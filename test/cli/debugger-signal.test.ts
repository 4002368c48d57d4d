// SIGUSR1 opens Node's debugger in a running Node process, listening on 127.0.0.1 where any
// program on this computer can connect and read the process's memory: the secret of a request in
// flight, or one the keychain helper just read. Any process of the same user can send the signal.
// Neither the command line nor its keychain helper may open it. Node prints "Debugger listening"
// on standard error when it does; each process is made to answer something after the signal (the
// request's answer, a helper call), so the debugger, had it started, would have said so first.
import { fork, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuiltCli, CLI_PATH } from '../support/cli';

/** What Node prints when it opens the debugger, or tries to (the port taken). */
const DEBUGGER = /Debugger listening|Starting inspector/;

/**
 * SIGUSR1 (signal 10, bit 0x200 of Linux's pending masks) no longer pending: the process has taken
 * it. Node opens the debugger only some time after that, from another thread, so an answer handed
 * over at once let the process end first on a loaded computer, and the test passed without the
 * listener (5 runs of 5 with two cores busy). Taken, it has at least begun.
 */
function usr1Taken(pid: number): boolean {
  if (process.platform !== 'linux') return true;
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const mask = (line: RegExp) => BigInt(`0x${line.exec(status)?.[1] ?? '0'}`);
  return ((mask(/^SigPnd:\s*([0-9a-f]+)/m) | mask(/^ShdPnd:\s*([0-9a-f]+)/m)) & 0x200n) === 0n;
}

describe.skipIf(process.platform === 'win32')('SIGUSR1 (Node’s debugger signal)', () => {
  beforeAll(() => assertBuiltCli());

  let held: ServerResponse | null = null;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => (held = res));
  });
  beforeAll(() => new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve)));
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('does not open the debugger in the command line while a request holds its secret', async () => {
    const { port } = server.address() as AddressInfo;
    const child = spawn(
      process.execPath,
      [
        CLI_PATH,
        'request',
        '--client-id',
        'abc',
        '--secret-env',
        'SIGNAL_TEST_SECRET',
        '--endpoint',
        `http://127.0.0.1:${port}/v2/oauth/token`,
        '--json',
      ],
      { env: { ...process.env, SIGNAL_TEST_SECRET: 'usr1-S3cret' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
    await expect.poll(() => held !== null, { timeout: 15_000 }).toBe(true);
    child.kill('SIGUSR1');
    await expect.poll(() => usr1Taken(child.pid!), { timeout: 15_000 }).toBe(true);
    held?.writeHead(200, { 'Content-Type': 'application/json' });
    held?.end(JSON.stringify({ access_token: 'tok-usr1', token_type: 'Bearer', expires_in: 3599 }));
    expect(await closed).toBe(0);
    expect(stderr).not.toMatch(DEBUGGER);
    expect(JSON.parse(stdout)).toMatchObject({ ok: true, exitCode: 0 });
  });

  it('does not open the debugger in the keychain helper', async () => {
    const helper = fork(path.join(path.dirname(CLI_PATH), 'keychain-helper.cjs'), [], {
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      execArgv: [],
    });
    let stderr = '';
    helper.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    // Its standard error read to the end, and the process gone ('close' is not emitted once the
    // channel was disconnected).
    const ended = Promise.all([
      new Promise((resolve) => helper.stderr?.on('end', resolve)),
      new Promise((resolve) => helper.on('exit', resolve)),
    ]);
    const messages: unknown[] = [];
    helper.on('message', (message) => messages.push(message));
    // Ready (with or without a keychain to answer): its signal listeners are in place.
    await expect.poll(() => messages.length, { timeout: 15_000 }).toBeGreaterThan(0);
    expect(messages[0]).toMatchObject({ kind: 'ready' });
    helper.kill('SIGUSR1');
    await expect.poll(() => usr1Taken(helper.pid!), { timeout: 15_000 }).toBe(true);
    // The helper still answers, and says nothing: a call (answered when the keychain is there).
    if ((messages[0] as { ok: boolean }).ok) {
      helper.send({ id: 1, method: 'getPassword', args: ['token-tester-usr1-test', 'nobody'] });
      await expect.poll(() => messages.length, { timeout: 15_000 }).toBeGreaterThan(1);
      expect(messages[1]).toMatchObject({ kind: 'answer', id: 1 });
    }
    helper.disconnect();
    await ended;
    expect(stderr).not.toMatch(DEBUGGER);
  });
});
