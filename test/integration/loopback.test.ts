// Finding 10: plain http: goes only where the address actually connected to is loopback. A name is
// resolved by the OS for the command line (node:http), so a resolver's answer decides, not the
// name; "localhost" and "*.localhost" are answered with loopback without asking any resolver (RFC
// 6761, as Chromium does); transports that cannot check the address get literal addresses only.
import type { LookupAddress } from 'node:dns';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FetchLike } from '../../main/token/fetch-like';
import { isLoopbackAddress, NotLoopbackAddress, type Lookup } from '../../main/token/loopback-lookup';
import { createNodeHttpFetch, nodeHttpFetch } from '../../main/token/node-http-fetch';
import { createTokenService } from '../../main/token/token-service';
import { sendJson, startServer, type TestServer } from '../support/servers';

/** Names the resolvers below were asked for. */
const asked: string[] = [];

/** A resolver that answers `address` for every name, as a hosts file or DNS server could. */
function resolverAnswering(...addresses: string[]): Lookup {
  return (hostname, options, callback) => {
    asked.push(hostname);
    const answers: LookupAddress[] = addresses.map((address) => ({
      address,
      family: address.includes(':') ? 6 : 4,
    }));
    if (options.all === true) callback(null, answers);
    else callback(null, answers[0]?.address ?? '', answers[0]?.family);
  };
}

let server: TestServer;
let port: string;
beforeAll(async () => {
  server = await startServer((_req, res) =>
    sendJson(res, 200, { access_token: 'local-token', expires_in: '3599' }),
  );
  port = new URL(server.url()).port;
});
afterAll(() => server.close());
beforeEach(() => {
  server.received.length = 0;
  asked.length = 0;
});

const init = () => ({
  method: 'POST' as const,
  headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams({ client_secret: 'do-not-leak' }),
  redirect: 'manual' as const,
  signal: new AbortController().signal,
});

function request(fetch: FetchLike, tokenUrl: string) {
  return createTokenService({ fetch, sandboxUrl: () => Promise.reject(new Error('no sandbox')) }).request({
    requestId: 'loopback',
    preset: 'custom',
    tokenUrl,
    clientId: 'id',
    clientSecret: 'do-not-leak',
    grantType: 'client_credentials',
    scope: '',
    profileId: null,
  });
}

describe('isLoopbackAddress', () => {
  it('accepts 127.0.0.0/8 and ::1 in their spellings, nothing else', () => {
    for (const address of ['127.0.0.1', '127.1.2.3', '::1', '[::1]', '::ffff:127.0.0.1', '::ffff:7f00:1'])
      expect(isLoopbackAddress(address), address).toBe(true);
    for (const address of [
      '10.0.0.1',
      '0.0.0.0',
      '::',
      '::ffff:10.0.0.1',
      '128.0.0.1',
      'fe80::1',
      '1127.0.0.1',
    ])
      expect(isLoopbackAddress(address), address).toBe(false);
  });
});

describe('node:http transport (the command line)', () => {
  it('refuses plain http: to a name that resolves off the machine, before connecting', async () => {
    for (const answers of [['10.1.2.3'], ['127.0.0.1', '10.1.2.3'], ['::ffff:192.168.0.9']]) {
      const fetch = createNodeHttpFetch({ resolve: resolverAnswering(...answers) });
      await expect(fetch(`http://tokens.test:${port}/v2/oauth/token`, init())).rejects.toBeInstanceOf(
        NotLoopbackAddress,
      );
    }
    await expect(nodeHttpFetch(`http://10.1.2.3:${port}/`, init())).rejects.toBeInstanceOf(
      NotLoopbackAddress,
    );
    expect(server.received).toHaveLength(0);
  });

  it('connects to the loopback address the name resolved to', async () => {
    const fetch = createNodeHttpFetch({ resolve: resolverAnswering('127.0.0.1') });
    const response = await fetch(`http://tokens.test:${port}/v2/oauth/token`, init());
    expect(response.status).toBe(200);
    expect(server.received).toHaveLength(1);
    expect(asked).toEqual(['tokens.test']);
    // And a literal loopback address, not looked up at all.
    expect((await nodeHttpFetch(`http://127.0.0.1:${port}/v2/oauth/token`, init())).status).toBe(200);
  });

  it('a token request to a localhost name goes to this computer whatever a resolver says', async () => {
    // The token URL rule lets plain http: go only to loopback literals and localhost names, and
    // those are never asked of a resolver: no resolver can send the secret off the machine.
    const result = await request(
      createNodeHttpFetch({ resolve: resolverAnswering('10.1.2.3') }),
      `http://app.localhost:${port}/x`,
    );
    expect(result).toMatchObject({ ok: true });
    expect(server.received).toHaveLength(1);
    expect(asked).toEqual([]);
  });
});

describe('localhost names (the command line)', () => {
  it('are this computer: answered with loopback, never asked of a resolver that would send them elsewhere', async () => {
    // A resolver that answers every name with another machine, as a poisoned hosts file or a
    // VPN's DNS could: localhost names still go to this computer, and it is never asked.
    const fetch = createNodeHttpFetch({ resolve: resolverAnswering('10.1.2.3') });
    for (const host of ['localhost', 'app.localhost', 'a.b.LocalHost', 'tokens.localhost.'])
      expect((await fetch(`http://${host}:${port}/v2/oauth/token`, init())).status, host).toBe(200);
    expect(server.received).toHaveLength(4);
    expect(asked).toEqual([]);
    // A name that only ends in the letters is not one.
    await expect(fetch(`http://notlocalhost:${port}/x`, init())).rejects.toBeInstanceOf(NotLoopbackAddress);
    await expect(fetch(`http://localhost.example:${port}/x`, init())).rejects.toBeInstanceOf(
      NotLoopbackAddress,
    );
    expect(asked).toEqual(['notlocalhost', 'localhost.example']);
    expect(server.received).toHaveLength(4);
  });

  it('work where the system resolver does not know them (no resolver is given)', async () => {
    // Debian's resolver answers "localhost" from /etc/hosts but not "app.localhost".
    expect((await nodeHttpFetch(`http://app.localhost:${port}/v2/oauth/token`, init())).status).toBe(200);
    expect(server.received).toHaveLength(1);
  });
});

describe('transports that cannot check the address (Node’s fetch)', () => {
  const nodeFetch: FetchLike = (url, options) => fetch(url, options);

  it('send plain http: only to a literal loopback address, never to a name', async () => {
    const refused = await request(nodeFetch, `http://localhost:${port}/v2/oauth/token`);
    expect(refused).toMatchObject({ ok: false, kind: 'invalid-input' });
    expect(refused.ok ? '' : refused.message).toContain('http://127.0.0.1');
    expect(server.received).toHaveLength(0);
    expect(await request(nodeFetch, `http://127.0.0.1:${port}/v2/oauth/token`)).toMatchObject({ ok: true });
  });
});
