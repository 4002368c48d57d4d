// Cancel or the deadline once the status line and headers had come, while the body was still
// arriving (a server that drips it): the result says what came, not "before an answer arrived",
// and keeps the status and headers (the token call) or request ids (the access check) the app
// did receive, redacted as every answer is. Real servers on 127.0.0.1, over both of the main
// side's Node transports (Electron's: test/unit/electron-request-fetch.test.ts).
import type { Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createAccessService } from '../../main/access/access-service';
import type { FetchLike } from '../../main/token/fetch-like';
import { createTokenService } from '../../main/token/token-service';
import { startRawServer, type TestServer } from '../support/servers';
import { TRANSPORTS } from '../support/transports';

const SECRET = 'sec-Dripping-0123456789';
const TOKEN = 'tok-Dripping-ABCDEFGHIJ';
const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** Headers (one echoing the secret), a start of a body, then a byte every 50 ms until closed. */
async function dripping(status: string): Promise<TestServer> {
  const server = await startRawServer((socket: Socket) => {
    socket.write(
      `HTTP/1.1 ${status}\r\nContent-Type: application/json\r\nX-Request-Id: req-drip\r\nX-Echo: ${SECRET}\r\nConnection: close\r\n\r\n{"a":`,
    );
    const drip = setInterval(() => socket.write(' '), 50);
    socket.on('close', () => clearInterval(drip));
  });
  servers.push(server);
  return server;
}

/** `transport`, and a promise that holds once its answer's status line and headers have come. */
function watched(transport: FetchLike): { fetch: FetchLike; answered: Promise<void> } {
  let resolve: () => void = () => undefined;
  const answered = new Promise<void>((done) => (resolve = done));
  const fetch: FetchLike = async (url, init) => {
    const response = await transport(url, init);
    resolve();
    return response;
  };
  return { fetch, answered };
}

const noSandbox = () => Promise.reject(new Error('no sandbox here'));
const tokenInput = (tokenUrl: string) => ({
  requestId: 'drip-1',
  preset: 'custom' as const,
  tokenUrl,
  clientId: 'client-1',
  clientSecret: SECRET,
  grantType: 'client_credentials',
  scope: '',
});
const accessInput = (checkUrl: string) => ({
  requestId: 'drip-2',
  checkUrl,
  accessToken: TOKEN,
  clientSecret: SECRET,
  requestedScope: '',
  grantedScope: null,
});

describe.each(TRANSPORTS)('stopped while the body arrives, over %s', (_name, transport) => {
  it('the token call, cancelled: says the headers came, keeps status and headers', async () => {
    const server = await dripping('401 Unauthorized');
    const { fetch, answered } = watched(transport);
    const tokens = createTokenService({ fetch, sandboxUrl: noSandbox });
    const pending = tokens.request(tokenInput(server.url()));
    await answered;
    expect(tokens.cancel('drip-1')).toBe(true);
    const result = await pending;
    expect(result).toMatchObject({ ok: false, kind: 'cancelled', outcome: 'cancelled', status: 401 });
    if (result.ok) return;
    expect(result.message).toBe(
      'Cancelled while the answer was arriving: HTTP 401 Unauthorized and its headers had arrived, and the app stopped before the body had been read to its end.',
    );
    expect(result.explanation.meaning).not.toMatch(/before an answer arrived/);
    expect(result.headers).toContainEqual(['x-request-id', 'req-drip']);
    expect(JSON.stringify(result)).not.toContain(SECRET);
  });

  it('the token call, at the deadline: says the headers came, keeps status and headers', async () => {
    const server = await dripping('200 OK');
    const tokens = createTokenService({ fetch: transport, sandboxUrl: noSandbox, deadlineMs: 300 });
    const result = await tokens.request(tokenInput(server.url()));
    expect(result).toMatchObject({ ok: false, kind: 'timeout', outcome: 'timeout', status: 200 });
    if (result.ok) return;
    expect(result.message).toBe(
      'No complete answer within 300 ms. HTTP 200 OK and its headers had arrived; the body was still arriving.',
    );
    // Its title, beside the "HTTP 200 OK" badge in the window and on the CLI's first line.
    expect(result.explanation.title).toBe('No complete answer in time');
    expect(result.headers).toContainEqual(['x-request-id', 'req-drip']);
    expect(JSON.stringify(result)).not.toContain(SECRET);
  });

  it('the token call, stopped with a token in what had come: it is cut from the headers kept', async () => {
    // As from a whole answer's headers: a server can echo its token in one (a request id, here).
    const NEW = 'eyJ-arriving-token-0123456789';
    for (const length of ['', 'Content-Length: 400\r\n']) {
      const server = await startRawServer((socket: Socket) => {
        socket.write(
          `HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-Request-Id: ${NEW}\r\n${length}Connection: close\r\n\r\n{"access_token":"${NEW}",`,
        );
        const drip = setInterval(() => socket.write(' '), 50);
        socket.on('close', () => clearInterval(drip));
      });
      servers.push(server);
      const tokens = createTokenService({ fetch: transport, sandboxUrl: noSandbox, deadlineMs: 300 });
      const result = await tokens.request(tokenInput(server.url()));
      expect(result).toMatchObject({ ok: false, kind: 'timeout', status: 200 });
      expect(JSON.stringify(result)).not.toContain(NEW);
      // What had come is known piece by piece; read in one go (its length declared), it is not.
      expect(result.ok ? [] : result.headers).toContainEqual([
        'x-request-id',
        length === ''
          ? '[token removed]'
          : '[not shown: the answer, which could hold a token, was cut short]',
      ]);
    }
  });

  it('the token call, stopped inside its token: no part of the token kept from the headers', async () => {
    // What had come ends inside the token (or after its key, the value not begun): the rest of it,
    // echoed whole in a header, is not known from the body, so a cut of what had come left the
    // token's tail, or all of it.
    const NEW = 'eyJ-arriving-token-0123456789';
    for (const start of [`"${NEW.slice(0, 10)}`, `"${NEW.slice(0, 3)}`, '"', ' ']) {
      const server = await startRawServer((socket: Socket) => {
        socket.write(
          `HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-Request-Id: ${NEW}\r\nConnection: close\r\n\r\n{"access_token":${start}`,
        );
      });
      servers.push(server);
      const tokens = createTokenService({ fetch: transport, sandboxUrl: noSandbox, deadlineMs: 300 });
      const result = await tokens.request(tokenInput(server.url()));
      expect(result).toMatchObject({ ok: false, kind: 'timeout', status: 200 });
      expect(JSON.stringify(result)).not.toContain(NEW.slice(10));
      expect(result.ok ? [] : result.headers).toContainEqual([
        'x-request-id',
        '[not shown: the answer, which could hold a token, was cut short]',
      ]);
    }
  });

  it('the Messaging access check, cancelled and at the deadline: the same, with its request ids', async () => {
    const server = await dripping('200 OK');
    const { fetch, answered } = watched(transport);
    const access = createAccessService({ fetch });
    const pending = access.check(accessInput(server.url('/messaging/v3/virtual-numbers')));
    await answered;
    expect(access.cancel('drip-2')).toBe(true);
    const cancelled = await pending;
    expect(cancelled).toMatchObject({ outcome: 'cancelled', status: 200, statusText: 'OK' });
    expect(cancelled.message).toMatch(
      /^Cancelled while the answer was arriving: HTTP 200 OK and its headers/,
    );
    expect(cancelled.explanation.details).toContain('x-request-id: req-drip');
    expect(cancelled.explanation.meaning).not.toMatch(/before an answer arrived/);

    const quick = createAccessService({ fetch: transport, deadlineMs: 300 });
    const late = await quick.check(accessInput(server.url('/messaging/v3/virtual-numbers')));
    expect(late).toMatchObject({ outcome: 'timeout', status: 200 });
    expect(late.message).toMatch(
      /^No complete answer within 300 ms\. HTTP 200 OK and its headers had arrived/,
    );
    for (const result of [cancelled, late]) {
      expect(JSON.stringify(result)).not.toContain(SECRET);
      expect(JSON.stringify(result)).not.toContain(TOKEN);
    }
  });
});
