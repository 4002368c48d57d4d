// What only browser mode has: the notice of what differs, and Ctrl-C in the terminal cleaning up
// what the app copied while the page is still open.
import { createServer } from 'node:http';
import type { Page } from '@playwright/test';
import { expect, result, test, useSandbox } from './fixtures';

test('says once, out of the way (one line until opened), what differs from the desktop app', async ({
  app,
  page,
}) => {
  test.skip(app.mode !== 'browser', 'browser mode only');
  const notice = page.getByRole('complementary', { name: 'Browser mode' });
  await expect(notice).toBeVisible();
  // One line until opened, so the form stays where it was.
  await expect(notice.getByText('Browser extensions can read what you type')).toBeHidden();
  await notice.getByText('Browser mode: what differs from the desktop app').click();
  await expect(notice.getByText('Browser extensions can read what you type')).toBeVisible();
  // What the README lists, the window says: links and requests too.
  await expect(notice.getByText('Links to Telstra’s portal open in a new tab.')).toBeVisible();
  await expect(notice.getByText(/NODE_EXTRA_CA_CERTS adds a company root/)).toBeVisible();
  await notice.getByText('Browser mode: what differs from the desktop app').click();
  await expect(notice.getByText('Browser extensions can read what you type')).toBeHidden();
});

test('Ctrl-C in the terminal clears the token the app copied', async ({ app, page }) => {
  test.skip(app.mode !== 'browser', 'browser mode only');
  await useSandbox(page);
  await page.getByRole('button', { name: 'Request token' }).click();
  await result(page).getByRole('button', { name: 'Copy token' }).click();
  await expect.poll(() => app.readClipboard()).toMatch(/^[\w-]{20,}$/);
  await app.interrupt?.();
  await expect.poll(() => app.readClipboard()).toBe('');
});

test('Ctrl-C leaves alone what the user copied since', async ({ app, page }) => {
  test.skip(app.mode !== 'browser', 'browser mode only');
  await useSandbox(page);
  await page.getByRole('button', { name: 'Request token' }).click();
  await result(page).getByRole('button', { name: 'Copy token' }).click();
  await expect.poll(() => app.readClipboard()).toMatch(/^[\w-]{20,}$/);
  await app.writeClipboard('the user’s own note');
  await app.interrupt?.();
  // The page heard the stop (its socket ended) before this check.
  await expect
    .poll(() =>
      page.evaluate(() =>
        fetch('/').then(
          () => 'up',
          () => 'down',
        ),
      ),
    )
    .toBe('down');
  expect(await app.readClipboard()).toBe('the user’s own note');
});

/** Every API call the page sends, by lane: HTTP requests to /api/… and WebSocket messages. */
function watchLanes(page: Page) {
  const lanes = { http: [] as string[], socket: [] as string[], sockets: 0 };
  page.on('request', (request) => {
    const { pathname } = new URL(request.url());
    if (pathname.startsWith('/api/')) lanes.http.push(decodeURIComponent(pathname.slice(5)));
  });
  page.on('websocket', (ws) => {
    lanes.sockets += 1;
    ws.on('framesent', ({ payload }) => {
      const message = JSON.parse(String(payload)) as { type: string; channel?: string };
      if (message.type === 'call' && message.channel) lanes.socket.push(message.channel);
    });
  });
  return lanes;
}

/** A call the page makes itself (settings:get), as the renderer would. */
const getSettings = (page: Page) =>
  page.evaluate(() =>
    (
      window as unknown as { tokenTester: { getSettings(): Promise<{ ok: boolean; message?: string }> } }
    ).tokenTester.getSettings(),
  );

/** Until this page's calls go over its socket: one of its own calls is seen there. */
async function socketInUse(page: Page, lanes: ReturnType<typeof watchLanes>) {
  await expect
    .poll(async () => {
      await getSettings(page);
      return lanes.socket.includes('settings:get');
    })
    .toBe(true);
}

test('calls go over one WebSocket once it is open, effects included', async ({ app, page }) => {
  test.skip(app.mode !== 'browser', 'browser mode only');
  const lanes = watchLanes(page);
  await page.reload(); // the page keeps its access (sessionStorage) and opens its socket again
  await socketInUse(page, lanes);
  await useSandbox(page);
  await page.getByRole('button', { name: 'Request token' }).click();
  await expect(result(page).getByRole('heading', { name: 'Token received' })).toBeVisible();
  await result(page).getByRole('button', { name: 'Copy token' }).click();
  // The clipboard write is an effect handed back with the call's answer, over the socket.
  await expect.poll(() => app.readClipboard()).toMatch(/^[\w-]{20,}$/);
  expect(lanes.socket).toEqual(expect.arrayContaining(['token:request', 'clipboard:copy-token']));
  expect(lanes.http).not.toContain('token:request');
  expect(lanes.http).not.toContain('clipboard:copy-token');
});

test('without a usable socket, every call still works over HTTP', async ({ app, page }) => {
  test.skip(app.mode !== 'browser', 'browser mode only');
  // As a proxy or an extension might: one drops the socket at once, one opens it and stays silent.
  const standIns: Array<(ws: import('@playwright/test').WebSocketRoute) => void> = [
    (ws) => void ws.close({ code: 1011, reason: 'dropped' }),
    () => undefined,
  ];
  for (const standIn of standIns) {
    const sentOnSocket: string[] = [];
    await page.unrouteAll();
    await page.routeWebSocket(/\/api\/socket$/, (ws) => {
      ws.onMessage((message) => sentOnSocket.push(String(message)));
      standIn(ws);
    });
    const lanes = watchLanes(page);
    await page.reload();
    await useSandbox(page);
    await page.getByRole('button', { name: 'Request token' }).click();
    await expect(result(page).getByRole('heading', { name: 'Token received' })).toBeVisible();
    expect(lanes.http).toContain('token:request');
    expect(sentOnSocket).toEqual([]);
  }
});

test('sockets that cannot open are tried a few times, then no more', async ({ app, page }) => {
  test.skip(app.mode !== 'browser', 'browser mode only');
  let attempts = 0;
  await page.routeWebSocket(/\/api\/socket$/, (ws) => {
    attempts += 1;
    void ws.close({ code: 1011, reason: 'dropped' });
  });
  await page.reload();
  for (let call = 0; call < 8; call += 1) expect((await getSettings(page)).ok).toBe(true);
  // Eight calls, each of which may try again while no socket is open: three tries at most.
  expect(attempts).toBeGreaterThan(0);
  expect(attempts).toBeLessThanOrEqual(3);
});

test('once browser mode has stopped, the page opens no socket and says it stopped', async ({ app, page }) => {
  test.skip(app.mode !== 'browser', 'browser mode only');
  const lanes = watchLanes(page);
  await page.reload();
  await socketInUse(page, lanes);
  const opened = lanes.sockets;
  await app.interrupt?.();
  await expect.poll(async () => (await getSettings(page)).message ?? '').toContain('has stopped');
  await getSettings(page);
  expect(lanes.sockets).toBe(opened);
});

test('killed without a word (a crash), the page sends nothing more, so the port’s next owner gets nothing', async ({
  app,
  page,
}) => {
  test.skip(app.mode !== 'browser', 'browser mode only');
  const port = Number(new URL(page.url()).port);
  await app.kill?.();
  // Its socket ended without "stopped": the page locks itself and forgets its key.
  await expect.poll(async () => (await getSettings(page)).message ?? '').toContain('has stopped');
  expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
  // Another program takes the port: no call, no key, no socket reaches it.
  const received: string[] = [];
  const next = createServer((request, response) => {
    received.push(`${request.method} ${request.url}`);
    response.end('{}');
  });
  next.on('upgrade', (request, socket) => {
    received.push(`upgrade ${request.url}`);
    socket.destroy();
  });
  await new Promise<void>((resolve) => next.listen(port, '127.0.0.1', resolve));
  try {
    expect((await getSettings(page)).message).toContain('has stopped');
    // A request with a typed secret, what a program on the port would want most.
    const request = await page.evaluate(() =>
      (
        window as unknown as { tokenTester: { requestToken(input: unknown): Promise<{ message?: string }> } }
      ).tokenTester.requestToken({
        requestId: 'after-the-crash',
        preset: 'custom',
        tokenUrl: 'https://token.example/v2/oauth/token',
        clientId: 'client',
        secret: { source: 'typed', value: 'typed-secret-after-the-crash' },
        grantType: 'client_credentials',
        scope: '',
      }),
    );
    expect(request.message).toContain('has stopped');
    expect(received).toEqual([]);
  } finally {
    await new Promise((resolve) => next.close(resolve));
  }
});

test('a call over the size cap is refused by the page, said as too large; a long field gets its own limit; the socket stays', async ({
  app,
  page,
}) => {
  test.skip(app.mode !== 'browser', 'browser mode only');
  const lanes = watchLanes(page);
  await page.reload();
  await socketInUse(page, lanes);
  const sockets = lanes.sockets;
  const updateSettings = (note: string) =>
    page.evaluate(
      (text) =>
        (
          window as unknown as {
            tokenTester: { updateSettings(change: unknown): Promise<{ ok: boolean; message?: string }> };
          }
        ).tokenTester.updateSettings({ note: text }),
      note,
    );
  // Multi-byte text: under the cap in characters, over it in UTF-8 bytes (what the server counts).
  const over = await updateSettings('€'.repeat(200_000));
  expect(over.ok).toBe(false);
  expect(over.message).toMatch(/^This is too much text for the app to take in one go \(more than 512 KiB\)/);
  expect([...lanes.http, ...lanes.socket]).not.toContain('settings:update');
  // Under the cap, a field far over its own limit reaches the app's validation, as in the desktop
  // app: its own words, not the lane's.
  const request = await page.evaluate(
    (clientId) =>
      (
        window as unknown as {
          tokenTester: {
            requestToken(input: unknown): Promise<{ ok: boolean; kind?: string; issues?: unknown }>;
          };
        }
      ).tokenTester.requestToken({
        requestId: 'long-client-id',
        preset: 'custom',
        tokenUrl: 'https://token.example/v2/oauth/token',
        clientId,
        secret: { source: 'typed', value: 'secret' },
        grantType: 'client_credentials',
        scope: '',
      }),
    '漢'.repeat(100_000),
  );
  expect(request).toMatchObject({ ok: false, kind: 'invalid-input' });
  expect(JSON.stringify(request.issues)).toContain('clientId');
  expect(lanes.socket).toContain('token:request');
  lanes.socket.length = 0;
  expect((await getSettings(page)).ok).toBe(true);
  expect(lanes.socket).toEqual(['settings:get']);
  expect(lanes.sockets).toBe(sockets);
});

test('a socket lost before its answer says so, and the call is not sent again', async ({ app, page }) => {
  test.skip(app.mode !== 'browser', 'browser mode only');
  const sent: string[] = [];
  let ready = false;
  // Between the page and the server, as a flaky proxy: the token call reaches the server, then the
  // socket drops before its answer comes back.
  await page.routeWebSocket(/\/api\/socket$/, (ws) => {
    const server = ws.connectToServer();
    const tokenCalls = new Set<number>();
    ws.onMessage((message) => {
      const call = JSON.parse(String(message)) as { type: string; id?: number; channel?: string };
      if (call.type === 'call' && call.channel) sent.push(call.channel);
      if (call.channel === 'token:request' && call.id !== undefined) tokenCalls.add(call.id);
      server.send(message);
    });
    server.onMessage((message) => {
      const answer = JSON.parse(String(message)) as { type: string; id?: number };
      if (answer.type === 'ready') ready = true;
      if (answer.id !== undefined && tokenCalls.has(answer.id)) return void ws.close({ code: 1011 });
      ws.send(message);
    });
  });
  const lanes = watchLanes(page);
  await page.reload();
  await expect.poll(() => ready).toBe(true);
  await useSandbox(page);
  await page.getByRole('button', { name: 'Request token' }).click();
  await expect(
    // In the result as shown (its one-sentence summary for screen readers says it too).
    result(page).getByRole('article').getByText('Browser mode’s server did not answer', { exact: false }),
  ).toBeVisible();
  expect(sent.filter((channel) => channel === 'token:request')).toHaveLength(1);
  expect(lanes.http).not.toContain('token:request');
});

test('eight tabs of one browser each load and work: a tab holds none of its six connections', async ({
  app,
  page,
}) => {
  test.skip(app.mode !== 'browser', 'browser mode only');
  // Each tab with access, as one opened from its own address has (its key in sessionStorage).
  const key = await page.evaluate(() => sessionStorage.getItem('token-tester.capability'));
  expect(key).toMatch(/^[\w-]{43}$/);
  const streams: string[] = [];
  const tabs: Page[] = [];
  try {
    for (let i = 0; i < 8; i += 1) {
      const tab = await page.context().newPage();
      tabs.push(tab);
      tab.on('request', (request) => {
        if (new URL(request.url()).pathname === '/api/events') streams.push(request.url());
      });
      await tab.addInitScript((k) => sessionStorage.setItem('token-tester.capability', k), key ?? '');
      await tab.goto(page.url().split('#')[0]!);
      await expect(tab.getByRole('textbox', { name: 'Client ID' })).toBeVisible();
    }
    for (const tab of tabs) expect((await getSettings(tab)).ok).toBe(true);
    // Each heard "ready" on its socket: none kept a streamed answer open.
    expect(streams).toEqual([]);
  } finally {
    for (const tab of tabs) await tab.close();
  }
});

test('a page that cannot hear "stopped" (no socket, its stream held) sends no call', async ({
  app,
  page,
}) => {
  test.skip(app.mode !== 'browser', 'browser mode only');
  await page.routeWebSocket(/\/api\/socket$/, (ws) => void ws.close({ code: 1011, reason: 'dropped' }));
  // The stream's request never answered, as when the browser has no connection left for it.
  await page.route(/\/api\/events$/, () => undefined);
  const lanes = watchLanes(page);
  await page.reload();
  const answer = await getSettings(page);
  expect(answer.ok).toBe(false);
  expect(answer.message).toContain('did not answer');
  // Nothing but the stream's request (and the page itself) went to the server.
  expect(lanes.http.filter((channel) => channel !== 'events')).toEqual([]);
  expect(lanes.socket).toEqual([]);
});

test('a tab whose key is not the running app’s (it was started again) says so, and forgets it', async ({
  app,
  page,
}) => {
  test.skip(app.mode !== 'browser', 'browser mode only');
  const tab = await page.context().newPage();
  try {
    await tab.addInitScript(() => {
      if (sessionStorage.getItem('seeded') === null) {
        sessionStorage.setItem('seeded', '1');
        sessionStorage.setItem('token-tester.capability', 'A'.repeat(43));
      }
    });
    await tab.goto(page.url().split('#')[0]!);
    const answer = await getSettings(tab);
    expect(answer.ok).toBe(false);
    expect(answer.message).toContain('not valid for the running app');
    expect(await tab.evaluate(() => sessionStorage.getItem('token-tester.capability'))).toBeNull();
  } finally {
    await tab.close();
  }
});
