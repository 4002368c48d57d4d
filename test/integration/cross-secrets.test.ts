// A hostile server that has seen several profiles' secrets (a batch run, or one profile after
// another) echoes all of them in every answer: each answer is redacted of every secret the app has
// sent, not only of its own request's. And a 2xx answer whose token the app does not take still
// has that token cut out of the excerpt it shows.
import { afterEach, describe, expect, it } from 'vitest';
import type { TokenResult } from '../../app/token-result';
import { createAccessService } from '../../main/access/access-service';
import type { FetchLike } from '../../main/token/fetch-like';
import { nodeHttpFetch } from '../../main/token/node-http-fetch';
import { createSentSecrets } from '../../main/token/sent-secrets';
import { createTokenService, type ResolvedTokenRequest } from '../../main/token/token-service';
import { tokenLikeValues } from '../../main/token/token-like';
import { sendJson, startServer, type TestServer } from '../support/servers';

const SECRETS = ['AlphaSecretQ8RmT4vKp2WxN7cLb5HyF3d', 'BetaSecretZ9Xq3nV7bM1kL4pW8sJ2hG6t'] as const;
const TOKEN = 'tok3nFromTheServerAbCdEfGhIjKlMnOpQrStUv12';

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** Answers every request 401, echoing every client_secret it has received so far, everywhere. */
async function echoingServer(options: { holdFirstUntil?: () => boolean } = {}) {
  const seen: string[] = [];
  let first = true;
  const server = await startServer(async (req, res, body) => {
    const secret = new URLSearchParams(body).get('client_secret');
    if (secret !== null && !seen.includes(secret)) seen.push(secret);
    if (first && options.holdFirstUntil) {
      first = false;
      // Held until another request's secret has come, then echoed in this answer.
      while (!options.holdFirstUntil()) await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const all = seen.join(' ');
    res.setHeader('X-Request-Id', all);
    sendJson(res, 401, { error: 'invalid_client', error_description: `Known secrets: ${all}` });
  });
  servers.push(server);
  return { server, seen };
}

let counter = 0;
function input(tokenUrl: string, clientSecret: string): ResolvedTokenRequest {
  counter += 1;
  return {
    requestId: `x-${counter}`,
    preset: 'custom',
    tokenUrl,
    clientId: 'client-abc',
    clientSecret,
    grantType: 'client_credentials',
    scope: '',
  };
}

const holds = (result: unknown, value: string) => JSON.stringify(result).includes(value);

describe('every secret sent is redacted from every answer', () => {
  it('one profile after another: the second answer holds neither secret', async () => {
    const { server } = await echoingServer();
    const tokens = createTokenService({
      fetch: nodeHttpFetch,
      sandboxUrl: () => Promise.reject(new Error()),
    });
    const first = await tokens.request(input(server.url(), SECRETS[0]));
    const second = await tokens.request(input(server.url(), SECRETS[1]));
    for (const result of [first, second])
      for (const secret of SECRETS) expect(holds(result, secret)).toBe(false);
    // It was there to be redacted: the second answer echoed both.
    expect(JSON.stringify(second)).toMatch(/Known secrets: \[secret removed\] \[secret removed\]/);
  });

  it('at once: an answer held until another request’s secret came holds neither', async () => {
    let seen: string[] = [];
    const echo = await echoingServer({ holdFirstUntil: () => seen.length >= 2 });
    seen = echo.seen;
    const tokens = createTokenService({
      fetch: nodeHttpFetch,
      sandboxUrl: () => Promise.reject(new Error()),
    });
    const firstAnswer = tokens.request(input(echo.server.url(), SECRETS[0]));
    await expect.poll(() => echo.seen.length).toBe(1);
    const results: TokenResult[] = await Promise.all([
      firstAnswer,
      tokens.request(input(echo.server.url(), SECRETS[1])),
    ]);
    for (const result of results) for (const secret of SECRETS) expect(holds(result, secret)).toBe(false);
  });

  it('the Messaging check shares the list: another profile’s secret is cut out of its answer', async () => {
    const sentSecrets = createSentSecrets();
    sentSecrets.add(SECRETS[1]);
    const messaging = await startServer((_req, res) =>
      sendJson(res, 403, {
        errors: [{ code: 'INSUFFICIENT_SCOPE', issue: `seen ${SECRETS[1]}`, suggested_action: SECRETS[1] }],
      }),
    );
    servers.push(messaging);
    const access = createAccessService({ fetch: nodeHttpFetch, sentSecrets });
    const result = await access.check({
      requestId: 'a1',
      checkUrl: messaging.url('/messaging/v3/virtual-numbers'),
      accessToken: TOKEN,
      clientSecret: SECRETS[0],
      requestedScope: '',
      grantedScope: null,
    });
    expect(result.outcome).toBe('access:scope-missing');
    expect(holds(result, SECRETS[1])).toBe(false);
    expect(result.issue).toBe('seen [secret removed]');
  });
});

describe('the list of secrets sent, once it is full', () => {
  it('forgets the oldest, never the newest (the newest are the ones still in flight)', () => {
    const sent = createSentSecrets(2);
    for (const secret of ['FirstSecretQ8RmT4vKp2', 'SecondSecretZ9Xq3nV7', 'ThirdSecretW8sJ2hG6tL'])
      sent.add(secret);
    expect(sent.others()).toEqual(['SecondSecretZ9Xq3nV7', 'ThirdSecretW8sJ2hG6tL']);
  });
});

describe('another profile’s short secret', () => {
  it('is not cut out of other answers: it would garble their words (a reviewer’s find)', async () => {
    const { server } = await echoingServer();
    const tokens = createTokenService({
      fetch: nodeHttpFetch,
      sandboxUrl: () => Promise.reject(new Error()),
    });
    await tokens.request(input(server.url(), 'client'));
    const second = await tokens.request(input(server.url(), SECRETS[0]));
    // "invalid_client" stays itself, and the answer is read as what it is.
    expect(second).toMatchObject({ ok: false, outcome: 'oauth:invalid_client', error: 'invalid_client' });
    expect(holds(second, SECRETS[0])).toBe(false);
  });
});

describe('a secret sent while an answer is read', () => {
  it('is cut out of the rest of that answer (the Messaging check reads its status first)', async () => {
    const sentSecrets = createSentSecrets();
    const body = new TextEncoder().encode(
      JSON.stringify({ errors: [{ code: 'INSUFFICIENT_SCOPE', issue: `seen ${SECRETS[1]}` }] }),
    );
    // The status line has come; the body comes after another request has sent its secret.
    const fetch: FetchLike = () =>
      Promise.resolve({
        status: 403,
        statusText: 'Forbidden',
        type: 'basic',
        headers: new Headers({
          'content-length': String(body.byteLength),
          'content-type': 'application/json',
        }),
        body: {
          getReader: () => Promise.reject(new Error('not read so')) as never,
          cancel: () => Promise.resolve(),
        },
        arrayBuffer: () => {
          sentSecrets.add(SECRETS[1]);
          return Promise.resolve(body.buffer);
        },
      });
    const access = createAccessService({ fetch, sentSecrets });
    const result = await access.check({
      requestId: 'a2',
      checkUrl: 'https://messaging.example/messaging/v3/virtual-numbers',
      accessToken: TOKEN,
      clientSecret: SECRETS[0],
      requestedScope: '',
      grantedScope: null,
    });
    expect(result.issue).toBe('seen [secret removed]');
    expect(holds(result, SECRETS[1])).toBe(false);
  });
});

describe('a 2xx answer whose token the app does not take', () => {
  it.each([
    ['a line break at its end', { access_token: `${TOKEN}\n`, token_type: 'Bearer' }],
    ['nested under data', { data: { access_token: TOKEN } }],
    ['in an array', { access_token: [TOKEN] }],
    ['wrapped in quotes', { access_token: `"${TOKEN}"` }],
  ])('%s: the token is not in the excerpt, the headers or anything else', async (_name, body) => {
    const server = await startServer((_req, res) => {
      res.setHeader('X-Echo', TOKEN);
      sendJson(res, 200, body);
    });
    servers.push(server);
    const tokens = createTokenService({
      fetch: nodeHttpFetch,
      sandboxUrl: () => Promise.reject(new Error()),
    });
    const result = await tokens.request(input(server.url(), SECRETS[0]));
    expect(result).toMatchObject({ ok: false, outcome: 'unexpected-response' });
    expect(holds(result, TOKEN)).toBe(false);
    expect(result.ok ? '' : result.bodyExcerpt).toContain('[token removed]');
  });

  it('a token-like value overlapping an echoed secret leaves nothing of the secret (a reviewer’s find)', async () => {
    const secret = 'S3cretValueXYZ123456';
    const server = await startServer((_req, res) =>
      sendJson(res, 200, { access_token: ['S3cretValu'], echo: `<secret ${secret}>` }),
    );
    servers.push(server);
    const tokens = createTokenService({
      fetch: nodeHttpFetch,
      sandboxUrl: () => Promise.reject(new Error()),
    });
    const result = await tokens.request(input(server.url(), secret));
    expect(result).toMatchObject({ ok: false, outcome: 'unexpected-response' });
    const excerpt = result.ok ? '' : (result.bodyExcerpt ?? '');
    expect(excerpt).not.toContain('XYZ123456');
    expect(excerpt).not.toContain('S3cretValu');
  });

  it('finds token-like values in text that is not JSON, and nothing in text without them', () => {
    expect(tokenLikeValues(`{"access_token":"${TOKEN}`)).toContain(TOKEN);
    expect(tokenLikeValues('{"message":"no token here","tokenish":"abcdefgh"}')).toEqual([]);
    expect(tokenLikeValues('<html>not json</html>')).toEqual([]);
  });
});
