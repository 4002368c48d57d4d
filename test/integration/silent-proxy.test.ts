// A proxy (HTTPS_PROXY) that takes the connection and never answers the request to open a tunnel:
// the deadline and Cancel say the proxy had not opened the way, so nothing reached the server,
// not "the server did not finish answering" of a server that was never asked. A real TCP server
// on 127.0.0.1 as the proxy, node:http's transport (the CLI's and browser mode's).
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccessService } from '../../main/access/access-service';
import { createNodeHttpFetch } from '../../main/token/node-http-fetch';
import { createTokenService } from '../../main/token/token-service';

let proxy: Server;
const held = new Set<Socket>();
let asked = 0;
let env: Record<string, string>;

beforeAll(async () => {
  proxy = createServer((socket) => {
    held.add(socket);
    socket.on('error', () => undefined);
    socket.once('data', (bytes) => {
      if (bytes.toString('latin1').startsWith('CONNECT ')) asked += 1;
    });
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  env = { HTTPS_PROXY: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}` };
});

afterAll(async () => {
  for (const socket of held) socket.destroy();
  await new Promise((resolve) => proxy.close(resolve));
});

const NOTHING_REACHED = 'the proxy had not yet opened the way to the server, so nothing reached the server';
const input = (requestId: string) => ({
  requestId,
  preset: 'custom' as const,
  tokenUrl: 'https://tapi.telstra.com/v2/oauth/token',
  clientId: 'client-1',
  clientSecret: 'secret-silent-proxy-1',
  grantType: 'client_credentials',
  scope: '',
});
const noSandbox = () => Promise.reject(new Error('no sandbox here'));

describe('a proxy that never answers CONNECT', () => {
  it('at the deadline: says the proxy had not opened the way, not that the server was slow', async () => {
    const fetch = createNodeHttpFetch({ env });
    const result = await createTokenService({ fetch, sandboxUrl: noSandbox, deadlineMs: 300 }).request(
      input('p1'),
    );
    expect(result).toMatchObject({ ok: false, outcome: 'timeout', status: null });
    if (result.ok) return;
    expect(result.message).toBe(`No complete answer within 300 ms: ${NOTHING_REACHED}.`);
    expect(result.explanation.meaning).not.toMatch(/server did not finish/);
    expect(result.explanation.causes.join(' ')).toMatch(/proxy in between/);
  });

  it('on Cancel once the proxy has been asked: says nothing reached the server', async () => {
    const fetch = createNodeHttpFetch({ env });
    const tokens = createTokenService({ fetch, sandboxUrl: noSandbox });
    const before = asked;
    const pending = tokens.request(input('p2'));
    await expect.poll(() => asked, { timeout: 10_000 }).toBe(before + 1);
    expect(tokens.cancel('p2')).toBe(true);
    const result = await pending;
    expect(result).toMatchObject({ ok: false, outcome: 'cancelled' });
    expect(result.ok ? '' : result.message).toBe(`Cancelled while ${NOTHING_REACHED}.`);
  });

  it('the Messaging access check at the deadline: the same', async () => {
    const access = createAccessService({ fetch: createNodeHttpFetch({ env }), deadlineMs: 300 });
    const result = await access.check({
      requestId: 'p3',
      checkUrl: 'https://products.api.telstra.com/messaging/v3/virtual-numbers',
      accessToken: 'tok-abcdefghijklmnopqrstu',
      clientSecret: 'secret-silent-proxy-1',
      requestedScope: '',
      grantedScope: null,
    });
    expect(result).toMatchObject({ outcome: 'timeout', status: null });
    expect(result.message).toBe(`No complete answer within 300 ms: ${NOTHING_REACHED}.`);
  });
});
