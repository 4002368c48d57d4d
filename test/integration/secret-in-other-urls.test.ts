// A secret written into a URL, where the first checks (secret-in-url.test.ts) did not look: a token
// URL refused for another reason (plain http: to a host, not https:, no URL at all), which the
// result and the diagnostic report showed as typed. The main process's own handlers, a real
// server on 127.0.0.1 that records whether anything arrived.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { V2_TOKEN_URL, V3_TOKEN_URL } from '../../app/endpoints';
import type { MainServices } from '../../main/services';
import { createTokenService } from '../../main/token/token-service';
import { memoryApp, typedRequest } from '../support/memory-app';
import { sendJson, startServer, type TestServer } from '../support/servers';

const SECRET = 'Sup3r-Secret+Value/9';
let server: TestServer;
const opened: MainServices[] = [];

beforeAll(async () => {
  server = await startServer((req, res) =>
    req.url?.endsWith('/virtual-numbers')
      ? sendJson(res, 200, { virtualNumbers: [] })
      : sendJson(res, 200, { access_token: 'tok-1234567890abcdef', expires_in: 3599 }),
  );
});
afterAll(() => server.close());
afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.dispose()));
  server.received.length = 0;
});

const app = (fetchUrl: (url: string) => string = (url) => url) =>
  memoryApp(opened, 'secret-in-other-urls-', (url, init) => fetch(fetchUrl(String(url)), init));

const input = (requestId: string, tokenUrl: string, secret = SECRET) =>
  typedRequest(requestId, tokenUrl, secret);

const noFormOfSecret = (text: string) => {
  expect(text).not.toContain(SECRET);
  expect(text).not.toContain(encodeURIComponent(SECRET));
};

describe('a token URL refused for another reason', () => {
  it('is shown, in the result and the report, without the secret written into it', async () => {
    const { h, copies } = await app();
    const urls = [
      `http://example.com/token?client_secret=${SECRET}`,
      `ftp://example.com/token?client_secret=${SECRET}`,
      `https://exa mple.com/token?client_secret=${SECRET}`,
    ];
    for (const [i, tokenUrl] of urls.entries()) {
      const result = await h.requestToken(input(`o${i}`, tokenUrl));
      expect(result).toMatchObject({ ok: false, outcome: 'invalid-input' });
      expect('tokenUrl' in result && result.tokenUrl).toContain('[secret removed]');
      noFormOfSecret(JSON.stringify(result));
      expect(await h.copyReport({ requestId: `o${i}` })).toMatchObject({ ok: true });
    }
    expect(copies).toHaveLength(urls.length);
    noFormOfSecret(copies.join('\n'));
    expect(server.received).toHaveLength(0);
  });

  it('is shown without the secret that only the URL as typed holds (plain http: to a name)', async () => {
    // Its dot segments take the secret out of the URL parsed, which is searched and found clean;
    // then refused as plain http: to a name, the URL as typed was shown, the secret in it.
    const { h, copies } = await app();
    const result = await h.requestToken(input('dots', `http://localhost/${SECRET}/../../token`));
    expect(result).toMatchObject({ ok: false, outcome: 'invalid-input' });
    expect(!result.ok && result.message).toMatch(/Plain http: to a name \(localhost\)/);
    noFormOfSecret(JSON.stringify(result));
    expect(await h.copyReport({ requestId: 'dots' })).toMatchObject({ ok: true });
    noFormOfSecret(copies.join('\n'));
    expect(server.received).toHaveLength(0);
  });

  it('keeps its host as written when a short secret is taken out of its query', async () => {
    const { h } = await app();
    const result = await h.requestToken(input('short', server.url('/token?client_secret=1'), '1'));
    expect(result).toMatchObject({ ok: false, outcome: 'invalid-input' });
    expect('tokenUrl' in result && result.tokenUrl).toBe(server.url('/token?client_secret=[secret removed]'));
  });
});

describe('a Messaging API URL holding the client secret', () => {
  it('is not called, and the result and report do not hold the secret; a clean one still is', async () => {
    const { h, copies } = await app();
    expect(await h.requestToken(input('t', server.url('/v2/oauth/token')))).toMatchObject({ ok: true });
    for (const messagingUrl of [
      server.url(`/${encodeURIComponent(SECRET)}/messaging/v3`),
      server.url(`/messaging/v3/${SECRET}`),
    ]) {
      const check = await h.checkMessagingAccess({ requestId: 't', messagingUrl });
      expect(check).toMatchObject({ ok: false, outcome: 'invalid-input' });
      expect(!check.ok && 'message' in check && check.message).toMatch(
        /Messaging API URL holds the client secret.*Nothing was sent/,
      );
      expect('checkUrl' in check && check.checkUrl).toContain('[secret removed]');
      noFormOfSecret(JSON.stringify(check));
      expect(await h.copyReport({ requestId: 't' })).toMatchObject({ ok: true });
    }
    expect(server.received).toHaveLength(1);
    noFormOfSecret(copies.join('\n'));
    noFormOfSecret(JSON.stringify(await h.listHistory(undefined)));
    const clean = await h.checkMessagingAccess({ requestId: 't', messagingUrl: server.url('/messaging/v3') });
    expect(clean).toMatchObject({ ok: true, outcome: 'access:confirmed' });
    expect(server.received).toHaveLength(2);
  });
});

describe('the app’s own URLs', () => {
  it('are not searched: a secret that is one of their words, in any case, does not refuse a preset', async () => {
    // Telstra's hosts are not reached from a test: every request goes to the local server instead.
    const asked: string[] = [];
    const { h } = await app((url) => {
      asked.push(url);
      return server.url(url.endsWith('/virtual-numbers') ? '/virtual-numbers' : '/token');
    });
    const cases = [
      { preset: 'v3', tokenUrl: V3_TOKEN_URL, secret: 'Products' },
      { preset: 'v3', tokenUrl: V3_TOKEN_URL, secret: 'TELSTRA.COM' },
      { preset: 'v2', tokenUrl: V2_TOKEN_URL, secret: 'oauth/token' },
    ] as const;
    for (const [i, { preset, tokenUrl, secret }] of cases.entries()) {
      const result = await h.requestToken({ ...input(`own${i}`, tokenUrl, secret), preset });
      expect(result).toMatchObject({ ok: true, outcome: 'token-received' });
      const saved = await h.saveProfile({
        profileId: null,
        fields: {
          name: `Own ${i}`,
          preset,
          clientId: 'abcdefghij',
          tokenUrl,
          grantType: 'client_credentials',
          scope: '',
        },
        secret,
      });
      expect(saved).toMatchObject({ ok: true });
    }
    // The default Messaging API URL, with a secret that is one of its words.
    expect(await h.requestToken({ ...input('m', V3_TOKEN_URL, 'Messaging'), preset: 'v3' })).toMatchObject({
      ok: true,
    });
    const check = await h.checkMessagingAccess({ requestId: 'm' });
    expect(check).toMatchObject({ ok: true, outcome: 'access:confirmed' });
    expect(asked.at(-1)).toBe('https://products.api.telstra.com/messaging/v3/virtual-numbers');
    // A URL the user wrote is still searched: the same secret in a custom URL's query is refused.
    const custom = await h.requestToken(input('c', `${V3_TOKEN_URL}?client_secret=Products`, 'Products'));
    expect(custom).toMatchObject({ ok: false, outcome: 'invalid-input' });
  });
});

describe('a token URL found to hold no secret, remembered', () => {
  it('is searched again for the Basic credentials when the same secret is next sent with Basic', async () => {
    const tokens = createTokenService({
      fetch: (url, init) => fetch(url, init),
      sandboxUrl: () => Promise.reject(new Error('unused')),
    });
    // A short secret is looked for in the query only, where the Basic credentials stand here.
    const basic = Buffer.from('abcdefghij:abc').toString('base64');
    const tokenUrl = server.url(`/v2/oauth/token?auth=${basic}`);
    const request = (requestId: string, clientAuth: 'body' | 'basic') =>
      tokens.request({
        requestId,
        preset: 'custom',
        tokenUrl,
        clientId: 'abcdefghij',
        clientSecret: 'abc',
        clientAuth,
        grantType: 'client_credentials',
        scope: '',
      });
    // Twice: the first adds the secret to those sent, and the URL is remembered clean after that.
    expect(await request('body1', 'body')).toMatchObject({ ok: true });
    expect(await request('body2', 'body')).toMatchObject({ ok: true });
    const withBasic = await request('basic', 'basic');
    expect(withBasic).toMatchObject({ ok: false, outcome: 'invalid-input' });
    expect(JSON.stringify(withBasic)).not.toContain(basic);
    expect(server.received).toHaveLength(2);
  });
});
