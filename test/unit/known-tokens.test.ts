// Tokens this process has received are cut out of every later answer (app/known-tokens.ts): in the
// forms servers write them in, all at once, the same as a plain search for each would.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createKnownTokens, KNOWN_TOKEN_LABEL, KNOWN_TOKEN_MIN_LENGTH } from '../../app/known-tokens';
import { NOT_CHECKED_MARKER } from '../../app/redact';

const TOKEN = 'eyJhbGciOi+Jz/a1b2c3d4e5==';

describe('known tokens', () => {
  it.each([
    ['as sent', TOKEN],
    ['JSON-escaped', TOKEN.replaceAll('/', '\\/')],
    ['percent-encoded', encodeURIComponent(TOKEN)],
    ['percent-encoded in small letters', encodeURIComponent(TOKEN).replace(/%../g, (e) => e.toLowerCase())],
  ])('cut a token written %s out of any text', (_form, written) => {
    const known = createKnownTokens();
    known.add(TOKEN);
    for (const text of [written, `{"error":"${written}"}`, `Bearer ${written}, again ${written}`]) {
      const cut = known.cut(text);
      expect(cut).not.toContain(written);
      expect(cut).toContain(KNOWN_TOKEN_LABEL);
    }
    expect(known.cut(`a${written}b`)).toBe(`a${KNOWN_TOKEN_LABEL}b`);
  });

  it('leave a text without them as it is, and cut nothing before a token is known', () => {
    const known = createKnownTokens();
    expect(known.cut(`{"error":"${TOKEN}"}`)).toBe(`{"error":"${TOKEN}"}`);
    known.add(TOKEN);
    const honest = '{"error":"invalid_client","error_description":"Client authentication failed"}';
    expect(known.cut(honest)).toBe(honest);
  });

  it('keep the last tokens only, and none too short to tell from chance', () => {
    const known = createKnownTokens(2);
    const tokens = ['first-token-0001', 'second-token-002', 'third-token-0003'];
    for (const token of tokens) known.add(token);
    expect(known.cut(tokens.join(' '))).toBe(`first-token-0001 ${KNOWN_TOKEN_LABEL} ${KNOWN_TOKEN_LABEL}`);
    const short = 'x'.repeat(KNOWN_TOKEN_MIN_LENGTH - 1);
    known.add(short);
    expect(known.cut(short)).toBe(short);
  });

  it('withhold a text too costly to search, as the redactor does (a reviewer’s attack), quickly', () => {
    const known = createKnownTokens();
    // Every place of the text ends as the token does, and it is compared up to its middle.
    known.add(`${'a'.repeat(8_000)}b${'a'.repeat(8_000)}`);
    const started = performance.now();
    expect(known.cut('a'.repeat(200_000))).toBe(NOT_CHECKED_MARKER);
    // A guard, not a speed target: without the budget this took about 10 s.
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('tell apart tokens that share their first characters (JWTs), leaving an honest text alone', () => {
    const known = createKnownTokens();
    const header = 'eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.';
    for (let i = 0; i < 256; i += 1) known.add(`${header}known-${i}-${'x'.repeat(20)}.sig${i}`);
    const others = Array.from({ length: 2000 }, (_, i) => `${header}other-${i}.s${i}`).join(' ');
    expect(known.cut(others)).toBe(others);
    expect(known.cut(`a ${header}known-7-${'x'.repeat(20)}.sig7 b`)).toBe(`a ${KNOWN_TOKEN_LABEL} b`);
  });

  it('cut exactly what a search for each token would, in any text and with any tokens', () => {
    const alphabet = fc.constantFrom(...'ab/+=%2F\\ "'.split(''));
    const text = fc.array(alphabet, { maxLength: 120 }).map((chars) => chars.join(''));
    const token = fc
      .array(fc.constantFrom(...'ab/+='.split('')), {
        minLength: KNOWN_TOKEN_MIN_LENGTH,
        maxLength: KNOWN_TOKEN_MIN_LENGTH + 6,
      })
      .map((chars) => chars.join(''));
    fc.assert(
      fc.property(fc.array(token, { minLength: 1, maxLength: 4 }), text, text, (tokens, before, after) => {
        const known = createKnownTokens();
        for (const t of tokens) known.add(t);
        const subject = `${before}${tokens[0]}${after}`;
        expect(known.cut(subject)).toBe(reference(tokens, subject));
      }),
      { numRuns: 500 },
    );
  });
});

/** A plain search: every occurrence of every form, overlapping ones too; each run they cover is one marker. */
function reference(tokens: readonly string[], text: string): string {
  const forms = tokens.flatMap((token) => {
    const encoded = encodeURIComponent(token);
    return [token, token.replaceAll('/', '\\/'), encoded, encoded.replace(/%../g, (e) => e.toLowerCase())];
  });
  const covered = new Array<boolean>(text.length).fill(false);
  for (const form of forms) {
    for (let at = text.indexOf(form); at !== -1; at = text.indexOf(form, at + 1)) {
      for (let i = at; i < at + form.length; i += 1) covered[i] = true;
    }
  }
  let out = '';
  for (let i = 0; i < text.length; i += 1) {
    if (!covered[i]) out += text[i];
    else if (i === 0 || !covered[i - 1]) out += KNOWN_TOKEN_LABEL;
  }
  return out;
}
