// Ctrl-C while the answer's body is still arriving (a server that sent its status line and headers,
// then drips the body): the built CLI says the headers came and keeps the status and headers, not
// "Cancelled before an answer arrived". The signal goes once the CLI has read what was sent: the
// server has written its headers and a byte of body since, and the kernel holds none of it unread
// (/proc/net/tcp: nothing queued on the server's side to send, nothing on the CLI's to read).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Socket } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { assertBuiltCli, CLI_PATH } from '../support/cli';
import { startRawServer, type TestServer } from '../support/servers';

const SECRET = 'sec-Ctrl-C-0123456789';
let server: TestServer;
let answering: Socket | null = null;
let dripped = 0;

beforeAll(async () => {
  assertBuiltCli();
  server = await startRawServer((socket) => {
    socket.write(
      `HTTP/1.1 401 Unauthorized\r\nContent-Type: application/json\r\nX-Request-Id: req-cli\r\nX-Echo: ${SECRET}\r\nConnection: close\r\n\r\n{"error":`,
    );
    answering = socket;
    const drip = setInterval(() => socket.write(' ', () => (dripped += 1)), 50);
    socket.on('close', () => clearInterval(drip));
  });
});

afterAll(async () => {
  await server.close();
});

/** tx_queue and rx_queue of the IPv4 socket from `local` to `remote` (ports), or null. */
function queues(local: number, remote: number): { tx: number; rx: number } | null {
  const hex = (port: number) => port.toString(16).toUpperCase().padStart(4, '0');
  for (const line of readFileSync('/proc/net/tcp', 'utf8').split('\n').slice(1)) {
    const [, from, to, , queue] = line.trim().split(/\s+/);
    if (from?.endsWith(`:${hex(local)}`) && to?.endsWith(`:${hex(remote)}`) && queue) {
      const [tx, rx] = queue.split(':').map((n) => parseInt(n, 16));
      return { tx: tx ?? -1, rx: rx ?? -1 };
    }
  }
  return null;
}

/** The CLI has read all the server wrote, the headers and some of the body among it. */
function cliHasReadHeaders(): boolean {
  const socket = answering;
  if (socket === null || dripped < 1 || socket.localPort === undefined || socket.remotePort === undefined)
    return false;
  const serverSide = queues(socket.localPort, socket.remotePort);
  const cliSide = queues(socket.remotePort, socket.localPort);
  return serverSide?.tx === 0 && cliSide?.rx === 0;
}

it.runIf(process.platform === 'linux')(
  'Ctrl-C with the headers in and the body still arriving: says so, keeps them, exit 130',
  async () => {
    const child = spawn(
      process.execPath,
      [CLI_PATH, 'request', '--endpoint', server.url(), '--client-id', 'id-1', '--secret-env', 'S', '--json'],
      { env: { ...process.env, S: SECRET }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await expect.poll(cliHasReadHeaders, { timeout: 15_000 }).toBe(true);
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    const json = JSON.parse(stdout) as Record<string, unknown>;
    expect(json).toMatchObject({ exitCode: 130, outcome: 'cancelled', status: 401 });
    expect(json.headers).toContainEqual(['x-request-id', 'req-cli']);
    expect(JSON.stringify(json)).toContain(
      'Cancelled while the answer was arriving: HTTP 401 Unauthorized and its headers had arrived',
    );
    expect(stdout).not.toContain(SECRET);
  },
);
