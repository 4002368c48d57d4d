import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_EXPIRES_IN_SECONDS, parseExpiresIn, parseTokenResponse } from '../../app/token-response';

describe('parseTokenResponse', () => {
  it('reads the documented answer, with expires_in as a string', () => {
    const parsed = parseTokenResponse('{"access_token":"abc123","token_type":"Bearer","expires_in":"3599"}');
    expect(parsed).toEqual({
      ok: true,
      token: { accessToken: 'abc123', tokenType: 'Bearer', scope: null, expiresInSeconds: 3599 },
    });
  });

  it('accepts expires_in as a number (the first 2018 spec) and ignores unknown fields', () => {
    const parsed = parseTokenResponse(
      '{"access_token":"t","expires_in":3599,"scope":"NSMS","extra":{"a":1}}',
    );
    expect(parsed.ok && parsed.token).toEqual({
      accessToken: 't',
      tokenType: null,
      scope: 'NSMS',
      expiresInSeconds: 3599,
    });
  });

  it('treats token_type as optional (Telstra’s getting-started page omitted it)', () => {
    const parsed = parseTokenResponse('{"access_token":"t","expires_in":"35999"}');
    expect(parsed.ok && parsed.token.tokenType).toBeNull();
    expect(parsed.ok && parsed.token.expiresInSeconds).toBe(35999);
  });

  it.each([
    ['not json', 'The answer is not JSON.'],
    ['[1,2]', 'The answer is JSON but not an object.'],
    ['null', 'The answer is JSON but not an object.'],
    ['{}', 'The answer has no access_token.'],
    ['{"access_token":""}', 'The answer has no access_token.'],
    ['{"access_token":"   "}', 'The answer has no access_token.'],
    ['{"access_token":42}', 'The answer has no access_token.'],
  ])('refuses %s', (text, reason) => {
    expect(parseTokenResponse(text)).toEqual({ ok: false, reason });
  });

  it('says when the answer is JSON cut short, or UTF-16, rather than only "not JSON"', () => {
    const cut =
      'The answer is not JSON: it ends before its JSON is closed, as an answer cut short does (say, by a connection closed early).';
    const whole = '{"access_token":"tok-123","token_type":"Bearer","expires_in":3599}';
    for (const at of [1, 10, 17, 25, 40, whole.length - 1])
      expect(parseTokenResponse(` ${whole.slice(0, at)}`), whole.slice(0, at)).toEqual({
        ok: false,
        reason: cut,
      });
    expect(parseTokenResponse('[{"access_token":"a\\"}]}')).toEqual({ ok: false, reason: cut });
    // Closed, then more: broken, but not cut short.
    for (const text of ['{"a":1}}', '{"a":1} x', '<html>{', '{"a":"}"}]'])
      expect(parseTokenResponse(text), text).toEqual({ ok: false, reason: 'The answer is not JSON.' });
    const utf16 =
      'The answer is not JSON as the app reads it: it is UTF-16 text (it starts with a UTF-16 byte-order mark), and a token endpoint answers in UTF-8.';
    for (const encoding of ['utf16le', 'utf16be'] as const) {
      const bytes = Buffer.from(`\ufeff${whole}`, 'utf16le');
      if (encoding === 'utf16be') bytes.swap16();
      expect(parseTokenResponse(bytes.toString('utf8')), encoding).toEqual({ ok: false, reason: utf16 });
    }
  });

  it('refuses a token with characters no bearer token has: it would forge the header the app copies', () => {
    const refused =
      'The access_token has characters no bearer token may have (only letters, digits and -._~+/, then = signs).';
    for (const token of [
      'abc\r\nX-Evil: 1',
      "abc'$(touch /tmp/pwned)`id`",
      'a b',
      'tok\u202eend',
      'a=b',
      'é',
    ]) {
      expect(parseTokenResponse(JSON.stringify({ access_token: token })), JSON.stringify(token)).toEqual({
        ok: false,
        reason: refused,
      });
    }
    for (const token of ['abc123', 'eyJhbGciOi.J9-_x~y+z/0', 'QUJD==', 'Tok.en-1~2+3/4']) {
      expect(parseTokenResponse(JSON.stringify({ access_token: token })).ok, token).toBe(true);
    }
  });

  it('does not read access_token through the prototype', () => {
    expect(parseTokenResponse('{"__proto__":{"access_token":"x"}}').ok).toBe(false);
  });

  it('never throws and keeps its invariants for arbitrary JSON and text', () => {
    const anyText = fc.oneof(
      fc.json(),
      fc.string({ unit: 'binary' }),
      fc
        .record({ access_token: fc.anything(), expires_in: fc.anything(), token_type: fc.anything() })
        .map((o) => JSON.stringify(o)),
    );
    fc.assert(
      fc.property(anyText, (text) => {
        const parsed = parseTokenResponse(text);
        if (parsed.ok) {
          expect(parsed.token.accessToken.trim()).not.toBe('');
          const expiry = parsed.token.expiresInSeconds;
          if (expiry !== null) {
            expect(Number.isInteger(expiry) && expiry >= 0 && expiry <= MAX_EXPIRES_IN_SECONDS).toBe(true);
          }
        } else {
          expect(parsed.reason).toMatch(/\S/);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('parseExpiresIn', () => {
  it.each([
    ['3599', 3599],
    [3599, 3599],
    ['0', 0],
    [86400, 86400],
  ])('accepts %j', (value, seconds) => {
    expect(parseExpiresIn(value)).toBe(seconds);
  });

  it.each([
    ['-1'],
    [-1],
    ['3599.5'],
    [3599.5],
    ['1e3'],
    [1e9],
    ['86401'],
    [' 3599'],
    ['+3599'],
    [''],
    [null],
    [true],
    [{}],
    [NaN],
    [Infinity],
  ])('calls %j "expiry unknown"', (value) => {
    expect(parseExpiresIn(value)).toBeNull();
  });
});
