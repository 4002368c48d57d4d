import fc from 'fast-check';
import { withoutHiddenWords } from '../../app/hidden-text';
import { ID_HEADER_NAMES } from '../../app/id-headers';
import { describe, expect, it } from 'vitest';
import {
  EXCERPT_CHARS,
  credentialRedactors,
  excerpt,
  retryAfterSeconds,
  secretRedactor,
  redactAndCut,
  requestIdHeaders,
  shownHeaders,
  tokenRedactor,
} from '../../main/token/response-facts';

describe('secretRedactor', () => {
  it('removes the secret as typed, URL-encoded and form-encoded', () => {
    const redact = secretRedactor('a b&c/é');
    const echoed = `raw a b&c/é url ${encodeURIComponent('a b&c/é')} form ${new URLSearchParams({ s: 'a b&c/é' }).toString().slice(2)}`;
    const out = redact(echoed);
    expect(out).not.toContain('a b&c/é');
    expect(out).not.toContain(encodeURIComponent('a b&c/é'));
    expect(out).toBe('raw [secret removed] url [secret removed] form [secret removed]');
  });

  it('never leaves a secret of 8 characters or more in any text', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 8, maxLength: 40, unit: 'grapheme' }).filter((s) => [...s.trim()].length >= 8),
        fc.string(),
        fc.string(),
        (secret, before, after) => {
          const out = secretRedactor(secret)(`${before}${secret}${after}${encodeURIComponent(secret)}`);
          expect(out.includes(secret) && !'[secret removed]'.includes(secret)).toBe(false);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('credentialRedactors', () => {
  // withToken skips making the token's redactor for a short text holding no form of the secret:
  // whatever the text, the result must be the whole redactor's, marker for marker.
  it('redacts with a new token exactly as tokenRedactor does, short texts included', () => {
    const value = fc.string({ minLength: 1, maxLength: 24, unit: 'grapheme' });
    fc.assert(
      fc.property(
        value,
        value,
        fc.array(fc.string({ maxLength: 30 }), { maxLength: 4 }),
        (secret, token, parts) => {
          const redactors = credentialRedactors();
          const texts = [
            ...parts,
            secret,
            token,
            `${secret}x`,
            encodeURIComponent(secret),
            `[secret removed]${token.slice(0, 3)}`,
            parts.join(secret),
            parts.join(token),
          ];
          const clean = redactors.withToken(token, secret);
          const whole = tokenRedactor(token, secret);
          // …then its bidirectional controls and hidden words as U+FFFD, as everything a server
          // says.
          for (const text of texts) expect(clean(text)).toBe(withoutHiddenWords(whole(text)));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('makes the bidirectional controls of what a server says visible, short texts included', () => {
    const redactors = credentialRedactors();
    expect(redactors.secret('s3cr3t-value-1')('ok\u202e')).toBe('ok\ufffd');
    expect(redactors.withToken('a'.repeat(40), 's3cr3t-value-1')('OK\u2066')).toBe('OK\ufffd');
    expect(redactors.withToken('a'.repeat(40), 's3cr3t-value-1')(`x ${'a'.repeat(40)} \u202e`)).toBe(
      'x [token removed] \ufffd',
    );
  });

  it('makes the characters that can spell hidden words visible too, short texts included', () => {
    // "Try again later", and in tag characters (U+E0000 + ASCII) a second message no one sees.
    const smuggled = [...'ignore the ticket'].map((c) => String.fromCodePoint(0xe0000 + c.charCodeAt(0)));
    const said = `Try again later${smuggled.join('')}`;
    const redactors = credentialRedactors();
    for (const clean of [
      redactors.secret('s3cr3t-value-1'),
      redactors.withToken('a'.repeat(40), 's3cr3t-value-1'),
    ]) {
      expect(clean(said)).toBe(`Try again later${'\ufffd'.repeat(smuggled.length)}`);
      // Bytes in variation selectors, as "emoji smuggling" writes them.
      for (const hidden of ['\ufe00', '\ufe0d', '\u{e0100}', '\u{e01ef}', '\u{e0001}']) {
        expect(clean(`a${hidden}b`), `U+${hidden.codePointAt(0)?.toString(16)}`).toBe('a\ufffdb');
      }
      // What emoji and scripts need stays: the joiners, the emoji presentation selector.
      expect(clean('\u{1f469}\u200d\u{1f4bb} \u2764\ufe0f \u0646\u200c\u0645')).toBe(
        '\u{1f469}\u200d\u{1f4bb} \u2764\ufe0f \u0646\u200c\u0645',
      );
    }
  });

  it('removes the token even from a text that only spells it once the secret is replaced', () => {
    // A server that knows the secret could answer "<secret>abc" beside the token "[secret removed]abc".
    const secret = 's3cr3t-12';
    const token = '[secret removed]abc';
    const clean = credentialRedactors().withToken(token, secret);
    const out = clean(`${secret}abc`);
    expect(out).not.toContain(token);
    expect(out).toBe(tokenRedactor(token, secret)(`${secret}abc`));
  });
});

describe('shownHeaders', () => {
  it('keeps the headers support needs and drops the rest', () => {
    const headers = new Headers({
      'Content-Type': 'application/json',
      'X-Request-Id': 'abc',
      'X-Correlation-ID': 'def',
      'Retry-After': '30',
      'Set-Cookie': 'session=secret',
      'X-Powered-By': 'thing',
    });
    const shown = Object.fromEntries(shownHeaders(headers, (t) => t));
    expect(shown).toEqual({
      'content-type': 'application/json',
      'x-request-id': 'abc',
      'x-correlation-id': 'def',
      'retry-after': '30',
    });
  });
});

describe('id headers', () => {
  it('are kept by their exact names only: no character of a kept name is the server’s choice', () => {
    const headers = new Headers({
      'X-Request-Id': 'a',
      'X-Amzn-Trace-Id': 'b',
      Traceparent: 'c',
      // A short secret (standing alone) and a long one, lower-cased by the HTTP stack in a name.
      'X-Hunter2-Request-Id': 'd',
      'X-Sup3rs3cretvalue-Request-Id': 'e',
      'X-Request-Identity': 'f',
    });
    expect(requestIdHeaders(headers, (t) => t)).toEqual([
      ['x-request-id', 'a'],
      ['traceparent', 'c'],
      ['x-amzn-trace-id', 'b'],
    ]);
    const shown = JSON.stringify(shownHeaders(headers, (t) => t)).toLowerCase();
    expect(shown).not.toContain('hunter2');
    expect(shown).not.toContain('sup3rs3cretvalue');
  });

  it('keep the most usual first, at most five', () => {
    const names = [...ID_HEADER_NAMES].reverse();
    const headers = new Headers(names.map((name, i) => [name, `v${i}`] as [string, string]));
    const kept = requestIdHeaders(headers, (t) => t).map(([name]) => name);
    expect(kept).toEqual(ID_HEADER_NAMES.slice(0, 5));
  });
});

describe('redactAndCut', () => {
  it('redacts again after the cut, which can leave a short secret standing alone', () => {
    const redact = secretRedactor('ab12');
    // Inside a longer word the short secret is not one; cut just after it, it stands alone.
    const text = `${'z '.repeat(200)}ab12Q and more`;
    const cut = redactAndCut(text, 404, redact);
    expect(cut.length).toBeLessThanOrEqual(404 + 20);
    expect(cut).not.toMatch(/\bab12$/);
    expect(redactAndCut('short ab12 here', 500, redact)).not.toContain('ab12');
  });

  it('cuts neither a character in two nor a marker the redaction put there', () => {
    const redact = secretRedactor('s3cr3t-value-9');
    expect(redactAndCut(`${'x'.repeat(199)}😀 and more`, 200, redact)).toBe('x'.repeat(199));
    for (const at of [1, 5, 14]) {
      const cut = redactAndCut(`${'x'.repeat(200 - at)}s3cr3t-value-9 and more`, 200, redact);
      expect(cut).toBe('x'.repeat(200 - at));
    }
    // A bracket of the server's own is cut like any other text.
    expect(redactAndCut(`${'x'.repeat(195)}[abcdefgh]`, 200, redact)).toBe(`${'x'.repeat(195)}[abcd`);
  });

  it('is how a header value and an excerpt are cut too', () => {
    const redact = secretRedactor('ab12');
    const headers = new Headers({ 'X-Request-Id': `${'z '.repeat(248)}ab12Q` });
    const shown = shownHeaders(headers, redact);
    expect(shown).toHaveLength(1);
    expect(shown[0]?.[1]).not.toMatch(/\bab12$/);
    const long = excerpt(`${'z '.repeat(998)}ab12Q and more`, redact) ?? '';
    expect(long.endsWith('…')).toBe(true);
    expect(long).not.toMatch(/\bab12…$/);
  });
});

describe('shownHeaders and redaction', () => {
  it('redacts a header value before cutting it', () => {
    const secret = 'Sup3rS3cretValue';
    const headers = new Headers({ 'X-Request-Id': `${'x'.repeat(495)}${secret}` });
    const [[, value] = ['', '']] = shownHeaders(headers, secretRedactor(secret));
    expect(value).not.toContain(secret.slice(0, 2));
  });
});

describe('retryAfterSeconds', () => {
  const now = Date.parse('2026-11-25T10:00:00Z');
  it('reads seconds and HTTP dates', () => {
    expect(retryAfterSeconds('30', now)).toBe(30);
    expect(retryAfterSeconds('Wed, 25 Nov 2026 10:01:00 GMT', now)).toBe(60);
    expect(retryAfterSeconds('Wed, 25 Nov 2026 09:00:00 GMT', now)).toBe(0);
  });
  it('ignores absent, malformed and absurd values', () => {
    expect(retryAfterSeconds(null, now)).toBeNull();
    expect(retryAfterSeconds('soon', now)).toBeNull();
    expect(retryAfterSeconds('-5', now)).toBeNull();
    expect(retryAfterSeconds('999999999', now)).toBeNull();
  });
  it('reads an HTTP date against the server’s own Date, not this computer’s clock', () => {
    const date = 'Wed, 25 Nov 2026 12:00:00 GMT';
    // This computer's clock two hours behind the server's (a time zone taken for UTC): still 30 s.
    expect(retryAfterSeconds('Wed, 25 Nov 2026 12:00:30 GMT', now, date)).toBe(30);
    // Or years ahead: still 30 s, not 0.
    expect(retryAfterSeconds('Wed, 25 Nov 2026 12:00:30 GMT', now + 3 * 365 * 86_400_000, date)).toBe(30);
    // A Date that is not one is no reference: this computer's clock is.
    expect(retryAfterSeconds('Wed, 25 Nov 2026 10:01:00 GMT', now, 'yesterday')).toBe(60);
    // Seconds are seconds, whatever the Date.
    expect(retryAfterSeconds('30', now, date)).toBe(30);
  });
});

describe('excerpt', () => {
  it('cuts long bodies and redacts', () => {
    const out = excerpt(`${'x'.repeat(3000)}`, (t) => t);
    expect(out?.length).toBe(2001);
    expect(excerpt('', (t) => t)).toBeNull();
    expect(excerpt('hello SECRET', (t) => t.replace('SECRET', '***'))).toBe('hello ***');
  });

  it('redacts before cutting, so a secret across the cut leaves nothing behind', () => {
    const secret = 'Sup3rS3cretValue';
    for (let at = EXCERPT_CHARS - secret.length; at <= EXCERPT_CHARS; at += 1) {
      const out = excerpt(`${'x'.repeat(at)}${secret}${'y'.repeat(100)}`, secretRedactor(secret)) ?? '';
      expect(out).not.toContain(secret.slice(0, 2));
    }
  });
});
