// Tokens this process has received are cut out of every later answer (app/known-tokens.ts): in the
// forms servers write them in, all at once, the same as a plain search for each would.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createKnownTokens, KNOWN_TOKEN_LABEL, KNOWN_TOKEN_MIN_LENGTH } from '../../app/known-tokens';

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

/** A plain search: at each place, the longest form of any token there is cut, left to right. */
function reference(tokens: readonly string[], text: string): string {
  const forms = tokens.flatMap((token) => {
    const encoded = encodeURIComponent(token);
    return [token, token.replaceAll('/', '\\/'), encoded, encoded.replace(/%../g, (e) => e.toLowerCase())];
  });
  forms.sort((a, b) => b.length - a.length);
  let out = '';
  for (let at = 0; at < text.length;) {
    const form = forms.find((candidate) => text.startsWith(candidate, at));
    if (form === undefined) {
      out += text[at];
      at += 1;
    } else {
      out += KNOWN_TOKEN_LABEL;
      at += form.length;
    }
  }
  return out;
}
