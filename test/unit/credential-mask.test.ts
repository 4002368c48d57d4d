import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MASK, maskCredentials } from '../../app/credential-mask';

describe('maskCredentials', () => {
  it.each([
    [
      '{"access_token":"abc.def","token_type":"Bearer","expires_in":"3599"}',
      `{"access_token":"${MASK}","token_type":"Bearer","expires_in":"3599"}`,
    ],
    ['{"refresh_token" : "r1", "id_token": "i1"}', `{"refresh_token" : "${MASK}", "id_token": "${MASK}"}`],
    ['{"client_secret": 12345, "password": true}', `{"client_secret": ${MASK}, "password": ${MASK}}`],
    [`{'Authorization': 'Basic abc', 'api_key': 'k'}`, `{'Authorization': '${MASK}', 'api_key': '${MASK}'}`],
    [
      '{"apiKey":"k","X-Api-Key":"k2","secret":"s"}',
      `{"apiKey":"${MASK}","X-Api-Key":"${MASK}","secret":"${MASK}"}`,
    ],
    ['{"escaped_secret":"a\\"b"}', `{"escaped_secret":"${MASK}"}`],
    // What redaction left stays whole: no "[masked] removed]".
    [
      'client_id=abc&client_secret=[secret removed]&access_token=[token removed]&password=p4ss',
      `client_id=abc&client_secret=[secret removed]&access_token=[token removed]&password=${MASK}`,
    ],
    ['client_secret=[weird', `client_secret=${MASK}`],
    [
      'client_id=abc&client_secret=p%40ss&grant_type=client_credentials',
      `client_id=abc&client_secret=${MASK}&grant_type=client_credentials`,
    ],
    ['https://host/cb?access_token=xyz&state=1', `https://host/cb?access_token=${MASK}&state=1`],
    [
      '<r><access_token>xyz</access_token><code>1</code></r>',
      `<r><access_token>${MASK}</access_token><code>1</code></r>`,
    ],
    ['https://user:pa55@example.com/token', `https://${MASK}@example.com/token`],
    ['Authorization: Bearer abcDEF123456', `Authorization: Bearer ${MASK}`],
    ['Authorization: Basic YWxhZGRpbjpvcGVuc2VzYW1l', `Authorization: Basic ${MASK}`],
    ['jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.c2lnbmF0dXJl end', `jwt ${MASK} end`],
    ['key Zx8Yw7Vu6Ts5Rq4Po3Nm2Lk1 here', `key ${MASK} here`],
    ['hex 0123456789abcdef0123456789abcdef here', `hex ${MASK} here`],
    ['b64 QmFzZTY0IGVuY29kZWQgc2VjcmV0IHZhbHVl== x', `b64 ${MASK} x`],
  ])('masks %s', (text, masked) => {
    expect(maskCredentials(text)).toBe(masked);
  });

  it.each([
    '{"error":"invalid_client","error_description":"Client authentication failed"}',
    '{"token_type":"Bearer","expires_in":"3599","scope":"free-trial-numbers:read messages:write"}',
    '{"fault":{"faultstring":"Invalid ApiKey","detail":{"errorcode":"oauth.v2.InvalidApiKey"}}}',
    'request 123e4567-e89b-12d3-a456-426614174000 failed',
    'REQUEST 123E4567-E89B-12D3-A456-426614174000',
    '/messaging/v3/free-trial-numbers/virtual-numbers',
    'rrt-6812345678901234567-b-gce-1234-5678901-1',
    'Basic authentication is not supported; use Bearer tokens',
    'WWW-Authenticate: Bearer realm="api", error="invalid_token"',
    'unsupported_grant_type_for_this_client_application',
    '<html><body><h1>502 Bad Gateway</h1></body></html>',
    'grant_type=client_credentials&scope=NSMS',
  ])('keeps %s readable', (text) => {
    expect(maskCredentials(text)).toBe(text);
  });

  it('masks random-looking tokens wherever they sit in text', () => {
    const base64url = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_');
    const token = fc
      .string({ unit: base64url, minLength: 24, maxLength: 80 })
      .filter((t) => /[0-9]/.test(t) && /[A-Z]/.test(t) && /[a-z]/.test(t));
    fc.assert(
      fc.property(token, fc.constantFrom(' ', '"', "'", '(', ':', '\n'), (value, edge) => {
        expect(maskCredentials(`before${edge}${value}${edge}after`)).not.toContain(value);
      }),
      { numRuns: 1000 },
    );
  });

  it('reads a long text once, not again from every place in it (a data file can hold megabytes)', () => {
    // Each start in these was read on to the run's end: half a megabyte took half a minute.
    for (const unit of ['ab1C-', 'eyJ-', 'a+b.']) {
      const text = `${unit.repeat(100_000)} https://user:pa55@example.com`;
      expect(maskCredentials(text)).toContain(`https://${MASK}@example.com`);
    }
  });

  it.each([
    ['token-eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.c2lnbmF0dXJl', `token-${MASK}`],
    ['see_https://user:pa55@example.com', `see_https://${MASK}@example.com`],
    // The run the scheme is in may start with what no scheme starts with: masked before the
    // scheme was read from a run's start only, and must still be.
    ['see ...https://user:pa55@example.com', `see ...https://${MASK}@example.com`],
    ['(-https://user:pa55@example.com)', `(-https://${MASK}@example.com)`],
    ['1.https://user:pa55@example.com', `1.https://${MASK}@example.com`],
  ])('masks %s where it sits in a run', (text, masked) => {
    expect(maskCredentials(text)).toBe(masked);
  });

  it('never throws', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        maskCredentials(text);
      }),
      { numRuns: 1000 },
    );
  });
});
