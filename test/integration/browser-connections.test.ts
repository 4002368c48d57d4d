// Browser mode's loopback server against another local user, who needs no capability to reach the
// port: what a connection does must cost the app little, get the usual refusal, and never put a
// line on the user's terminal for each time it is done (onFault is what `telstra-token ui` prints).
// Real server on 127.0.0.1, raw sockets, counted handlers.
import { connect } from 'node:net';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BROWSER_CONTENT_SECURITY_POLICY } from '../../app/csp';
import { CAPABILITY_HEADER } from '../../main/browser/access';
import { MAX_BODY_BYTES, startBrowserHost, type BrowserHost } from '../../main/browser/browser-host';
import { createPageEvents, type PageEvents } from '../../main/browser/page-events';
import { countedHandlers, rendererStub } from '../support/renderer-stub';
import { pairedCapability } from '../support/pair';

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

const usualHeaders = (answer: string) => {
  const head = answer.split('\r\n\r\n')[0]!.toLowerCase();
  expect(head).toContain(`content-security-policy: ${BROWSER_CONTENT_SECURITY_POLICY.toLowerCase()}`);
  expect(head).toContain('x-frame-options: deny');
  expect(head).toContain('x-content-type-options: nosniff');
  expect(head).toContain('cache-control: no-store');
};

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
    usualHeaders(answer);
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
      usualHeaders(answer);
    }
    expect(touched()).toBe(before);
  });

  it('after good ones, each is run in its turn and answered in order', async () => {
    const before = touched();
    const answer = await raw(host.port, [call(host.port, 'settings:get', '{}').repeat(3)], true);
    expect(statuses(answer)).toEqual(['HTTP/1.1 200', 'HTTP/1.1 200', 'HTTP/1.1 200']);
    expect(touched()).toBe(before + 3);
  });
});
