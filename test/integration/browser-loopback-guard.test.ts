// Browser mode's other loopback address. It serves on 127.0.0.1:P, and a browser given
// `localhost:P` may go to [::1]:P first: another local user listening there could answer it with
// a page of their own. So [::1]:P is held while the app runs, and answers only a refusal naming
// the printed address. Real servers and raw sockets on this machine's loopback addresses.
import { connect, createServer as createNetServer, type Server as NetServer } from 'node:net';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectUsualHeaders } from '../support/usual-headers';
import { CAPABILITY_HEADER } from '../../main/browser/access';
import { startBrowserHost, type BrowserHost } from '../../main/browser/browser-host';
import { createPageEvents } from '../../main/browser/page-events';
import { countedHandlers, rendererStub } from '../support/renderer-stub';
import { pairedCapability } from '../support/pair';

let dir: string;
let host: BrowserHost;
let capability: string;
const { handlers, touched: handlersTouched } = countedHandlers();

/** Listens on `address`:`port`; resolves with the server, or the error's code. */
function squat(address: string, port: number, ipv6Only = false): Promise<NetServer | string> {
  return new Promise((resolve) => {
    const server = createNetServer();
    server.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
    server.listen({ host: address, port, ipv6Only }, () => resolve(server));
  });
}
const closed = (server: NetServer) => new Promise((resolve) => server.close(resolve));

function start(port?: number): Promise<BrowserHost> {
  return startBrowserHost({
    handlers,
    rendererDir: dir,
    pageScriptFile: path.join(dir, 'page-api.js'),
    events: createPageEvents(),
    ...(port === undefined ? {} : { port }),
  });
}

/** Sends `text` to [::1] at the app's port; resolves with all it wrote once it closes. */
function toIpv6(text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '::1', port: host.port });
    let got = '';
    socket.on('data', (chunk: Buffer) => (got += chunk.toString('latin1')));
    socket.on('error', reject);
    socket.on('close', () => resolve(got));
    socket.write(text);
  });
}

const hasIpv6 = await squat('::1', 0).then(async (server) => {
  if (typeof server === 'string') return false;
  await closed(server);
  return true;
});

beforeAll(async () => {
  dir = await rendererStub('browser-guard-');
  host = await start();
  capability = await pairedCapability(host.address());
});
afterAll(async () => {
  await host.close();
  await rm(dir, { recursive: true, force: true });
});

describe.skipIf(!hasIpv6)('[::1] at the app’s port', () => {
  it('cannot be taken by another listener while the app runs, and the printed address is unchanged', async () => {
    expect(host.origin).toBe(`http://127.0.0.1:${host.port}`);
    expect(host.address()).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${host.port}/`));
    for (const [address, ipv6Only] of [
      ['::1', false],
      ['::', true],
    ] as const) {
      const taken = await squat(address, host.port, ipv6Only);
      if (typeof taken !== 'string') await closed(taken);
      expect(taken, address).toBe('EADDRINUSE');
    }
  });

  it('answers only the refusal naming the printed address, with the usual headers, whatever is asked', async () => {
    const P = host.port;
    const asks = [
      `GET / HTTP/1.1\r\nHost: localhost:${P}\r\n\r\n`,
      `GET / HTTP/1.1\r\nHost: [::1]:${P}\r\n\r\n`,
      // Even saying it is the app's own address, with the capability and an Expect.
      `POST /api/settings:get HTTP/1.1\r\nHost: 127.0.0.1:${P}\r\nOrigin: http://127.0.0.1:${P}\r\n${CAPABILITY_HEADER}: ${capability}\r\nContent-Type: application/json\r\nContent-Length: 2\r\nExpect: 100-continue\r\n\r\n`,
      `GET /socket HTTP/1.1\r\nHost: 127.0.0.1:${P}\r\nOrigin: http://127.0.0.1:${P}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`,
      `CONNECT 127.0.0.1:${P} HTTP/1.1\r\nHost: 127.0.0.1:${P}\r\n\r\n`,
      'GET / HTTP/1.1\r\n\r\n',
      'not http at all\r\n\r\n',
    ];
    for (const ask of asks) {
      const answer = await toIpv6(ask);
      const [head = '', body] = answer.split('\r\n\r\n');
      expect(head, ask).toMatch(/^HTTP\/1\.1 403 /);
      expect(answer, ask).not.toContain('100 Continue');
      expect(body, ask).toBe(
        `This server answers only to its own address, http://127.0.0.1:${P}: open the address browser mode printed as it is (not with localhost or another name for this computer).\n`,
      );
      expectUsualHeaders(answer);
      expect(head.toLowerCase()).toContain('connection: close');
    }
    expect(handlersTouched()).toBe(0);
  });

  it('outlives a peer that asks for an upgrade or a tunnel and resets the connection at once', async () => {
    // Such a socket is handed over without Node's error listener: left so, the reset's
    // ECONNRESET was uncaught and ended the process (another local user could stop browser mode).
    const P = host.port;
    for (const ask of [
      `GET /socket HTTP/1.1\r\nHost: 127.0.0.1:${P}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n`,
      `CONNECT 127.0.0.1:${P} HTTP/1.1\r\nHost: 127.0.0.1:${P}\r\n\r\n`,
    ]) {
      await new Promise<void>((resolve) => {
        const socket = connect({ host: '::1', port: P }, () => {
          socket.write(ask);
          socket.resetAndDestroy();
        });
        socket.on('error', () => {});
        socket.on('close', () => resolve());
      });
    }
    // Still both: the refusal on [::1], the app on 127.0.0.1.
    expect(await toIpv6(`GET / HTTP/1.1\r\nHost: [::1]:${P}\r\n\r\n`)).toMatch(/^HTTP\/1\.1 403 /);
    expect((await fetch(`${host.origin}/`)).status).toBe(404);
  });

  it('is let go when the app stops; a given port taken there is refused as in use, and nothing held', async () => {
    const other = await start();
    const port = other.port;
    await other.close();
    const released = await squat('::1', port);
    expect(typeof released).not.toBe('string');
    try {
      await expect(start(port)).rejects.toMatchObject({ code: 'EADDRINUSE' });
      // 127.0.0.1 at that port was let go again.
      const v4 = await squat('127.0.0.1', port);
      expect(typeof v4).not.toBe('string');
      await closed(v4 as NetServer);
    } finally {
      await closed(released as NetServer);
    }
  });
});
