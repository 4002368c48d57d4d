// Browser mode's loopback server against what can reach it: other local users (the port, raw
// HTTP with any header) and any page open in the same browser (its own Origin, Fetch Metadata,
// CORS preflights). Real server on 127.0.0.1, the real router and validation, spy handlers: a
// refused call must never reach a handler.
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { link, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { networkInterfaces, tmpdir } from 'node:os';
import { connect } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { BROWSER_CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY } from '../../app/csp';
import { BROWSER_HOST, HOST_NOTICE_META } from '../../app/host';
import { IPC_CHANNELS } from '../../app/ipc-contract';
import { CAPABILITY_HEADER, checkWhereFrom, PAIRING_HEADER, sameSecret } from '../../main/browser/access';
import { MAX_BODY_BYTES, startBrowserHost, type BrowserHost } from '../../main/browser/browser-host';
import { writeOpenerPage } from '../../main/browser/open-browser';
import { createPageEvents } from '../../main/browser/page-events';
import type { IpcHandlers } from '../../main/ipc/router';
import { launchChromium } from '../support/chromium';

interface Answer {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** Raw HTTP, so every header (Host included) is exactly what the test says. */
function send(
  port: number,
  options: {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    body?: string | Buffer;
    chunked?: boolean;
  },
  address = '127.0.0.1',
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      {
        host: address,
        port,
        method: options.method ?? 'POST',
        path: options.path ?? '/api/settings:get',
        headers: options.headers ?? {},
        setHost: false,
        agent: false,
      },
      (response) => {
        const parts: Buffer[] = [];
        response.on('data', (part: Buffer) => parts.push(part));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(parts).toString(),
          }),
        );
      },
    );
    request.on('error', reject);
    if (options.chunked && options.body !== undefined) {
      // No Content-Length: the cap must hold while streaming, too.
      const body = Buffer.from(options.body);
      for (let at = 0; at < body.length; at += 16 * 1024) request.write(body.subarray(at, at + 16 * 1024));
      request.end();
    } else {
      request.end(options.body);
    }
  });
}

const handler = () => vi.fn(async () => ({ ok: true as const, settings: {} }));
let handlers: Record<string, ReturnType<typeof handler>>;
let host: BrowserHost;
/** Where this start's page is (a new address's path: the same for every address of one start). */
const pagePath = () => new URL(host.address()).pathname;
let dir: string;
let capability: string;
const events = createPageEvents();
const reused = vi.fn();

/** Trades an address's single-use code for the capability, as the page does. */
async function pairWith(port: number, address: string) {
  return send(port, {
    path: '/api/pair',
    headers: {
      Host: `127.0.0.1:${port}`,
      'Content-Type': 'application/json',
      [PAIRING_HEADER]: new URL(address).hash.replace(/^#pair=/, ''),
    },
    body: '{}',
  });
}

const goodHeaders = () => ({
  Host: `127.0.0.1:${host.port}`,
  'Content-Type': 'application/json',
  [CAPABILITY_HEADER]: capability,
});
const handlersTouched = () => Object.values(handlers).reduce((sum, spy) => sum + spy.mock.calls.length, 0);

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'browser-host-'));
  await writeFile(
    path.join(dir, 'index.html'),
    `<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}" /></head><body><div id="root"></div><script type="module" src="./main.js"></script></body></html>`,
  );
  await writeFile(path.join(dir, 'main.js'), 'export {};');
  await writeFile(path.join(dir, 'page-api.js'), 'window.tokenTester = {};');
  handlers = Object.fromEntries(Object.keys(IPC_CHANNELS).map((method) => [method, handler()]));
  host = await startBrowserHost({
    handlers: handlers as unknown as IpcHandlers,
    rendererDir: dir,
    pageScriptFile: path.join(dir, 'page-api.js'),
    events,
    onAddressReused: reused,
  });
  capability = (JSON.parse((await pairWith(host.port, host.address())).body) as { capability: string })
    .capability;
});
afterAll(async () => {
  await host.close();
  await rm(dir, { recursive: true, force: true });
});
beforeEach(() => {
  for (const spy of Object.values(handlers)) spy.mockClear();
});

describe('the capability', () => {
  it('is at least 128 bits from a CSPRNG, and no address holds it: only a single-use code does', () => {
    const address = host.address();
    expect(address).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/[\w-]{16}\/#pair=[\w-]{43}$/);
    expect(address).not.toContain(capability);
    expect(Buffer.from(capability, 'base64url').length).toBeGreaterThanOrEqual(16);
  });

  it('lets a call with it through to the router and its handler', async () => {
    const answer = await send(host.port, { headers: goodHeaders(), body: '{}' });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ value: { ok: true, settings: {} }, effects: [] });
    expect(handlers.getSettings).toHaveBeenCalledTimes(1);
  });

  it('refuses a call without it, or with a wrong one, before any handler runs', async () => {
    const { [CAPABILITY_HEADER]: _omitted, ...without } = goodHeaders();
    const wrong = [
      without,
      { ...without, [CAPABILITY_HEADER]: '' },
      { ...without, [CAPABILITY_HEADER]: `${capability}x` },
      { ...without, [CAPABILITY_HEADER]: capability.slice(0, -1) },
      { ...without, [CAPABILITY_HEADER]: capability.toUpperCase() },
      { ...without, Cookie: `capability=${capability}` },
    ];
    for (const headers of wrong) {
      const answer = await send(host.port, {
        headers,
        body: '{"arg":{"notifyBeforeExpiry":true}}',
        path: '/api/settings:update',
      });
      expect(answer.status).toBe(403);
      expect(answer.body).not.toContain(capability);
    }
    // Not in the URL either: only the header counts.
    const inQuery = await send(host.port, {
      headers: without,
      path: `/api/settings:get?cap=${capability}`,
      body: '{}',
    });
    expect(inQuery.status).toBe(403);
    expect(handlersTouched()).toBe(0);
  });

  it('compares in constant time whatever the length (hashes first)', () => {
    expect(sameSecret(capability, capability)).toBe(true);
    expect(sameSecret('x', capability)).toBe(false);
    expect(sameSecret(undefined, capability)).toBe(false);
    expect(sameSecret('x'.repeat(10_000), capability)).toBe(false);
  });

  it('an address works once; using it again is refused and reported (someone may have been first)', async () => {
    const address = host.address();
    const first = await pairWith(host.port, address);
    expect(first.status).toBe(200);
    expect(JSON.parse(first.body)).toEqual({ capability });
    expect(reused).not.toHaveBeenCalled();
    const again = await pairWith(host.port, address);
    expect(again.status).toBe(403);
    expect(again.body).not.toContain(capability);
    expect(reused).toHaveBeenCalledTimes(1);
    // A code that never existed is refused without a report.
    expect((await pairWith(host.port, `${host.origin}${pagePath()}#pair=${'A'.repeat(43)}`)).status).toBe(
      403,
    );
    expect(reused).toHaveBeenCalledTimes(1);
  });

  it('says when a page has traded a code (what the late address waits on), not before nor for a refused one', async () => {
    const other = await startBrowserHost({
      handlers: handlers as unknown as IpcHandlers,
      rendererDir: dir,
      pageScriptFile: path.join(dir, 'page-api.js'),
      events: createPageEvents(),
    });
    try {
      let paired = false;
      void other.paired.then(() => (paired = true));
      const address = other.address();
      const refused = await pairWith(
        other.port,
        `${other.origin}${new URL(address).pathname}#pair=${'A'.repeat(43)}`,
      );
      expect(refused.status).toBe(403);
      expect(paired).toBe(false);
      expect((await pairWith(other.port, address)).status).toBe(200);
      // Resolved on the server before the answer left it.
      expect(paired).toBe(true);
    } finally {
      await other.close();
    }
  });

  it('the address handed to the browser expires with its lifetime', async () => {
    let now = 1_000_000;
    const other = await startBrowserHost({
      handlers: handlers as unknown as IpcHandlers,
      rendererDir: dir,
      pageScriptFile: path.join(dir, 'page-api.js'),
      events: createPageEvents(),
      now: () => now,
    });
    try {
      const brief = other.address(120_000);
      const lasting = other.address();
      now += 121_000;
      const late = await pairWith(other.port, brief);
      expect(late.status).toBe(403);
      expect(late.body).not.toContain('capability');
      // The printed address has no expiry: the user may open it later.
      expect((await pairWith(other.port, lasting)).status).toBe(200);
    } finally {
      await other.close();
    }
  });
});

describe('notices for the page', () => {
  it('stream to a page that holds the capability, one JSON line each, and to no one else', async () => {
    const refused = await send(host.port, {
      path: '/api/events',
      headers: { ...goodHeaders(), [CAPABILITY_HEADER]: 'x' },
      body: '{}',
    });
    expect(refused.status).toBe(403);
    expect(events.listeners).toBe(0);
    const answer = await fetch(`${host.origin}/api/events`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', [CAPABILITY_HEADER]: capability },
      body: '{}',
    });
    const reader = answer.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    const nextLine = async () => {
      while (!text.includes('\n')) {
        const { done, value } = await reader.read();
        if (done) throw new Error('the notice stream ended');
        text += value;
      }
      const [line, ...rest] = text.split('\n');
      text = rest.join('\n');
      return JSON.parse(line ?? '') as unknown;
    };
    expect(await nextLine()).toEqual({ type: 'ready' });
    expect(events.listeners).toBe(1);
    events.notify({ title: 'Token expires soon', body: 'In 5 minutes.' });
    expect(await nextLine()).toEqual({ type: 'notice', title: 'Token expires soon', body: 'In 5 minutes.' });
    events.clearClipboard();
    expect(await nextLine()).toEqual({ type: 'clear-clipboard' });
    await reader.cancel();
  });
});

describe('where a request comes from', () => {
  it('answers only to its own Host: no other name, port, or a rebound DNS name', async () => {
    const hosts = [
      `localhost:${host.port}`,
      `attacker.example:${host.port}`,
      `127.0.0.1.nip.io:${host.port}`,
      `127.0.0.1:${host.port + 1}`,
      '127.0.0.1',
      `[::1]:${host.port}`,
      '',
    ];
    for (const name of hosts) {
      const api = await send(host.port, { headers: { ...goodHeaders(), Host: name }, body: '{}' });
      expect(api.status, name).toBe(403);
      const page = await send(host.port, { method: 'GET', path: '/', headers: { Host: name } });
      expect(page.status, name).toBe(403);
      expect(page.body).not.toContain('<html');
      // Says which address to open instead (someone typed localhost, or a tool rewrote it).
      expect(page.body, name).toContain(`its own address, http://127.0.0.1:${host.port}: open`);
    }
    expect(handlersTouched()).toBe(0);
  });

  it('on port 80, answers to its address as browsers write it there: without the port', () => {
    const from = (host: string, origin?: string) =>
      checkWhereFrom(
        { host: [host], ...(origin ? { origin: [origin] } : {}), 'sec-fetch-site': ['same-origin'] },
        80,
      );
    expect(from('127.0.0.1', 'http://127.0.0.1')).toBeNull();
    expect(from('127.0.0.1:8080', 'http://127.0.0.1:8080')).toMatchObject({ status: 403 });
    expect(from('localhost', 'http://localhost')).toMatchObject({ status: 403 });
    expect(from('127.0.0.1', 'http://127.0.0.1:81')).toMatchObject({ status: 403 });
    // Every other port keeps its number in both.
    expect(checkWhereFrom({ host: ['127.0.0.1'] }, 8080)).toMatchObject({ status: 403 });
  });

  it('loads the page itself when another site or a file opens it, and nothing else from there', async () => {
    // What Chromium sends when the opener page (a file: URL, open-browser.ts) or a link elsewhere
    // opens the address: a top-level navigation, marked cross-site.
    const navigation = (site: string) => ({
      Host: `127.0.0.1:${host.port}`,
      'Sec-Fetch-Site': site,
      'Sec-Fetch-Mode': 'navigate',
      'Sec-Fetch-Dest': 'document',
    });
    const at = pagePath();
    for (const site of ['cross-site', 'same-site']) {
      for (const path of [at, `${at}index.html`]) {
        const page = await send(host.port, { method: 'GET', path, headers: navigation(site) });
        expect(page.status, `${site} ${path}`).toBe(200);
        expect(page.body).toContain('<div id="root">');
      }
      const refused: Array<[string, string, Record<string, string>]> = [
        // Anything but the page: its script, the API, a page in a frame, a fetch that says navigate.
        ['GET', `${at}main.js`, navigation(site)],
        ['POST', '/api/settings:get', { ...goodHeaders(), ...navigation(site) }],
        ['GET', at, { ...navigation(site), 'Sec-Fetch-Dest': 'iframe' }],
        ['GET', at, { ...navigation(site), 'Sec-Fetch-Mode': 'no-cors' }],
        ['GET', at, { ...navigation(site), Origin: 'http://evil.example' }],
        ['GET', at, { ...navigation(site), Host: `localhost:${host.port}` }],
      ];
      for (const [method, refusedPath, headers] of refused) {
        const answer = await send(host.port, { method, path: refusedPath, headers, body: '{}' });
        expect(answer.status, `${site} ${method} ${refusedPath} ${JSON.stringify(headers)}`).toBe(403);
      }
    }
    expect(handlersTouched()).toBe(0);
  });

  it('loads the page in Chromium when the opener page sends the browser to the address', async () => {
    const browser = await launchChromium();
    const opener = await writeOpenerPage(host.address());
    try {
      const page = await browser.newPage();
      const answers: Array<[string, number]> = [];
      page.on('response', (response) => answers.push([new URL(response.url()).pathname, response.status()]));
      await page.goto(opener.url);
      // (The fragment stays: this test's page script is a stand-in that does not pair.)
      await page.waitForURL((url) => url.origin === host.origin);
      const at = new URL(page.url()).pathname;
      await expect.poll(() => answers.find(([path]) => path === at)?.[1]).toBe(200);
      await expect(page.locator('#root').count()).resolves.toBe(1);
    } finally {
      await opener.remove();
      await browser.close();
    }
  });

  it('refuses other sites: a foreign Origin, a null Origin, cross-site Fetch Metadata', async () => {
    const foreign: Array<Record<string, string>> = [
      { Origin: 'http://evil.example' },
      { Origin: 'null' },
      { Origin: `http://localhost:${host.port}` },
      { Origin: `https://127.0.0.1:${host.port}` },
      { 'Sec-Fetch-Site': 'cross-site' },
      { 'Sec-Fetch-Site': 'same-site' },
    ];
    for (const extra of foreign) {
      const answer = await send(host.port, { headers: { ...goodHeaders(), ...extra }, body: '{}' });
      expect(answer.status, JSON.stringify(extra)).toBe(403);
      expect(Object.keys(answer.headers).filter((name) => name.startsWith('access-control-'))).toEqual([]);
    }
    // A script tag on another site cannot load the app's files either.
    const script = await send(host.port, {
      method: 'GET',
      path: '/main.js',
      headers: { Host: `127.0.0.1:${host.port}`, 'Sec-Fetch-Site': 'cross-site' },
    });
    expect(script.status).toBe(403);
    const own = await send(host.port, {
      headers: { ...goodHeaders(), Origin: host.origin, 'Sec-Fetch-Site': 'same-origin' },
      body: '{}',
    });
    expect(own.status).toBe(200);
    expect(handlers.getSettings).toHaveBeenCalledTimes(1);
  });

  it('refuses CORS preflights and never sends a CORS header', async () => {
    const preflight = await send(host.port, {
      method: 'OPTIONS',
      headers: {
        Host: `127.0.0.1:${host.port}`,
        Origin: 'http://evil.example',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': `content-type, ${CAPABILITY_HEADER}`,
      },
    });
    expect(preflight.status).toBe(403);
    const sameOriginPreflight = await send(host.port, {
      method: 'OPTIONS',
      headers: { Host: `127.0.0.1:${host.port}`, 'Access-Control-Request-Method': 'POST' },
    });
    expect(sameOriginPreflight.status).toBe(405);
    for (const answer of [preflight, sameOriginPreflight]) {
      expect(Object.keys(answer.headers).filter((name) => name.startsWith('access-control-'))).toEqual([]);
    }
    expect(handlersTouched()).toBe(0);
  });
});

describe('malformed requests', () => {
  it('closes a refused call’s connection at once, never waiting for the body it announced', async () => {
    const socket = connect({ host: '127.0.0.1', port: host.port });
    let answer = '';
    socket.setEncoding('utf8').on('data', (part: string) => (answer += part));
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    socket.write(
      [
        'POST /api/settings:get HTTP/1.1',
        `Host: 127.0.0.1:${host.port}`,
        'Content-Type: application/json',
        `${CAPABILITY_HEADER}: not-the-key`,
        'Content-Length: 100000',
        '',
        '{',
      ].join('\r\n'),
    );
    // The rest of the body never comes; the server answers and closes all the same.
    await closed;
    expect(answer).toMatch(/^HTTP\/1\.1 403 /);
    expect(answer.toLowerCase()).toContain('connection: close');
    expect(handlersTouched()).toBe(0);
  });

  it('a bad escape in the path is a 400, and the server keeps running', async () => {
    const bad = await send(host.port, { path: '/api/%ZZ', headers: goodHeaders(), body: '{}' });
    expect(bad.status).toBe(400);
    const after = await send(host.port, { headers: goodHeaders(), body: '{}' });
    expect(after.status).toBe(200);
  });

  it('a target naming another host (absolute form, `//host/…` or `/\\host/…`) is refused, whatever Host says', async () => {
    // HTTP lets an absolute target's host stand over Host's; the Host check is the one against
    // DNS rebinding, so only the origin form (`/path`) is taken.
    const at = pagePath();
    for (const target of [
      `http://evil.example${at}`,
      `http://127.0.0.1:${host.port}${at}`,
      `//evil.example${at}`,
      `/\\evil.example${at}`,
      `/\\/evil.example${at}`,
    ]) {
      const page = await send(host.port, {
        method: 'GET',
        path: target,
        headers: { Host: `127.0.0.1:${host.port}` },
      });
      expect(page.status, target).toBe(400);
      expect(page.body).not.toContain('<div id="root">');
      const api = await send(host.port, {
        path: target.replace(at, '/api/settings:get'),
        headers: goodHeaders(),
        body: '{}',
      });
      expect(api.status, target).toBe(400);
    }
    expect(handlersTouched()).toBe(0);
  });

  it('a repeated Host, Origin or capability header counts as none', async () => {
    // Raw bytes: Node's client will not send a header twice.
    const raw = (lines: string[]) =>
      new Promise<string>((resolve, reject) => {
        const socket = connect({ host: '127.0.0.1', port: host.port }, () =>
          socket.end(`${lines.join('\r\n')}\r\n\r\n{}`),
        );
        let text = '';
        socket.on('data', (chunk: Buffer) => (text += chunk.toString()));
        socket.on('end', () => resolve(text));
        socket.on('error', reject);
      });
    const twoHosts = await raw([
      'POST /api/settings:get HTTP/1.1',
      `Host: 127.0.0.1:${host.port}`,
      'Host: evil.example',
      'Content-Type: application/json',
      `${CAPABILITY_HEADER}: ${capability}`,
      'Content-Length: 2',
      'Connection: close',
    ]);
    expect(twoHosts).toMatch(/^HTTP\/1\.1 (400|403)/);
    const twoKeys = await send(host.port, {
      headers: { ...goodHeaders(), [CAPABILITY_HEADER]: [capability, capability] as unknown as string },
      body: '{}',
    });
    expect(twoKeys.status).toBe(403);
    expect(handlersTouched()).toBe(0);
  });
});

describe('what an API call must be', () => {
  it('a JSON POST: other methods and content types are refused', async () => {
    expect((await send(host.port, { method: 'GET', headers: goodHeaders() })).status).toBe(405);
    expect((await send(host.port, { method: 'PUT', headers: goodHeaders(), body: '{}' })).status).toBe(405);
    for (const type of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
    ]) {
      const answer = await send(host.port, {
        headers: { ...goodHeaders(), 'Content-Type': type },
        body: '{}',
      });
      expect(answer.status, type).toBe(415);
    }
    const notJson = await send(host.port, { headers: goodHeaders(), body: '{"arg":' });
    expect(notJson.status).toBe(400);
    expect(handlersTouched()).toBe(0);
  });

  it('caps the body, whether declared or streamed', async () => {
    const big = `{"arg":"${'x'.repeat(MAX_BODY_BYTES)}"}`;
    const declared = await send(host.port, { headers: goodHeaders(), body: big });
    expect(declared.status).toBe(413);
    const streamed = await send(host.port, { headers: goodHeaders(), body: big, chunked: true });
    expect(streamed.status).toBe(413);
    expect(handlersTouched()).toBe(0);
  });

  it('validates the argument with the same schemas as Electron’s IPC, and refuses unknown channels', async () => {
    const invalid = await send(host.port, {
      path: '/api/settings:update',
      headers: goodHeaders(),
      body: '{"arg":{"clipboardClearSeconds":"soon","__proto__":{"x":1}}}',
    });
    expect(invalid.status).toBe(200);
    expect((JSON.parse(invalid.body) as { value: unknown }).value).toMatchObject({
      ok: false,
      kind: 'invalid-input',
    });
    const unknown = await send(host.port, { path: '/api/shell:exec', headers: goodHeaders(), body: '{}' });
    expect((JSON.parse(unknown.body) as { value: unknown }).value).toMatchObject({
      ok: false,
      kind: 'unknown-channel',
    });
    expect(handlersTouched()).toBe(0);
  });
});

describe('the page it serves', () => {
  it('is the renderer with the browser CSP (one directive wider), the page script first, and no framing', async () => {
    const page = await send(host.port, {
      method: 'GET',
      path: pagePath(),
      headers: { Host: `127.0.0.1:${host.port}` },
    });
    expect(page.status).toBe(200);
    expect(page.body).toContain(`content="${BROWSER_CONTENT_SECURITY_POLICY}"`);
    expect(page.body).not.toContain(CONTENT_SECURITY_POLICY);
    expect(page.body.indexOf('src="./browser-api.js"')).toBeLessThan(page.body.indexOf('type="module"'));
    // The notice's first line, for the window's first paint (renderer/common/HostNotice.tsx).
    expect(page.body).toContain(
      `<meta name="${HOST_NOTICE_META}" content="${BROWSER_HOST.differences[0]}" />`,
    );
    expect(page.headers['content-security-policy']).toBe(
      `${BROWSER_CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`,
    );
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect(page.headers['cache-control']).toBe('no-store');
  });

  it('never leaves its folder', async () => {
    const at = pagePath();
    for (const escape of [
      '/../../../../etc/passwd',
      '/%2e%2e/%2e%2e/etc/passwd',
      '/..%5c..%5cetc',
      '/%00',
      `${at}../../../../etc/passwd`,
      `${at}%2e%2e/%2e%2e/etc/passwd`,
      `${at}..%5c..%5cetc`,
      `${at}%00`,
    ]) {
      const answer = await send(host.port, {
        method: 'GET',
        path: escape,
        headers: { Host: `127.0.0.1:${host.port}` },
      });
      expect(answer.status, escape).toBe(404);
      expect(answer.body).not.toContain('root:');
    }
  });
  it('is at a path new at each start, and nowhere else: a browser cannot have kept anything for it', async () => {
    const at = pagePath();
    expect(at).toMatch(/^\/[\w-]{16}\/$/);
    const other = await startBrowserHost({
      handlers: handlers as unknown as IpcHandlers,
      rendererDir: dir,
      pageScriptFile: path.join(dir, 'page-api.js'),
      events: createPageEvents(),
    });
    try {
      expect(new URL(other.address()).pathname).not.toBe(at);
    } finally {
      await other.close();
    }
    const page = (path: string) =>
      send(host.port, { method: 'GET', path, headers: { Host: `127.0.0.1:${host.port}` } });
    for (const elsewhere of ['/', '/index.html', '/browser-api.js', `/${'A'.repeat(16)}/`]) {
      const answer = await page(elsewhere);
      expect(answer.status, elsewhere).toBe(404);
      expect(answer.body).toContain('Open the address browser mode printed');
    }
    const script = await page(`${at}browser-api.js`);
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
  });

  it('is given only to a browser opening it, not to a service worker fetching it', async () => {
    const at = pagePath();
    const load = (extra: Record<string, string>) =>
      send(host.port, {
        method: 'GET',
        path: at,
        headers: { Host: `127.0.0.1:${host.port}`, 'Sec-Fetch-Site': 'none', ...extra },
      });
    const opened = { 'Sec-Fetch-Mode': 'navigate', 'Sec-Fetch-Dest': 'document' };
    expect((await load(opened)).status).toBe(200);
    // A worker's fetch of the page (its mode is no longer navigate), or navigation preload.
    for (const extra of [
      { 'Sec-Fetch-Mode': 'same-origin', 'Sec-Fetch-Dest': 'document' },
      { 'Sec-Fetch-Mode': 'cors', 'Sec-Fetch-Dest': 'empty' },
      { ...opened, 'Service-Worker-Navigation-Preload': 'true' },
    ]) {
      const answer = await load(extra);
      expect(answer.status, JSON.stringify(extra)).toBe(403);
      expect(answer.body).not.toContain('<div id="root">');
    }
    // Nor under another spelling of its name, which the file server would otherwise resolve to
    // the same file (and give as it is built, to anyone, without the checks above).
    await link(path.join(dir, 'index.html'), path.join(dir, 'alias.html'));
    for (const spelling of [
      `${at}/index.html`,
      `${at}%69ndex.html`,
      `${at}.%2Findex.html`,
      `${at}alias.html`,
    ]) {
      for (const extra of [opened, { 'Sec-Fetch-Mode': 'cors', 'Sec-Fetch-Dest': 'empty' }]) {
        const answer = await send(host.port, {
          method: 'GET',
          path: spelling,
          headers: { Host: `127.0.0.1:${host.port}`, 'Sec-Fetch-Site': 'same-origin', ...extra },
        });
        expect(answer.status, `${spelling} ${JSON.stringify(extra)}`).toBe(404);
        expect(answer.body).not.toContain('<div id="root">');
      }
    }
  });
});

describe('connections that send nothing useful', () => {
  it('are closed once their time to send a request is up, and malformed ones get an answer with the usual headers', async () => {
    const strict = await startBrowserHost({
      handlers: handlers as unknown as IpcHandlers,
      rendererDir: dir,
      pageScriptFile: path.join(dir, 'page-api.js'),
      events: createPageEvents(),
      headersTimeoutMs: 300,
      requestTimeoutMs: 600,
    });
    /** What the server wrote on a raw connection that sent `text`, once the server closed it. */
    const raw = (text: string) =>
      new Promise<string>((resolve, reject) => {
        const socket = connect({ host: '127.0.0.1', port: strict.port });
        let got = '';
        socket.on('data', (chunk: Buffer) => (got += chunk.toString('latin1')));
        socket.on('error', reject);
        socket.on('close', () => resolve(got));
        if (text) socket.write(text);
      });
    try {
      // Nothing at all, a request line cut short, headers never finished: each closed by the server
      // (the test waits for the close, with the test's own timeout as the limit).
      const headers = (answer: string) => answer.split('\r\n\r\n')[0]!.toLowerCase();
      const timedOut: string[] = [];
      for (const text of ['', 'G', 'GET / HTTP/1.1\r\n']) {
        const answer = await raw(text);
        expect(answer, JSON.stringify(text)).toMatch(/^HTTP\/1\.1 408 /);
        timedOut.push(answer);
      }
      const malformed = await raw('NOT HTTP AT ALL\r\n\r\n');
      expect(malformed).toMatch(/^HTTP\/1\.1 400 /);
      const tooLong = await raw(`GET /?${'a'.repeat(20_000)} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`);
      expect(tooLong).toMatch(/^HTTP\/1\.1 431 /);
      for (const answer of [...timedOut, malformed, tooLong]) {
        expect(headers(answer)).toContain(
          `content-security-policy: ${BROWSER_CONTENT_SECURITY_POLICY.toLowerCase()}`,
        );
        expect(headers(answer)).toContain('x-frame-options: deny');
        expect(headers(answer)).toContain('cache-control: no-store');
      }
    } finally {
      await strict.close();
    }
  });
});

describe('where it listens', () => {
  it('on loopback only: every other address of this machine refuses the connection', async () => {
    // ::1 is held by a server that only refuses (browser-loopback-guard.test.ts).
    const candidates = Object.values(networkInterfaces())
      .flat()
      .filter((entry): entry is NonNullable<typeof entry> => entry !== undefined)
      .map((entry) => entry.address.split('%')[0] ?? '')
      .filter((address) => address !== '127.0.0.1' && address !== '::1');
    for (const address of candidates) {
      const reached = await new Promise<string>((resolve) => {
        const socket = connect({ host: address, port: host.port });
        socket.once('connect', () => {
          socket.destroy();
          resolve('connected');
        });
        socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
      });
      expect(reached, address).not.toBe('connected');
    }
  });
});
