// node:http's transport (browser mode, the command line) keeps a connection for the next request
// to the same server, as Node's fetch and Chromium do: a batch of checks pays one TCP and TLS
// handshake, not one per profile. A kept connection that the server closed meanwhile (servers close
// idle ones when they like, and may not say so) fails the request sent on it before any answer:
// that request goes once more on a new connection, never more than once, and never once an
// answer has begun (it would be a second answer to one request).
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createNodeHttpFetch } from '../../main/token/node-http-fetch';
import { createTokenService, type ResolvedTokenRequest } from '../../main/token/token-service';
import { assertBuiltCli, runCli } from '../support/cli';
import { sendJson, startServer, type TestServer } from '../support/servers';

const TOKEN = { access_token: 'kept-connection-token-0123456789', token_type: 'Bearer', expires_in: 3599 };

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/**
 * A token server that counts the requests each connection carried; `onRequest` decides what the
 * n-th request on a connection (from 1) gets: an answer, or the connection closed under it.
 */
async function countingServer(onRequest: (nth: number, socket: Socket) => 'answer' | 'close' | 'cut') {
  const perConnection = new Map<Socket, number>();
  server = await startServer((req, res) => {
    const socket = req.socket;
    const nth = (perConnection.get(socket) ?? 0) + 1;
    perConnection.set(socket, nth);
    const what = onRequest(nth, socket);
    if (what === 'answer') return sendJson(res, 200, TOKEN);
    if (what === 'close') return void socket.destroy();
    // An answer begun (its headers, part of its body), then the connection reset (ECONNRESET).
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '500' });
    res.write('{"access_token":"', () => socket.resetAndDestroy());
  });
  return {
    url: server.url(),
    connections: () => perConnection.size,
    requests: () => [...perConnection.values()].reduce((sum, n) => sum + n, 0),
  };
}

const service = () =>
  createTokenService({
    fetch: createNodeHttpFetch({ env: {} }),
    sandboxUrl: () => Promise.reject(new Error('unused')),
  });

const input = (tokenUrl: string, n: number): ResolvedTokenRequest => ({
  requestId: `kept-${n}`,
  preset: 'custom',
  tokenUrl,
  clientId: 'client-id',
  clientSecret: 'kept-secret-value-42',
  grantType: 'client_credentials',
  scope: 'NSMS',
});

describe('connections kept for the next request (node:http)', () => {
  it('sends three requests to one server on one connection', async () => {
    const seen = await countingServer(() => 'answer');
    const tokens = service();
    for (const n of [1, 2, 3]) expect(await tokens.request(input(seen.url, n))).toMatchObject({ ok: true });
    expect(seen.requests()).toBe(3);
    expect(seen.connections()).toBe(1);
  });

  it('sends a request once more, on a new connection, when the kept one was closed under it', async () => {
    const seen = await countingServer((nth) => (nth === 1 ? 'answer' : 'close'));
    const tokens = service();
    expect(await tokens.request(input(seen.url, 1))).toMatchObject({ ok: true });
    // Sent on the kept connection, closed by the server; then on a new one, answered.
    expect(await tokens.request(input(seen.url, 2))).toMatchObject({ ok: true, status: 200 });
    expect(seen.requests()).toBe(3);
    expect(seen.connections()).toBe(2);
  });

  it('sends it once more only: closed again, the request fails as the connection did', async () => {
    // The first connection answers once; every later request is closed under it.
    let answered = false;
    const seen = await countingServer(() => (answered ? 'close' : ((answered = true), 'answer')));
    const tokens = service();
    expect(await tokens.request(input(seen.url, 1))).toMatchObject({ ok: true });
    const result = await tokens.request(input(seen.url, 2));
    expect(result).toMatchObject({ ok: false, kind: 'network' });
    expect(seen.requests()).toBe(3);
  });

  it('never sends it again on a new connection that was closed under it', async () => {
    const seen = await countingServer(() => 'close');
    const result = await service().request(input(seen.url, 1));
    expect(result).toMatchObject({ ok: false, kind: 'network' });
    expect(seen.requests()).toBe(1);
  });

  it('never sends it again once an answer had begun on the kept connection', async () => {
    let cut = false;
    const seen = await countingServer((nth) => (nth === 1 || cut ? 'answer' : ((cut = true), 'cut')));
    const tokens = service();
    expect(await tokens.request(input(seen.url, 1))).toMatchObject({ ok: true });
    const result = await tokens.request(input(seen.url, 2));
    expect(result).toMatchObject({ ok: false });
    // One more request, answered: a second copy of the cut one, sent at once, would have come first.
    expect(await tokens.request(input(seen.url, 3))).toMatchObject({ ok: true });
    expect(seen.requests()).toBe(3);
  });
});

describe('the command line with a kept connection', () => {
  let held: Server | undefined;
  afterEach(async () => {
    held?.closeAllConnections();
    await new Promise((resolve) => held?.close(resolve));
    held = undefined;
  });

  it('sends the token request and the access check on one connection, and exits without waiting for it', async () => {
    assertBuiltCli();
    const connections = new Set<Socket>();
    held = createServer((req, res) => {
      connections.add(req.socket);
      req.resume();
      req.on('end', () =>
        req.method === 'POST'
          ? sendJson(res, 200, { ...TOKEN, scope: 'virtual-numbers:read' })
          : sendJson(res, 200, { virtualNumbers: [{ virtualNumber: '0400000001' }] }),
      );
    });
    // The server would keep the connection open for ten minutes: a command line that waited for it
    // would outlive the run's limit (runCli's 20 s) and be killed, with no exit code. (The command
    // line ends itself when its work is done; a kept connection must not change that.)
    held.keepAliveTimeout = 600_000;
    await new Promise<void>((resolve) => held?.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(held.address() as AddressInfo).port}`;
    const run = await runCli(
      [
        'request',
        '--endpoint',
        `${origin}/v2/oauth/token`,
        '--client-id',
        'client-id',
        '--secret-env',
        'S',
        '--check-access',
        '--messaging-url',
        `${origin}/messaging/v3`,
      ],
      { env: { S: 'kept-secret-value-42' } },
    );
    expect(run.code, run.stderr).toBe(0);
    expect(connections.size).toBe(1);
  });
});
