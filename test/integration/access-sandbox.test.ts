// "Check Messaging access" through the main process's own handlers: the sandbox's normal client
// and each practice client ID give their verdict over both transports; the history and the
// report carry the verdict; and (a property) the token never reaches the history, the report, the
// check's result or the console, whatever a hostile server echoes back.
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { IpcRequest } from '../../app/ipc-contract';
import { isIpcFailure } from '../../app/ipc-contract';
import { SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET, SANDBOX_SCENARIOS } from '../../app/sandbox';
import { createMainServices, type MainServices } from '../../main/services';
import { nodeHttpFetch } from '../../main/token/node-http-fetch';
import type { FetchLike } from '../../main/token/fetch-like';
import { memoryKeychain } from '../support/memory-keychain';
import { sendJson, startServer, type TestServer } from '../support/servers';
import { UNTIL_IT_HOLDS } from '../support/until';
import { TRANSPORTS } from '../support/transports';

const opened: Array<MainServices | TestServer> = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((o) => ('dispose' in o ? o.dispose() : o.close())));
});

async function app(transport: FetchLike) {
  const clipboard = { text: '' };
  const userDataDir = await mkdtemp(path.join(tmpdir(), 'access-'));
  const services = createMainServices({
    fetch: transport,
    clipboard: {
      writeText: async (text) => void (clipboard.text = text),
      readText: async () => clipboard.text,
      clear: async () => void (clipboard.text = ''),
    },
    openExternal: async () => undefined,
    keychain: memoryKeychain().keychain,
    env: {},
    userDataDir,
  });
  opened.push(services);
  return { h: services.handlers, clipboard, userDataDir };
}

let counter = 0;
const sandboxRequest = (clientId: string, scope = 'NSMS'): IpcRequest<'requestToken'> => ({
  requestId: `a-${(counter += 1)}`,
  preset: 'sandbox',
  tokenUrl: '',
  clientId,
  secret: { source: 'typed', value: clientId === SANDBOX_CLIENT_ID ? SANDBOX_CLIENT_SECRET : 'any' },
  grantType: 'client_credentials',
  scope,
});

describe.each(TRANSPORTS)('the sandbox’s Messaging API over %s', (_name, transport) => {
  it.each([
    [SANDBOX_CLIENT_ID, 'access:confirmed', 'Messaging access confirmed'],
    ['sandbox-no-messaging', 'access:not-set-up', 'Key not set up for Messaging'],
    ['sandbox-no-scope', 'access:scope-missing', 'Scope missing'],
    ['sandbox-token-expired', 'access:token-refused', 'Token refused by Messaging'],
    ['sandbox-messaging-429', 'access:rate-limited', 'Messaging rate limit'],
    ['sandbox-messaging-502', 'access:telstra-side', 'Messaging API failed on Telstra’s side'],
    ['sandbox-messaging-odd', 'access:unknown-code', 'Messaging refused with an unlisted code'],
  ])('%s gives “%s”', async (clientId, outcome, title) => {
    expect(SANDBOX_SCENARIOS.map((s) => s.clientId).concat(SANDBOX_CLIENT_ID)).toContain(clientId);
    const { h } = await app(transport);
    const token = await h.requestToken(sandboxRequest(clientId));
    expect(token).toMatchObject({ ok: true });
    const check = await h.checkMessagingAccess({ requestId: (token as { requestId: string }).requestId });
    expect(check).toMatchObject({ outcome, explanation: { title } });
  });

  it('confirms access with the count, and refuses a token the sandbox did not issue', async () => {
    const { h } = await app(transport);
    const token = await h.requestToken(sandboxRequest(SANDBOX_CLIENT_ID));
    const check = await h.checkMessagingAccess({ requestId: (token as { requestId: string }).requestId });
    expect(check).toMatchObject({ ok: true, virtualNumbers: 2 });
    const url = (check as { checkUrl: string }).checkUrl;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/messaging\/v3\/virtual-numbers$/);
    const forged = await transport(url, {
      method: 'GET',
      headers: { Authorization: 'Bearer not-issued-here' },
      body: null,
      redirect: 'manual',
      signal: new AbortController().signal,
    });
    expect(forged.status).toBe(401);
  });
});

describe('the check in the app', () => {
  it('shows granted against requested scopes on the token, and the scope verdict names both', async () => {
    const { h } = await app(nodeHttpFetch);
    const token = await h.requestToken(
      sandboxRequest('sandbox-no-scope', 'messages:write virtual-numbers:read'),
    );
    expect(token).toMatchObject({
      ok: true,
      scope: 'messages:write',
      scopeDifference: { notGranted: ['virtual-numbers:read'], notRequested: [] },
    });
    expect((token as unknown as { explanation: { details: string[] } }).explanation.details).toContain(
      'Requested but not granted: virtual-numbers:read.',
    );
    const check = await h.checkMessagingAccess({ requestId: (token as { requestId: string }).requestId });
    expect((check as unknown as { explanation: { details: string[] } }).explanation.details).toContain(
      'This call needs virtual-numbers:read: it was requested, and it was not granted.',
    );
  });

  it('says why a v2 token is not checked, sending nothing', async () => {
    const server = await startServer((_req, res) =>
      sendJson(res, 200, { access_token: 'v2-token-xyz-123456', token_type: 'Bearer', expires_in: '3599' }),
    );
    opened.push(server);
    const { h } = await app(nodeHttpFetch);
    // A custom URL stands in for v2's; the preset decides.
    const token = await h.requestToken({
      ...sandboxRequest('v2-client'),
      preset: 'v2',
      tokenUrl: server.url(),
    });
    expect(token).toMatchObject({ ok: true, preset: 'v2' });
    const check = await h.checkMessagingAccess({ requestId: (token as { requestId: string }).requestId });
    expect(check).toMatchObject({ ok: false, outcome: 'access:v2-not-checked', checkUrl: '', status: null });
    expect((check as { message: string }).message).toMatch(/decommissioned/);
    expect(server.received).toHaveLength(1);
  });

  it('refuses a Messaging URL the https/loopback rule refuses, without sending the token', async () => {
    const server = await startServer((_req, res) =>
      sendJson(res, 200, { access_token: 'custom-token-abc-123', token_type: 'Bearer', expires_in: '3599' }),
    );
    opened.push(server);
    const { h } = await app(nodeHttpFetch);
    const token = await h.requestToken({ ...sandboxRequest('c'), preset: 'custom', tokenUrl: server.url() });
    const check = await h.checkMessagingAccess({
      requestId: (token as { requestId: string }).requestId,
      messagingUrl: 'http://messaging.example/messaging/v3',
    });
    expect(check).toMatchObject({ outcome: 'invalid-input', checkUrl: '' });
    expect((check as { message: string }).message).toMatch(/Messaging API URL/);
    expect(server.received).toHaveLength(1);
  });

  it('puts the verdict into the history and the report', async () => {
    const { h, clipboard, userDataDir } = await app(nodeHttpFetch);
    const token = await h.requestToken(sandboxRequest('sandbox-no-messaging'));
    const { requestId } = token as { requestId: string };
    await h.checkMessagingAccess({ requestId });
    const list = await h.listHistory(undefined);
    expect(list).toMatchObject({
      entries: [
        { id: `${requestId}-access`, outcome: 'access:not-set-up', status: 402, error: 'ACCOUNT_NOT_LINKED' },
        { id: requestId, outcome: 'token-received' },
      ],
    });
    // A second check of the same token takes the first one's place: the list never holds one id
    // twice (the window keys its rows by id, and checks its list against the store's ids).
    await h.checkMessagingAccess({ requestId });
    const again = await h.listHistory(undefined);
    expect(again).toMatchObject({ entries: [{ id: `${requestId}-access` }, { id: requestId }] });
    expect((again as { entries: readonly unknown[] }).entries).toHaveLength(2);
    await h.copyReport({ requestId });
    expect(clipboard.text).toContain('## Messaging access check');
    expect(clipboard.text).toContain('Key not set up for Messaging');
    expect(clipboard.text).toContain('`ACCOUNT_NOT_LINKED`');
    await vi.waitFor(async () => {
      const text = await readFile(path.join(userDataDir, 'history.json'), 'utf8');
      expect(text).toContain('access:not-set-up');
    }, UNTIL_IT_HOLDS);
  });

  it('gives support the request id and a redirect’s target of an answer that is not access, in the report', async () => {
    let answer = 0;
    const server = await startServer((req, res) => {
      if (req.method === 'POST')
        return sendJson(res, 200, {
          access_token: 'id-token-abc-123456',
          token_type: 'Bearer',
          expires_in: '3599',
        });
      answer += 1;
      if (answer === 1) return sendJson(res, 503, {}, { 'X-Request-Id': 'Qw3Er5Ty7Ui9Op1As3Df5' });
      res.writeHead(302, { Location: 'https://elsewhere.example/moved', 'X-Correlation-Id': 'corr-302' });
      return void res.end();
    });
    opened.push(server);
    const { h, clipboard } = await app(nodeHttpFetch);
    const token = await h.requestToken({ ...sandboxRequest('c'), preset: 'custom', tokenUrl: server.url() });
    const { requestId } = token as { requestId: string };
    const messagingUrl = `${server.origin}/messaging/v3`;
    const check = await h.checkMessagingAccess({ requestId, messagingUrl });
    expect(check).toMatchObject({
      outcome: 'access:telstra-side',
      requestIds: [['x-request-id', 'Qw3Er5Ty7Ui9Op1As3Df5']],
    });
    await h.copyReport({ requestId });
    // Character for character, as support needs it (not masked as if it were a credential).
    expect(clipboard.text).toContain('- Id header `x-request-id`: `Qw3Er5Ty7Ui9Op1As3Df5`');
    const moved = await h.checkMessagingAccess({ requestId, messagingUrl });
    expect(moved).toMatchObject({ outcome: 'redirect', redirectLocation: 'https://elsewhere.example/moved' });
    await h.copyReport({ requestId });
    expect(clipboard.text).toContain('- Redirect location: `https://elsewhere.example/moved`');
    expect(clipboard.text).toContain('- Id header `x-correlation-id`: `corr-302`');
  });

  it('answers not-found for an unknown request, and Cancel stops a check in flight', async () => {
    const { h } = await app(nodeHttpFetch);
    expect(isIpcFailure(await h.checkMessagingAccess({ requestId: 'nope' }))).toBe(true);
    const server = await startServer((req, res) => {
      if (req.method === 'POST')
        sendJson(res, 200, { access_token: 'hang-token-abc-123', token_type: 'Bearer', expires_in: '3599' });
      // the GET never answers
    });
    opened.push(server);
    const token = await h.requestToken({ ...sandboxRequest('c'), preset: 'custom', tokenUrl: server.url() });
    const { requestId } = token as { requestId: string };
    const pending = h.checkMessagingAccess({ requestId, messagingUrl: `${server.origin}/messaging/v3` });
    await expect.poll(() => server.received.length).toBe(2);
    await h.cancelRequest({ requestId });
    expect(await pending).toMatchObject({ outcome: 'cancelled' });
  });
});

describe('the client ID, which the Messaging API may echo in its code', () => {
  it('is kept out of the history, as a token request’s error is', async () => {
    const clientId = 'acme-messaging-app';
    const server = await startServer((req, res) => {
      if (req.method === 'POST')
        return sendJson(res, 200, { access_token: 'tok-echo-client-0123456789', token_type: 'Bearer' });
      return sendJson(res, 403, { errors: [{ code: `NO_APP_FOR_${clientId}`, issue: 'x' }] });
    });
    opened.push(server);
    const { h, userDataDir } = await app(nodeHttpFetch);
    const result = await h.requestToken({
      ...sandboxRequest(clientId),
      preset: 'custom',
      tokenUrl: server.url(),
    });
    const { requestId } = result as { requestId: string };
    await h.checkMessagingAccess({ requestId, messagingUrl: `${server.origin}/messaging/v3` });
    const { entries } = (await h.listHistory(undefined)) as {
      entries: ReadonlyArray<{ error: string | null }>;
    };
    expect(entries.map((entry) => entry.error)).toContain('NO_APP_FOR_[client ID removed]');
    const file = await vi.waitFor(async () => {
      const text = await readFile(path.join(userDataDir, 'history.json'), 'utf8');
      expect(text).toContain('NO_APP_FOR_');
      return text;
    }, UNTIL_IT_HOLDS);
    expect(file).not.toContain(clientId);
  });
});

describe('the token, whatever the Messaging API echoes', () => {
  it('never reaches the history, the report, the check’s result or the console', async () => {
    const logged: string[] = [];
    const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((name) =>
      vi
        .spyOn(console, name)
        .mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(' '))),
    );
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.stringMatching(/^[A-Za-z0-9._~+/-]{16,60}$/),
          fc.constantFrom(200, 401, 402, 403, 429, 500, 404),
          fc.constantFrom('body', 'header', 'both'),
          async (token, status, where) => {
            const echo = (text: string) => text.replace('%T', token);
            const server = await startServer((req, res) => {
              if (req.method === 'POST')
                return sendJson(res, 200, {
                  access_token: token,
                  token_type: 'Bearer',
                  expires_in: '3599',
                  scope: token,
                });
              const headers: Record<string, string> = where === 'body' ? {} : { 'X-Request-Id': token };
              const body =
                status === 200
                  ? { virtualNumbers: [], note: echo('%T') }
                  : { errors: [{ code: echo('C%T'), issue: echo('bad %T'), suggested_action: echo('%T!') }] };
              return sendJson(res, status, where === 'header' ? {} : body, headers);
            });
            opened.push(server);
            const { h, clipboard, userDataDir } = await app(nodeHttpFetch);
            const result = await h.requestToken({
              ...sandboxRequest('c'),
              preset: 'custom',
              tokenUrl: server.url(),
            });
            const { requestId } = result as { requestId: string };
            const check = await h.checkMessagingAccess({
              requestId,
              messagingUrl: `${server.origin}/messaging/v3`,
            });
            await h.copyReport({ requestId });
            const history = JSON.stringify(await h.listHistory(undefined));
            const file = await vi.waitFor(async () => {
              const text = await readFile(path.join(userDataDir, 'history.json'), 'utf8');
              expect(text).toContain('-access');
              return text;
            }, UNTIL_IT_HOLDS);
            for (const place of [JSON.stringify(check), clipboard.text, history, file, logged.join('\n')])
              expect(place).not.toContain(token);
            await server.close();
          },
        ),
        { numRuns: 15 },
      );
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  }, 60_000);
});
