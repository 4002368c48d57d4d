// Browser mode's WebSocket lane (main/browser/socket.ts) against what can reach it: any page open
// in the same browser (its own Origin, cross-site Fetch Metadata), other local users (any header,
// any offered subprotocol, huge or binary frames, connections held open). Real server on
// 127.0.0.1, the real router and validation, spy handlers: a refused socket or message must never
// reach a handler.
import type { IncomingHttpHeaders } from 'node:http';
import { connect } from 'node:net';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { IPC_CHANNELS } from '../../app/ipc-contract';
import { PAIRING_HEADER } from '../../main/browser/access';
import {
  BROWSER_HEADERS,
  MAX_BODY_BYTES,
  startBrowserHost,
  type BrowserHost,
} from '../../main/browser/browser-host';
import { openInPage } from '../../main/browser/effects';
import { createPageEvents } from '../../main/browser/page-events';
import {
  CAPABILITY_PROTOCOL_PREFIX,
  CLOSE_INVALID,
  CLOSE_UNSUPPORTED,
  MAX_CALLS_IN_FLIGHT,
  SOCKET_PATH,
  SOCKET_PROTOCOL,
} from '../../main/browser/socket';
import type { IpcHandlers } from '../../main/ipc/router';
import { rendererStub } from '../support/renderer-stub';
import { UNTIL_IT_HOLDS } from '../support/until';

const handler = () =>
  vi.fn(async (_arg?: unknown): Promise<unknown> => ({ ok: true as const, settings: {} }));
let handlers: Record<string, ReturnType<typeof handler>>;
let dir: string;
let host: BrowserHost;
let capability: string;

const handlersTouched = () => Object.values(handlers).reduce((sum, spy) => sum + spy.mock.calls.length, 0);

async function startHost() {
  return startBrowserHost({
    handlers: handlers as unknown as IpcHandlers,
    rendererDir: dir,
    pageScriptFile: path.join(dir, 'page-api.js'),
    events: createPageEvents(),
  });
}

/** The capability, traded for an address's single-use code as the page trades it. */
async function pair(on: BrowserHost): Promise<string> {
  const answer = await fetch(`${on.origin}/api/pair`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', [PAIRING_HEADER]: new URL(on.address()).hash.slice(6) },
    body: '{}',
  });
  return ((await answer.json()) as { capability: string }).capability;
}

type Outcome =
  { readonly kind: 'refused'; readonly status: number } | { readonly kind: 'closed'; readonly code: number };

/** What the app's page offers: our subprotocol and the capability. */
const offers = (key = capability) => [SOCKET_PROTOCOL, `${CAPABILITY_PROTOCOL_PREFIX}${key}`];

/**
 * A socket to the lane as the app's page opens it (its Origin, the two offers), with `headers`
 * changed and `protocols` offered instead when given.
 */
function open(
  headers: Record<string, string | undefined> = {},
  on: BrowserHost = host,
  protocols: string[] = offers(),
) {
  const sent: Record<string, string> = {};
  for (const [name, value] of Object.entries({ Origin: on.origin, ...headers }))
    if (value !== undefined) sent[name] = value;
  const ws = new WebSocket(`ws://127.0.0.1:${on.port}${SOCKET_PATH}`, protocols, {
    headers: sent,
    perMessageDeflate: false,
  });
  const messages: unknown[] = [];
  const arrivals: Array<() => void> = [];
  ws.on('message', (data) => {
    messages.push(JSON.parse((data as Buffer).toString('utf8')));
    for (const wake of arrivals.splice(0)) wake();
  });
  const ended = new Promise<Outcome>((resolve) => {
    ws.on('unexpected-response', (_request, response) => {
      resolve({ kind: 'refused', status: response.statusCode ?? 0 });
      response.resume();
      ws.terminate();
    });
    ws.on('close', (code) => resolve({ kind: 'closed', code }));
    ws.on('error', () => undefined);
  });
  const opened = new Promise<boolean>((resolve) => {
    ws.on('open', () => resolve(true));
    void ended.then(() => resolve(false));
  });
  let over = false;
  void ended.then(() => {
    over = true;
    for (const wake of arrivals.splice(0)) wake();
  });
  /** Resolves once `count` messages have arrived in all; fails at once if the socket ends first. */
  const received = async (count: number) => {
    while (messages.length < count) {
      if (over) throw new Error(`the socket ended after ${messages.length} of ${count} messages`);
      await new Promise<void>((wake) => arrivals.push(wake));
    }
    return messages;
  };
  const send = (value: unknown) => ws.send(typeof value === 'string' ? value : JSON.stringify(value));
  return { ws, opened, ended, messages, received, send };
}

/** A socket that was let in and told it is ready. */
async function ready(on: BrowserHost = host, key = capability) {
  const lane = open({}, on, offers(key));
  expect(await lane.opened).toBe(true);
  expect(lane.ws.protocol).toBe(SOCKET_PROTOCOL);
  expect(await lane.received(1)).toEqual([{ type: 'ready' }]);
  return lane;
}

beforeAll(async () => {
  dir = await rendererStub('browser-socket-');
  handlers = Object.fromEntries(Object.keys(IPC_CHANNELS).map((method) => [method, handler()]));
  host = await startHost();
  capability = await pair(host);
});
afterAll(async () => {
  await host.close();
  await rm(dir, { recursive: true, force: true });
});
beforeEach(() => {
  for (const spy of Object.values(handlers))
    spy.mockReset().mockImplementation(async () => ({ ok: true, settings: {} }));
});

describe('the WebSocket lane', () => {
  it('carries calls to the same router once the capability is shown, each answer by its id', async () => {
    handlers.listHistory!.mockResolvedValueOnce({ ok: true, entries: [] });
    const lane = await ready();
    lane.send({ type: 'call', id: 7, channel: IPC_CHANNELS.listHistory });
    lane.send({ type: 'call', id: 8, channel: IPC_CHANNELS.getSettings });
    const [, ...answers] = await lane.received(3);
    expect(answers).toEqual(
      expect.arrayContaining([
        { type: 'answer', id: 7, value: { ok: true, entries: [] }, effects: [] },
        { type: 'answer', id: 8, value: { ok: true, settings: {} }, effects: [] },
      ]),
    );
    expect(handlers.listHistory).toHaveBeenCalledTimes(1);
    expect(handlers.getSettings).toHaveBeenCalledTimes(1);
    lane.ws.close();
  });

  it('validates each argument with the same schemas as Electron’s IPC, and knows only its channels', async () => {
    const lane = await ready();
    lane.send({
      type: 'call',
      id: 1,
      channel: IPC_CHANNELS.updateSettings,
      arg: { notifyBeforeExpiry: 'yes' },
    });
    lane.send({ type: 'call', id: 2, channel: 'events' });
    lane.send({ type: 'call', id: 3, channel: 'pair' });
    const answers = (await lane.received(4)).slice(1) as Array<{ id: number; value: { kind: string } }>;
    const kinds = Object.fromEntries(answers.map((answer) => [answer.id, answer.value.kind]));
    expect(kinds).toEqual({ 1: 'invalid-input', 2: 'unknown-channel', 3: 'unknown-channel' });
    expect(handlersTouched()).toBe(0);
    lane.ws.close();
  });

  it('refuses the upgrade from another site, another Host, another path, or no Origin: no socket opens', async () => {
    const refusals: Array<[Record<string, string | undefined>, number, string?]> = [
      [{ Origin: 'http://evil.example' }, 403],
      [{ Origin: 'null' }, 403],
      [{ Origin: `http://localhost:${host.port}` }, 403],
      [{ Origin: undefined }, 403],
      [{ Host: `localhost:${host.port}` }, 403],
      [{ Host: `attacker.example:${host.port}` }, 403],
      [{ 'Sec-Fetch-Site': 'cross-site' }, 403],
      [{ 'Sec-Fetch-Site': 'same-site' }, 403],
    ];
    for (const [headers, status] of refusals) {
      const lane = open(headers);
      expect(await lane.ended, JSON.stringify(headers)).toEqual({ kind: 'refused', status });
    }
    // Only its own path upgrades, even with the capability offered; a query string is no exception.
    for (const wrongPath of ['/api/settings:get', '/', `${SOCKET_PATH}?x=1`, `${SOCKET_PATH}/`]) {
      const ws = new WebSocket(`ws://127.0.0.1:${host.port}${wrongPath}`, offers(), {
        headers: { Origin: host.origin },
      });
      const [status, headers] = await new Promise<[number, IncomingHttpHeaders]>((resolve) => {
        ws.on('unexpected-response', (_request, response) =>
          resolve([response.statusCode ?? 0, response.headers]),
        );
        ws.on('open', () => resolve([101, {}])); // let in: the test fails naming the path
        ws.on('error', () => undefined);
      });
      ws.terminate();
      expect(status, wrongPath).toBe(404);
      // The headers of every answer (a refusal's too): no framing, no caching, the CSP.
      expect(headers).toMatchObject({
        'content-security-policy': BROWSER_HEADERS['Content-Security-Policy'],
        'x-frame-options': 'DENY',
        'cache-control': 'no-store',
      });
    }
    expect(handlersTouched()).toBe(0);
  });

  it('refuses the upgrade without the capability among the offers, before any socket or handler', async () => {
    const wrong: string[][] = [
      [],
      [SOCKET_PROTOCOL],
      [SOCKET_PROTOCOL, `${CAPABILITY_PROTOCOL_PREFIX}${capability}x`],
      [SOCKET_PROTOCOL, `${CAPABILITY_PROTOCOL_PREFIX}${capability.slice(0, -1)}`],
      [SOCKET_PROTOCOL, `${CAPABILITY_PROTOCOL_PREFIX}${capability.toUpperCase()}`],
      [SOCKET_PROTOCOL, `${CAPABILITY_PROTOCOL_PREFIX}`],
      [SOCKET_PROTOCOL, capability],
      [`${CAPABILITY_PROTOCOL_PREFIX}${capability}`, SOCKET_PROTOCOL],
      [`${CAPABILITY_PROTOCOL_PREFIX}${capability}`],
      [SOCKET_PROTOCOL, `${CAPABILITY_PROTOCOL_PREFIX}${capability}`, 'another'],
      ['other.v1', `${CAPABILITY_PROTOCOL_PREFIX}${capability}`],
    ];
    for (const protocols of wrong) {
      const lane = open({}, host, protocols);
      expect(await lane.ended, JSON.stringify(protocols.length)).toEqual({ kind: 'refused', status: 403 });
    }
    // Nor anywhere else: a query string, or a header of its own, lets no one in.
    const elsewhere = [
      new WebSocket(`ws://127.0.0.1:${host.port}${SOCKET_PATH}`, [SOCKET_PROTOCOL], {
        headers: { Origin: host.origin, 'X-Token-Tester-Capability': capability },
      }),
    ];
    for (const ws of elsewhere) {
      const status = await new Promise<number>((resolve) => {
        ws.on('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
        ws.on('error', () => undefined);
      });
      ws.terminate();
      expect(status).toBe(403);
    }
    expect(handlersTouched()).toBe(0);
  });

  it('closing the host does not wait for a refused connection its peer holds open', async () => {
    const other = await startHost();
    // allowHalfOpen: this peer never ends its half after the server's answer, as a hostile one would not.
    const raw = connect({ port: other.port, host: '127.0.0.1', allowHalfOpen: true });
    await new Promise<void>((resolve) => raw.once('connect', () => resolve()));
    const reply: Buffer[] = [];
    raw.on('data', (part: Buffer) => reply.push(part));
    raw.on('end', () => undefined);
    raw.write(
      `GET ${SOCKET_PATH} HTTP/1.1\r\nHost: attacker.example\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n`,
    );
    await vi.waitFor(
      () => expect(Buffer.concat(reply).toString()).toMatch(/^HTTP\/1\.1 403 /),
      UNTIL_IT_HOLDS,
    );
    // Stopping browser mode must not wait for this peer (Node's server.close() waits for every
    // connection, and a socket handed to an 'upgrade' listener has no server timeout left).
    await other.close();
    raw.destroy();
  });

  it('caps a message as a request body is capped, and takes only text JSON calls', async () => {
    const cases: Array<[(lane: ReturnType<typeof open>) => void, number]> = [
      [(lane) => lane.ws.send('x'.repeat(MAX_BODY_BYTES + 1)), 1009],
      [
        (lane) =>
          lane.ws.send(Buffer.from('{"type":"call","id":1,"channel":"settings:get"}'), { binary: true }),
        CLOSE_UNSUPPORTED,
      ],
      [(lane) => lane.send('{"type":"call",'), CLOSE_INVALID],
      [(lane) => lane.send({ type: 'call', id: -1, channel: IPC_CHANNELS.getSettings }), CLOSE_INVALID],
      [(lane) => lane.send({ type: 'call', id: 1, channel: 'x'.repeat(101) }), CLOSE_INVALID],
      [(lane) => lane.send({ type: 'hello', capability }), CLOSE_INVALID],
      [(lane) => lane.send('[1]'), CLOSE_INVALID],
    ];
    for (const [act, code] of cases) {
      const lane = await ready();
      act(lane);
      expect(await lane.ended).toEqual({ kind: 'closed', code });
    }
    expect(handlersTouched()).toBe(0);
  });

  it('runs nothing sent after a message that closed the socket', async () => {
    const violations: Array<(lane: ReturnType<typeof open>) => void> = [
      (lane) => lane.send('{"type":"call",'),
      (lane) => lane.ws.send(Buffer.from('{}'), { binary: true }),
      (lane) => lane.send({ type: 'hello', capability }),
    ];
    for (const violate of violations) {
      const lane = await ready();
      violate(lane);
      lane.send({ type: 'call', id: 2, channel: IPC_CHANNELS.getSettings });
      expect((await lane.ended).kind).toBe('closed');
      expect(lane.messages).toEqual([{ type: 'ready' }]);
    }
    expect(handlersTouched()).toBe(0);
  });

  it('takes a call of exactly the cap, and closes on one byte more', async () => {
    const lane = await ready();
    const shell = JSON.stringify({ type: 'call', id: 1, channel: IPC_CHANNELS.getSettings, arg: '' });
    const exact = shell.replace('"arg":""', `"arg":"${'x'.repeat(MAX_BODY_BYTES - shell.length)}"`);
    expect(Buffer.byteLength(exact)).toBe(MAX_BODY_BYTES);
    lane.send(exact);
    const [, answer] = (await lane.received(2)) as [unknown, { id: number; value: { kind: string } }];
    expect(answer.id).toBe(1);
    expect(answer.value.kind).toBe('invalid-input');
    lane.send(exact.replace('"arg":"', '"arg":"x'));
    expect(await lane.ended).toEqual({ kind: 'closed', code: 1009 });
  });

  it('hands each call its own effects (a link to open goes back with the call that asked)', async () => {
    let release = () => undefined as void;
    handlers.listHistory!.mockImplementation(async () => {
      await new Promise<void>((resolve) => (release = resolve));
      await openInPage('https://dev.telstra.com/');
      return { ok: true, entries: [] };
    });
    const lane = await ready();
    lane.send({ type: 'call', id: 1, channel: IPC_CHANNELS.listHistory });
    await vi.waitFor(() => expect(handlers.listHistory).toHaveBeenCalledTimes(1), UNTIL_IT_HOLDS);
    lane.send({ type: 'call', id: 2, channel: IPC_CHANNELS.getSettings });
    await lane.received(2);
    release();
    const answers = (await lane.received(3)).slice(1);
    expect(answers).toEqual([
      { type: 'answer', id: 2, value: { ok: true, settings: {} }, effects: [] },
      {
        type: 'answer',
        id: 1,
        value: { ok: true, entries: [] },
        effects: [{ type: 'open', url: 'https://dev.telstra.com/' }],
      },
    ]);
    lane.ws.close();
  });

  it(`answers "busy" beyond ${MAX_CALLS_IN_FLIGHT} calls in flight on one socket, and the rest in full`, async () => {
    const release: Array<() => void> = [];
    handlers.getSettings!.mockImplementation(
      () => new Promise((resolve) => release.push(() => resolve({ ok: true, settings: {} }))),
    );
    const lane = await ready();
    for (let id = 1; id <= MAX_CALLS_IN_FLIGHT + 1; id += 1)
      lane.send({ type: 'call', id, channel: IPC_CHANNELS.getSettings });
    expect(await lane.received(2)).toContainEqual({
      type: 'answer',
      id: MAX_CALLS_IN_FLIGHT + 1,
      busy: true,
    });
    await vi.waitFor(() => expect(release).toHaveLength(MAX_CALLS_IN_FLIGHT), UNTIL_IT_HOLDS);
    for (const done of release) done();
    const answers = (await lane.received(2 + MAX_CALLS_IN_FLIGHT)).slice(2) as Array<{
      id: number;
      value: unknown;
    }>;
    expect(answers.map((answer) => answer.id).sort((a, b) => a - b)).toEqual(
      Array.from({ length: MAX_CALLS_IN_FLIGHT }, (_, i) => i + 1),
    );
    expect(new Set(answers.map((answer) => JSON.stringify(answer.value)))).toEqual(
      new Set([JSON.stringify({ ok: true, settings: {} })]),
    );
    // Answered calls free their places: the next is run, not refused.
    handlers.getSettings!.mockImplementation(async () => ({ ok: true, settings: {} }));
    lane.send({ type: 'call', id: 100, channel: IPC_CHANNELS.getSettings });
    expect((await lane.received(3 + MAX_CALLS_IN_FLIGHT)).at(-1)).toEqual({
      type: 'answer',
      id: 100,
      value: { ok: true, settings: {} },
      effects: [],
    });
    lane.ws.close();
  });

  it('closes the socket of a page that calls but does not read, instead of piling up its answers', async () => {
    const limited = await startBrowserHost({
      handlers: handlers as unknown as IpcHandlers,
      rendererDir: dir,
      pageScriptFile: path.join(dir, 'page-api.js'),
      events: createPageEvents(),
      maxUnreadBytes: 256 * 1024,
    });
    try {
      const lane = await ready(limited, await pair(limited));
      // Calls held until all have reached their handler, then answered at once: answers of 600 KB,
      // far more of them together than the connection's buffers hold.
      const release: Array<() => void> = [];
      const big = { ok: true, settings: { note: 'x'.repeat(600_000) } };
      handlers.getSettings!.mockImplementation(
        () => new Promise((resolve) => release.push(() => resolve(big))),
      );
      const socket = (lane.ws as unknown as { _socket: { pause(): void; resume(): void } })._socket;
      socket.pause();
      const calls = MAX_CALLS_IN_FLIGHT;
      for (let id = 1; id <= calls; id += 1)
        lane.send({ type: 'call', id, channel: IPC_CHANNELS.getSettings });
      await vi.waitFor(() => expect(release).toHaveLength(calls), UNTIL_IT_HOLDS);
      for (const done of release) done();
      socket.resume();
      const outcome = await Promise.race([
        lane.ended.then(() => 'closed'),
        lane.received(1 + calls).then(
          () => 'every answer came',
          () => 'closed',
        ),
      ]);
      expect(outcome).toBe('closed');
      expect(lane.messages.length).toBeLessThan(1 + calls);
    } finally {
      await limited.close();
    }
  });

  it('a handler’s fault is answered without its words, and the socket goes on', async () => {
    handlers.getSettings!.mockRejectedValueOnce(new Error(`boom ${capability}`));
    const lane = await ready();
    lane.send({ type: 'call', id: 1, channel: IPC_CHANNELS.getSettings });
    lane.send({ type: 'call', id: 2, channel: IPC_CHANNELS.getSettings });
    const answers = (await lane.received(3)).slice(1);
    expect(JSON.stringify(answers)).not.toContain(capability);
    expect(JSON.stringify(answers)).not.toContain('boom');
    expect(answers).toContainEqual({ type: 'answer', id: 2, value: { ok: true, settings: {} }, effects: [] });
    const first = answers.find((answer) => (answer as { id: number }).id === 1) as {
      value: { ok: boolean; kind: string };
      effects: unknown[];
    };
    expect([first.value.ok, first.value.kind, first.effects]).toEqual([false, 'app-error', []]);
    lane.ws.close();
  });

  it('an answer that cannot be sent as JSON is answered as failed; the socket and the server go on', async () => {
    handlers.getSettings!.mockResolvedValueOnce({ ok: true, settings: { size: 1n } });
    const lane = await ready();
    lane.send({ type: 'call', id: 1, channel: IPC_CHANNELS.getSettings });
    lane.send({ type: 'call', id: 2, channel: IPC_CHANNELS.getSettings });
    const answers = (await lane.received(3)).slice(1);
    expect(answers).toContainEqual({ type: 'answer', id: 1, failed: true });
    expect(answers).toContainEqual({ type: 'answer', id: 2, value: { ok: true, settings: {} }, effects: [] });
    lane.ws.close();
  });

  it('closing the host closes its sockets', async () => {
    const other = await startHost();
    const lane = await ready(other, await pair(other));
    await other.close();
    expect((await lane.ended).kind).toBe('closed');
  });
});

describe('the events a page hears on its socket', () => {
  it('come after "ready": a notice, the clipboard clear, then "stopped" and the socket closed', async () => {
    const events = createPageEvents();
    const own = await startBrowserHost({
      handlers: handlers as unknown as IpcHandlers,
      rendererDir: dir,
      pageScriptFile: path.join(dir, 'page-api.js'),
      events,
    });
    try {
      const key = await pair(own);
      const lane = await ready(own, key);
      // A socket refused at the door hears nothing; one closed hears nothing more.
      const stranger = open({}, own, offers('not-the-key'));
      expect(await stranger.ended).toEqual({ kind: 'refused', status: 403 });
      const other = await ready(own, key);
      expect(events.listeners).toBe(2);
      other.ws.close();
      await other.ended;
      await vi.waitFor(() => expect(events.listeners).toBe(1), UNTIL_IT_HOLDS);
      events.notify({ title: 'Token expires soon', body: 'In 5 minutes.' });
      events.clearClipboard();
      expect(await lane.received(3)).toEqual([
        { type: 'ready' },
        { type: 'notice', title: 'Token expires soon', body: 'In 5 minutes.' },
        { type: 'clear-clipboard' },
      ]);
      events.close();
      expect(await lane.ended).toEqual({ kind: 'closed', code: 1001 });
      expect(lane.messages.at(-1)).toEqual({ type: 'stopped' });
      expect(events.listeners).toBe(0);
    } finally {
      await own.close();
    }
  });
});
