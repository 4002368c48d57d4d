// A secret written into a URL the user typed (the client secret in a token URL's query, path or
// fragment): never sent, never put on the clipboard in the curl command, never shown back. The
// main process's own handlers, a real server on 127.0.0.1 that records whether anything arrived.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createMainServices, type MainServices } from '../../main/services';
import { memoryKeychain } from '../support/memory-keychain';
import { sendJson, startServer, type TestServer } from '../support/servers';

const SECRET = 'Sup3r-Secret+Value/9';
let server: TestServer;
const opened: MainServices[] = [];

beforeAll(async () => {
  server = await startServer((_req, res) =>
    sendJson(res, 200, { access_token: 'tok-123456789', expires_in: 3599 }),
  );
});
afterAll(() => server.close());
afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.dispose()));
});

async function app() {
  const userDataDir = await mkdtemp(path.join(tmpdir(), 'secret-in-url-'));
  const copies: string[] = [];
  const services = createMainServices({
    fetch: (url, init) => fetch(url, init),
    clipboard: {
      writeText: async (text: string) => void copies.push(text),
      readText: async () => '',
      clear: async () => undefined,
    },
    openExternal: async () => undefined,
    env: {},
    userDataDir,
    keychain: memoryKeychain().keychain,
  });
  opened.push(services);
  return { h: services.handlers, copies, userDataDir };
}

/** The secret as typed, percent-encoded in a query, in the path, in a fragment. */
const urlsHoldingSecret = () => [
  server.url(`/v2/oauth/token?client_secret=${SECRET}`),
  server.url(`/v2/oauth/token?client_secret=${encodeURIComponent(SECRET)}`),
  server.url(`/${encodeURIComponent(SECRET)}/v2/oauth/token`),
  server.url(`/v2/oauth/token#${SECRET}`),
];

const noFormOfSecret = (text: string) => {
  expect(text).not.toContain(SECRET);
  expect(text).not.toContain(encodeURIComponent(SECRET));
};

describe('a token URL holding the client secret', () => {
  it('is not sent, and the result, report, history and curl command do not hold the secret', async () => {
    const { h, copies } = await app();
    for (const [i, tokenUrl] of urlsHoldingSecret().entries()) {
      const requestId = `r${i}`;
      const result = await h.requestToken({
        requestId,
        preset: 'custom',
        tokenUrl,
        clientId: 'abcdefghij',
        secret: { source: 'typed', value: SECRET },
        grantType: 'client_credentials',
        scope: '',
      });
      expect(result).toMatchObject({ ok: false, outcome: 'invalid-input' });
      expect(!result.ok && result.message).toMatch(/token URL holds the client secret.*Nothing was sent/);
      noFormOfSecret(JSON.stringify(result));
      expect('tokenUrl' in result && result.tokenUrl).toContain('[secret removed]');
      expect(await h.copyReport({ requestId })).toMatchObject({ ok: true });
      expect(await h.copyCurl({ requestId })).toMatchObject({ ok: false, kind: 'invalid-input' });
    }
    expect(server.received).toHaveLength(0);
    expect(copies).toHaveLength(urlsHoldingSecret().length);
    for (const copy of copies) expect(copy).toMatch(/^# Telstra Token Tester diagnostic report/);
    noFormOfSecret(copies.join('\n'));
    noFormOfSecret(JSON.stringify(await h.listHistory(undefined)));
  });

  it('is sent as before when the URL holds no form of the secret', async () => {
    const { h } = await app();
    const before = server.received.length;
    const result = await h.requestToken({
      requestId: 'plain',
      preset: 'custom',
      tokenUrl: server.url('/v2/oauth/token?tenant=au'),
      clientId: 'abcdefghij',
      secret: { source: 'typed', value: SECRET },
      grantType: 'client_credentials',
      scope: '',
    });
    expect(result).toMatchObject({ ok: true, outcome: 'token-received' });
    expect(server.received.length).toBe(before + 1);
    server.received.length = before;
  });
});
