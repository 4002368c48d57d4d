// Token-endpoint answers that follow the RFCs to the letter, from a real server on 127.0.0.1,
// through the token service over both transports: a success without a body (RFC 9110's 204 and
// 205, a 200 with none), RFC 9457 problem details, and the RFC 6749 §5.1/§5.2 answers the app
// already read right (token_type in any case, unknown fields, JSON in any Content-Type spelling,
// a 401 invalid_client with WWW-Authenticate), kept so.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenService } from '../../main/token/token-service';
import { startServer, type TestServer } from '../support/servers';
import { TRANSPORTS } from '../support/transports';

const TOKEN = 'tok-AbCdEfGhIjKlMnOpQrStUv0123';
const SECRET = 'secret-xyz-123';
const SLASHED = 'Qw\\Er\\Ty\\Ui\\Op\\As';
const NO_BODY =
  'The answer has no body, so no token: a token endpoint’s success carries it in a JSON body (RFC 6749 §5.1).';
const token = (extra: Record<string, unknown> = {}) =>
  JSON.stringify({ access_token: TOKEN, token_type: 'Bearer', expires_in: 3599, ...extra });

/** Each character of `text` behind a backslash: in a quoted-string, the same text (RFC 9110 §5.6.4). */
const escaped = (text: string) => text.replace(/./g, (char) => `\\${char}`);

// scenario → status, headers, body
const ANSWERS: Record<string, readonly [number, Record<string, string>, string?]> = {
  'no-content-204': [204, {}],
  'reset-205': [205, {}],
  'empty-200': [200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' }, ''],
  'blank-200': [200, { 'Content-Type': 'application/json' }, ' \r\n'],
  'problem-blank': [
    403,
    { 'Content-Type': 'application/problem+json' },
    JSON.stringify({ type: 'about:blank', title: 'Forbidden', status: 403, detail: 'Trial quota used' }),
  ],
  'problem-typed': [
    400,
    { 'Content-Type': 'application/problem+json' },
    JSON.stringify({ type: 'https://example.com/probs/out-of-credit', title: 'Out of credit', status: 400 }),
  ],
  'problem-detail-only': [
    429,
    { 'Content-Type': 'application/problem+json', 'Retry-After': '5' },
    JSON.stringify({ status: 429, detail: 'Slow down' }),
  ],
  // Found right, and kept so.
  'lower-bearer': [200, { 'Content-Type': 'application/JSON' }, token({ token_type: 'bearer' })],
  charset: [200, { 'Content-Type': 'application/json; charset=utf-8' }, token({ scope: 'NSMS', foo: [1] })],
  'text-plain': [200, { 'Content-Type': 'text/plain' }, token({ expires_in: '3599' })],
  'basic-401': [
    401,
    { 'Content-Type': 'application/json', 'WWW-Authenticate': 'Basic realm="token"' },
    JSON.stringify({ error: 'invalid_client', error_description: 'Client authentication failed' }),
  ],
  // The secret, or the token just issued, echoed in quoted-strings a backslash before each character.
  'escaped-secret': [
    401,
    {
      'Content-Type': 'application/json',
      'WWW-Authenticate': `Basic realm="${escaped(SECRET)}", Bearer error_description="${escaped(SECRET)}"`,
      'X-Request-Id': `"${escaped(SECRET)}"`,
    },
    JSON.stringify({ error: 'invalid_client' }),
  ],
  'escaped-token': [
    200,
    {
      'Content-Type': 'application/json',
      'X-Request-Id': `"${escaped(TOKEN)}"`,
      'Cache-Control': 'no-store',
    },
    token(),
  ],
  // A secret holding backslashes, echoed as it is and again escaped: reading the escapes must not
  // turn the one as it is into the secret without its backslashes, which no redaction then finds.
  'raw-and-escaped': [
    401,
    { 'Content-Type': 'application/json', 'X-Request-Id': `${SLASHED} "${escaped(SLASHED)}"` },
    JSON.stringify({ error: 'invalid_client' }),
  ],
  'telstra-v2': [
    404,
    { 'Content-Type': 'application/json' },
    JSON.stringify({ status: '404', code: 'RESOURCE-NOT-FOUND', message: '' }),
  ],
};

let server: TestServer;
beforeAll(async () => {
  server = await startServer((req, res) => {
    const scenario = new URL(req.url ?? '/', 'http://x').pathname.split('/')[1] ?? '';
    const [status, headers, body] = ANSWERS[scenario] ?? [404, {}];
    res.writeHead(status, headers);
    res.end(body);
  });
});
afterAll(() => server.close());

describe.each(TRANSPORTS)('RFC-shaped token answers over %s', (_name, transport) => {
  const tokens = createTokenService({ fetch: transport, sandboxUrl: () => Promise.reject(new Error()) });
  let counter = 0;
  const request = (scenario: string) =>
    tokens.request({
      requestId: `r-${(counter += 1)}`,
      preset: 'custom',
      tokenUrl: server.url(`/${scenario}/v2/oauth/token`),
      clientId: 'client-abc',
      clientSecret: SECRET,
      grantType: 'client_credentials',
      scope: '',
    });

  it.each(['no-content-204', 'reset-205', 'empty-200', 'blank-200'])(
    '%s: a success with no body is said to have none, not to be "not JSON"',
    async (scenario) => {
      const result = await request(scenario);
      expect(result).toMatchObject({ ok: false, kind: 'unexpected-response', message: NO_BODY });
    },
  );

  it.each([
    ['problem-blank', 'http:403', null, 'Forbidden: Trial quota used', null],
    ['problem-typed', 'http:400', 'https://example.com/probs/out-of-credit', 'Out of credit', null],
    ['problem-detail-only', 'http:429', null, 'Slow down', 5],
  ] as const)(
    '%s: read as RFC 9457 problem details (%s, code %s, “%s”), its status not taken for a code',
    async (scenario, outcome, error, errorDescription, retryAfterSeconds) => {
      const result = await request(scenario);
      expect(result).toMatchObject({
        ok: false,
        kind: 'http',
        outcome,
        errorShape: 'problem-details',
        error,
        errorDescription,
        nonStandardError: false,
        retryAfterSeconds,
      });
    },
  );

  it.each([
    ['lower-bearer', 'bearer', null, 3599],
    ['charset', 'Bearer', 'NSMS', 3599],
    ['text-plain', 'Bearer', null, 3599],
  ] as const)(
    '%s: a token, its type as sent (%s), scope %s, expiry %s',
    async (scenario, type, scope, expiry) => {
      const result = await request(scenario);
      expect(result).toMatchObject({
        ok: true,
        accessToken: TOKEN,
        tokenType: type,
        scope,
        expiresInSeconds: expiry,
      });
    },
  );

  it.each([
    ['escaped-secret', SECRET, 'secret removed'],
    ['escaped-token', TOKEN, 'token removed'],
  ])(
    '%s: a quoted-string escaping each character hides nothing in the headers shown',
    async (scenario, value, marker) => {
      const result = await request(scenario);
      const { accessToken: _, ...shown } = result.ok ? result : { ...result, accessToken: '' };
      expect(JSON.stringify(shown.headers)).toContain(`[${marker}]`);
      expect(JSON.stringify(shown).replace(/\\/g, '')).not.toContain(value);
      expect(result.ok).toBe(scenario === 'escaped-token');
    },
  );

  it('raw-and-escaped: a secret with backslashes, as it is and escaped, is out of the headers shown', async () => {
    const result = await tokens.request({
      requestId: `r-${(counter += 1)}`,
      preset: 'custom',
      tokenUrl: server.url('/raw-and-escaped/v2/oauth/token'),
      clientId: 'client-abc',
      clientSecret: SLASHED,
      grantType: 'client_credentials',
      scope: '',
    });
    expect(result.ok || result.headers).toContainEqual([
      'x-request-id',
      '[secret removed] "[secret removed]"',
    ]);
    expect(JSON.stringify(result).replace(/\\/g, '')).not.toContain(SLASHED.replace(/\\/g, ''));
  });

  it('reads a 401 invalid_client with a Basic challenge, and a Telstra v2 body, as before', async () => {
    const refused = await request('basic-401');
    expect(refused).toMatchObject({
      outcome: 'oauth:invalid_client',
      errorShape: 'rfc6749',
      errorDescription: 'Client authentication failed',
    });
    expect(refused.ok || refused.headers).toContainEqual(['www-authenticate', 'Basic realm="token"']);
    const v2 = await request('telstra-v2');
    expect(v2).toMatchObject({ outcome: 'http:404', errorShape: 'telstra-v2', error: 'RESOURCE-NOT-FOUND' });
  });
});
