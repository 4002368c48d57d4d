// Browser mode's loopback server against another local user, who needs no capability to reach the
// port: what a connection does must cost the app little, get the usual refusal, and never put a
// line on the user's terminal for each time it is done (onFault is what `telstra-token ui` prints).
// Real server on 127.0.0.1, raw sockets, counted handlers.
import { connect } from 'node:net';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, type Mock } from 'vitest';
import { CAPABILITY_HEADER, PAIRING_HEADER } from '../../main/browser/access';
import { MAX_BODY_BYTES, startBrowserHost, type BrowserHost } from '../../main/browser/browser-host';
import { createPageEvents, type PageEvents } from '../../main/browser/page-events';
import { CAPABILITY_PROTOCOL_PREFIX, SOCKET_PATH, SOCKET_PROTOCOL } from '../../main/browser/socket';
import { countedHandlers, rendererStub } from '../support/renderer-stub';
import { expectUsualHeaders } from '../support/usual-headers';
import { pairedCapability, sandboxTokenRequest } from '../support/pair';

let dir: string;
let host: BrowserHost;
let capability: string;
const { handlers, touched } = countedHandlers();
/** What the server reported as faults (what the terminal would show one line for, each). */
const faults: string[] = [];
/** The page events, whose subscribe can be made to throw: a fault inside the server. */
let brokenEvents = false;

function start(options: { headersTimeoutMs?: number; requestTimeoutMs?: number } = {}): Promise<BrowserHost> {
  const events = createPageEvents();
  const subscribe: PageEvents['subscribe'] = (response) => {
    if (brokenEvents) throw new Error('the notice stream broke');
    events.subscribe(response);
  };
  return startBrowserHost({
    handlers,
    rendererDir: dir,
    pageScriptFile: path.join(dir, 'page-api.js'),
    events: { ...events, subscribe },
    onFault: (operation) => faults.push(operation),
    // Also a line on the terminal (`telstra-token ui`), about a local user's doing.
    onAddressReused: () => faults.push('address reused'),
    ...options,
  });
}

/**
 * Writes `parts` on a raw connection to `port` (`end`: then half-closes it, as a client giving up
 * does); resolves with all the server wrote once the server has closed the connection.
 */
function raw(port: number, parts: readonly string[], end = false): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port }, () => {
      for (const part of parts) socket.write(part);
      if (end) socket.end();
    });
    let got = '';
    socket.on('data', (chunk: Buffer) => (got += chunk.toString('latin1')));
    socket.on('error', reject);
    socket.on('close', () => resolve(got));
  });
}

/** An API call on the raw connection, with the capability (`key`, the main host's by default). */
/**
 * Resolves after a whole request and answer on a new connection to `server`: by then the server
 * has done all it does about a connection it closed before (a client sees the close first).
 */
const settled = async (server: BrowserHost) => void (await fetch(`${server.origin}/`)).text();

const call = (
  port: number,
  channel: string,
  body: string,
  length = Buffer.byteLength(body),
  key = capability,
) =>
  `POST /api/${channel} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n${CAPABILITY_HEADER}: ${key}\r\n` +
  `Content-Type: application/json\r\nContent-Length: ${length}\r\n\r\n${body}`;

beforeAll(async () => {
  dir = await rendererStub('browser-connections-');
  host = await start();
  capability = await pairedCapability(host.address());
});
afterAll(async () => {
  await host.close();
  await rm(dir, { recursive: true, force: true });
});
beforeEach(() => {
  faults.length = 0;
  brokenEvents = false;
});

describe('a client that goes away mid-body', () => {
  it('is no fault of the app’s: nothing is reported, however often, and the server keeps serving', async () => {
    // A call that passed every check (the capability is given) and then gives up on its body:
    // the request stream's error used to be reported as "browser-host failed", a terminal line
    // for each, as often as the client liked. (A call refused before its body is read, as every
    // call without the capability is, never read it: no such line either way.)
    const before = touched();
    for (let time = 0; time < 25; time += 1) {
      await raw(host.port, [call(host.port, 'settings:get', '{"ar', 100)], true);
    }
    await settled(host);
    expect(faults).toEqual([]);
    expect(touched()).toBe(before);
    expect(await raw(host.port, [call(host.port, 'settings:get', '{}')], true)).toMatch(/^HTTP\/1\.1 200 /);
  });

  it('nor is one timed out while trickling its body', async () => {
    const strict = await start({ headersTimeoutMs: 200, requestTimeoutMs: 400 });
    try {
      const key = await pairedCapability(strict.address());
      // Closed by the server, its request's time up (the test waits for that close).
      expect(await raw(strict.port, [call(strict.port, 'settings:get', '{"ar', 100, key)])).toBe('');
      await settled(strict);
      expect(faults).toEqual([]);
    } finally {
      await strict.close();
    }
  });

  it('while a fault inside the server is still reported, and its call answered with the usual headers', async () => {
    brokenEvents = true;
    const answer = await raw(host.port, [call(host.port, 'events', '{}')], true);
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expectUsualHeaders(answer);
    await settled(host);
    expect(faults).toEqual(['browser-host']);
  });
});

describe('requests pipelined on one connection', () => {
  /** The status lines of the answers in what the server wrote. */
  const statuses = (answer: string) => answer.match(/^HTTP\/1\.1 \d\d\d/gm) ?? [];

  it('after a refused one, none is run: the refusal closes the connection, and its answers would be lost', async () => {
    const P = host.port;
    const before = touched();
    const good = call(P, 'settings:get', '{}');
    const refusedFirst = [
      // Refused before anything is read: another Host, an unknown path, no capability.
      `GET / HTTP/1.1\r\nHost: evil.example\r\n\r\n`,
      `GET /nothing-here HTTP/1.1\r\nHost: 127.0.0.1:${P}\r\n\r\n`,
      `POST /api/settings:get HTTP/1.1\r\nHost: 127.0.0.1:${P}\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}`,
      // Refused once its body is read: not JSON, and over the cap while streamed.
      call(P, 'settings:get', 'xx'),
      `POST /api/settings:get HTTP/1.1\r\nHost: 127.0.0.1:${P}\r\n${CAPABILITY_HEADER}: ${capability}\r\n` +
        `Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n` +
        `${(MAX_BODY_BYTES + 1).toString(16)}\r\n${' '.repeat(MAX_BODY_BYTES + 1)}\r\n0\r\n\r\n`,
    ];
    for (const first of refusedFirst) {
      const answer = await raw(P, [first + good + good]);
      expect(statuses(answer), first.slice(0, 40)).toHaveLength(1);
      expect(answer).toMatch(/^HTTP\/1\.1 4\d\d /);
      expectUsualHeaders(answer);
    }
    expect(touched()).toBe(before);
  });

  it('after good ones, each is run in its turn and answered in order', async () => {
    const before = touched();
    const answer = await raw(host.port, [call(host.port, 'settings:get', '{}').repeat(3)], true);
    expect(statuses(answer)).toEqual(['HTTP/1.1 200', 'HTTP/1.1 200', 'HTTP/1.1 200']);
    expect(touched()).toBe(before + 3);
  });

  it('piled up behind one still being handled, they cost no more than a few: the connection is closed', async () => {
    // Requests behind one still being handled wait in this process's memory, and the answers
    // not yet written do not slow the client down (Node stops reading a connection only when its
    // answers pile up): a client that never read its answers grew the heap by hundreds of MB in
    // seconds. A browser never sends a request behind another on one connection.
    const P = host.port;
    let finish = () => {};
    const requestToken = handlers.requestToken as unknown as Mock;
    requestToken.mockImplementationOnce(() => new Promise<void>((resolve) => (finish = resolve)));
    const slow = call(
      P,
      'token:request',
      JSON.stringify({ arg: sandboxTokenRequest('slow', 'http://127.0.0.1:9/') }),
    );
    const before = touched();
    // Closed (reset: unread requests are left) by the server while the first is still being
    // handled; the test waits for that close.
    const answer = await new Promise<string>((resolve) => {
      const socket = connect({ host: '127.0.0.1', port: P }, () =>
        socket.write(slow + call(P, 'settings:get', '{}').repeat(2_000)),
      );
      let got = '';
      socket.on('data', (chunk: Buffer) => (got += chunk.toString('latin1')));
      socket.on('error', () => undefined);
      socket.on('close', () => resolve(got));
    });
    expect(answer).toBe('');
    expect(touched()).toBe(before + 1);
    finish();
    await settled(host);
    expect(faults).toEqual([]);
    expect(await raw(P, [call(P, 'settings:get', '{}')], true)).toMatch(/^HTTP\/1\.1 200 /);
  });
});

describe('what another local user can send without the capability', () => {
  /** A WebSocket upgrade to the lane, from the app's own origin, with `extra` header lines. */
  const upgrade = (port: number, extra = '') =>
    `GET ${SOCKET_PATH} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nOrigin: http://127.0.0.1:${port}\r\n` +
    `Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\n` +
    `Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n${extra}\r\n`;

  it('each shape gets one refusal with the usual headers, reaches no handler, and reports nothing', async () => {
    const P = host.port;
    const H = `Host: 127.0.0.1:${P}\r\n`;
    const before = touched();
    const shapes: [string, RegExp][] = [
      // Request smuggling: both framings, or one said twice or oddly (Node's parser refuses them).
      [
        `POST /api/settings:get HTTP/1.1\r\n${H}Content-Type: application/json\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n${call(P, 'settings:get', '{}')}`,
        /^HTTP\/1\.1 400 /,
      ],
      [
        `POST /api/settings:get HTTP/1.1\r\n${H}Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}`,
        /^HTTP\/1\.1 400 /,
      ],
      [
        `POST /api/settings:get HTTP/1.1\r\n${H}Transfer-Encoding: chunked, identity\r\n\r\n0\r\n\r\n`,
        /^HTTP\/1\.1 400 /,
      ],
      // Huge header counts and sizes.
      [`GET / HTTP/1.1\r\n${H}${'X-A: b\r\n'.repeat(2_000)}\r\n`, /^HTTP\/1\.1 4(04|31) /],
      [`GET / HTTP/1.1\r\n${H}X-A: ${'b'.repeat(100_000)}\r\n\r\n`, /^HTTP\/1\.1 431 /],
      // The lane without the capability, or with a wrong one; a tunnel (it used to be closed unanswered).
      [upgrade(P), /^HTTP\/1\.1 403 /],
      [
        upgrade(P, `Sec-WebSocket-Protocol: ${SOCKET_PROTOCOL}, ${CAPABILITY_PROTOCOL_PREFIX}wrong\r\n`),
        /^HTTP\/1\.1 403 /,
      ],
      [`CONNECT 127.0.0.1:${P} HTTP/1.1\r\n${H}\r\n`, /^HTTP\/1\.1 405 /],
    ];
    for (const [shape, status] of shapes) {
      const answer = await raw(P, [shape]);
      expect(answer, shape.slice(0, 60)).toMatch(status);
      expect(answer.match(/^HTTP\/1\.1 /gm), shape.slice(0, 60)).toHaveLength(1);
      expect(answer.toLowerCase()).toContain('connection: close');
      expectUsualHeaders(answer);
    }
    await settled(host);
    expect(faults).toEqual([]);
    expect(touched()).toBe(before);
  });

  it('a WebSocket upgrade behind a refused or unanswered request on its connection is not let through', async () => {
    const P = host.port;
    const lane = upgrade(
      P,
      `Sec-WebSocket-Protocol: ${SOCKET_PROTOCOL}, ${CAPABILITY_PROTOCOL_PREFIX}${capability}\r\n`,
    );
    for (const first of [
      `GET /nothing-here HTTP/1.1\r\nHost: 127.0.0.1:${P}\r\n\r\n`,
      call(P, 'settings:get', '{}'),
    ]) {
      const answer = await raw(P, [first + lane]);
      expect(answer, first.slice(0, 40)).not.toContain('101 Switching Protocols');
      expect(answer).not.toContain('"ready"');
    }
    await settled(host);
    expect(faults).toEqual([]);
    // The same upgrade on a connection of its own opens the lane.
    const own = await new Promise<string>((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port: P }, () => socket.write(lane));
      socket.on('error', reject);
      socket.on('data', (chunk: Buffer) => {
        socket.destroy();
        resolve(chunk.toString('latin1'));
      });
    });
    expect(own).toMatch(/^HTTP\/1\.1 101 /);
  });

  it('headers sent a line at a time, past their time, are cut off with a 408', async () => {
    const strict = await start({ headersTimeoutMs: 200, requestTimeoutMs: 400 });
    try {
      const answer = await new Promise<string>((resolve) => {
        const socket = connect({ host: '127.0.0.1', port: strict.port });
        let got = '';
        socket.on('error', () => undefined);
        socket.on('data', (chunk: Buffer) => (got += chunk.toString('latin1')));
        socket.on('close', () => resolve(got));
        // A line on each of this connection's own turns of the event loop, until it is closed.
        const trickle = () => {
          if (socket.destroyed) return;
          socket.write('X-More: yes\r\n', () => setImmediate(trickle));
        };
        socket.write(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${strict.port}\r\n`, trickle);
      });
      expect(answer).toMatch(/^HTTP\/1\.1 (408|431) /);
      expectUsualHeaders(answer);
      expect(faults).toEqual([]);
    } finally {
      await strict.close();
    }
  });

  it('a spent address tried again and again is reported once, not a line each time', async () => {
    // Someone who read an address (a process list, a shared screen) can send its spent code as
    // often as they like; the warning says all there is to say the first time.
    const code = new URL(host.address()).hash.replace(/^#pair=/, '');
    const pair = () =>
      fetch(`${host.origin}/api/pair`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', [PAIRING_HEADER]: code },
        body: '{}',
      });
    expect((await pair()).status).toBe(200);
    for (let time = 0; time < 25; time += 1) expect((await pair()).status).toBe(403);
    expect(faults).toEqual(['address reused']);
  });

  it('many connections at once are each answered, and the app goes on serving', async () => {
    const P = host.port;
    const answers = await Promise.all(
      Array.from({ length: 300 }, () => raw(P, [`GET / HTTP/1.1\r\nHost: 127.0.0.1:${P}\r\n\r\n`])),
    );
    expect(answers.filter((answer) => /^HTTP\/1\.1 404 /.test(answer))).toHaveLength(300);
    expect(await raw(P, [call(P, 'settings:get', '{}')], true)).toMatch(/^HTTP\/1\.1 200 /);
    expect(faults).toEqual([]);
  });
});
