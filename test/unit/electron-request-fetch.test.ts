// The Electron app's transport (main/token/electron-request-fetch.ts) through the token service,
// against a fake of Electron's net.request that behaves as Electron documents it: a redirect in
// manual mode is reported by the `redirect` event and cancelled unless followRedirect() is called
// during it; abort() cancels the transaction; the response's body comes as data/end events, and
// the request stays open until the server finishes or abort() is called (what the real app
// depends on, and what net.fetch's body cancel did not do).
import { createAccessService } from '../../main/access/access-service';
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { createTokenService } from '../../main/token/token-service';
import { electronRequestFetch, type NetLike } from '../../main/token/electron-request-fetch';

type Script = (request: FakeRequest) => void;

class FakeResponse extends EventEmitter {
  constructor(
    readonly statusCode: number,
    readonly statusMessage: string,
    readonly headers: Record<string, string | string[]>,
  ) {
    super();
  }
}

class FakeRequest extends EventEmitter {
  readonly headers = new Map<string, string>();
  aborted = false;
  followed = false;
  body: string | undefined;
  constructor(
    readonly options: Parameters<NetLike['request']>[0],
    private readonly script: Script,
  ) {
    super();
  }
  setHeader(name: string, value: string) {
    this.headers.set(name, value);
  }
  followRedirect() {
    this.followed = true;
  }
  abort() {
    if (this.aborted) return;
    this.aborted = true;
    this.emit('abort');
  }
  end(chunk?: string) {
    this.body = chunk;
    setImmediate(() => this.script(this));
    return this;
  }
  respond(status: number, headers: Record<string, string | string[]>, chunks: readonly string[], end = true) {
    const response = new FakeResponse(status, status === 200 ? 'OK' : 'Error', headers);
    this.emit('response', response);
    setImmediate(() => {
      for (const chunk of chunks) if (!this.aborted) response.emit('data', Buffer.from(chunk));
      if (end && !this.aborted) response.emit('end');
    });
  }
}

function fakeNet(script: Script) {
  const requests: FakeRequest[] = [];
  const net: NetLike = {
    request(options) {
      const request = new FakeRequest(options, script);
      requests.push(request);
      return request;
    },
  };
  return { net, requests };
}

const input = {
  requestId: 'r1',
  preset: 'custom' as const,
  tokenUrl: 'https://tapi.telstra.com/v2/oauth/token',
  clientId: 'client-1',
  clientSecret: 'secret-1',
  grantType: 'client_credentials',
  scope: 'NSMS',
};

function service(net: NetLike, deadlineMs = 5_000) {
  return createTokenService({
    fetch: electronRequestFetch(net),
    sandboxUrl: () => Promise.reject(new Error('no sandbox')),
    deadlineMs,
  });
}

describe('the Electron transport', () => {
  it('sends the Messaging access check as a GET with the same rules: no credentials, no cache, no referrer', async () => {
    const { net, requests } = fakeNet((request) =>
      request.respond(200, { 'content-type': 'application/json' }, ['{"virtualNumbers":[]}']),
    );
    const access = createAccessService({ fetch: electronRequestFetch(net) });
    const result = await access.check({
      requestId: 'r1',
      checkUrl: 'https://products.api.telstra.com/messaging/v3/virtual-numbers',
      accessToken: 'tok-abcdefghijklmnopqrstu',
      clientSecret: 'secret-1',
      requestedScope: 'virtual-numbers:read',
      grantedScope: null,
    });
    expect(result).toMatchObject({ ok: true, virtualNumbers: 0 });
    expect(requests[0]?.options).toEqual({
      method: 'GET',
      url: 'https://products.api.telstra.com/messaging/v3/virtual-numbers',
      redirect: 'manual',
      credentials: 'omit',
      cache: 'no-store',
      referrerPolicy: 'no-referrer',
    });
    expect(requests[0]?.headers.get('Authorization')).toBe('Bearer tok-abcdefghijklmnopqrstu');
  });

  it('sends the form with manual redirects, no credentials, no cache, and reads a token', async () => {
    const { net, requests } = fakeNet((request) =>
      request.respond(200, { 'content-type': 'application/json' }, [
        '{"access_token":"tok-abcdefghijklmnopqrstu","token_type":"Bearer",',
        '"expires_in":"3599"}',
      ]),
    );
    const result = await service(net).request(input);
    expect(result).toMatchObject({ ok: true, status: 200 });
    const [request] = requests;
    expect(request?.options).toEqual({
      method: 'POST',
      url: input.tokenUrl,
      redirect: 'manual',
      credentials: 'omit',
      cache: 'no-store',
      referrerPolicy: 'no-referrer',
    });
    expect(request?.body).toContain('client_secret=secret-1');
    expect(request?.headers.get('Content-Type')).toBe('application/x-www-form-urlencoded');
  });

  it('reports a refused redirect with its status and target, and the target gets nothing', async () => {
    const { net, requests } = fakeNet((request) =>
      request.emit('redirect', 307, 'POST', 'https://collector.example/steal', { server: ['gw'] }),
    );
    const result = await service(net).request(input);
    expect(result).toMatchObject({
      ok: false,
      kind: 'redirect',
      status: 307,
      redirectLocation: 'https://collector.example/steal',
    });
    expect(requests[0]?.followed).toBe(false);
    expect(requests[0]?.aborted).toBe(true);
    expect(requests).toHaveLength(1);
  });

  it('aborts the request itself when the answer is too large (declared, or streamed past the cap)', async () => {
    const declared = fakeNet((request) =>
      request.respond(200, { 'content-length': String(2 * 1024 * 1024) }, ['{'], false),
    );
    expect(await service(declared.net).request(input)).toMatchObject({ kind: 'too-large', status: 200 });
    expect(declared.requests[0]?.aborted).toBe(true);

    const chunk = 'x'.repeat(64 * 1024);
    const streamed = fakeNet((request) => request.respond(200, {}, Array<string>(20).fill(chunk), false));
    expect(await service(streamed.net).request(input)).toMatchObject({ kind: 'too-large' });
    expect(streamed.requests[0]?.aborted).toBe(true);
  });

  it('aborts the request at the deadline, and on Cancel, even with half an answer read', async () => {
    const stalled = fakeNet((request) => request.respond(200, {}, ['{"access_'], false));
    expect(await service(stalled.net, 200).request(input)).toMatchObject({ kind: 'timeout', status: 200 });
    expect(stalled.requests[0]?.aborted).toBe(true);

    const silent = fakeNet(() => undefined);
    const tokens = service(silent.net);
    const pending = tokens.request({ ...input, requestId: 'r2' });
    await new Promise((resolve) => setImmediate(resolve));
    tokens.cancel('r2');
    expect(await pending).toMatchObject({ kind: 'cancelled' });
    expect(silent.requests[0]?.aborted).toBe(true);
  });

  it('on Cancel with the headers in and the body still coming, says so and keeps them', async () => {
    const dripping = fakeNet((request) => request.respond(200, { 'x-request-id': 'req-7' }, ['{"a'], false));
    const transport = electronRequestFetch(dripping.net);
    let answered: () => void = () => undefined;
    const headersIn = new Promise<void>((resolve) => (answered = resolve));
    const tokens = createTokenService({
      fetch: async (url, init) => {
        const response = await transport(url, init);
        answered();
        return response;
      },
      sandboxUrl: () => Promise.reject(new Error('no sandbox')),
    });
    const pending = tokens.request({ ...input, requestId: 'r3' });
    await headersIn;
    tokens.cancel('r3');
    const result = await pending;
    expect(result).toMatchObject({ kind: 'cancelled', status: 200, headers: [['x-request-id', 'req-7']] });
    expect(result.ok ? '' : result.message).toMatch(/^Cancelled while the answer was arriving: HTTP 200 OK/);
    expect(dripping.requests[0]?.aborted).toBe(true);
  });

  it('names Chromium’s network error', async () => {
    const { net } = fakeNet((request) => request.emit('error', new Error('net::ERR_CONNECTION_REFUSED')));
    expect(await service(net).request(input)).toMatchObject({
      kind: 'network',
      networkCode: 'net::ERR_CONNECTION_REFUSED',
    });
  });
});
