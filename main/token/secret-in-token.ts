// Whether a token holds a secret the app sent, in a form a bearer token can carry. A token is
// only letters, digits and -._~+/ then = signs (app/token-response.ts), so of all the forms the
// redactor knows (app/secret-forms.ts) only these fit: the secret as typed or percent-encoded, in
// any mix of capitals and small letters (the redactor's folded forms), its hex (either case), and
// base64 (either alphabet) of it or of the form body's field `client_secret=<value>`, as a gateway
// echoing the request writes it. Checked with Node's own base64 on every token received: the command line
// checks one token per start, where building the redactor's finders cost it 2 ms.
import { MIN_SUBSTRING_LENGTH } from '../../app/secret-forms';
import type { TokenParse } from '../../app/token-response';

/** Base64 characters that depend only on `bytes`, placed `offset` bytes into a run, both alphabets. */
function cores(bytes: Buffer): string[] {
  const out: string[] = [];
  for (const offset of [0, 1, 2]) {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64');
    const core = encoded.slice(Math.ceil((offset * 8) / 6), Math.floor(((offset + bytes.length) * 8) / 6));
    if (core === '') continue;
    out.push(core, core.replaceAll('+', '-').replaceAll('/', '_'));
  }
  return out;
}

interface Forms {
  /** Forms that count only as the whole token (a short secret's own). */
  readonly whole: readonly string[];
  /** Forms that count anywhere in it. */
  readonly inside: readonly string[];
  /** As `whole` and `inside`, in small letters, for a token in small letters: case is not kept. */
  readonly foldedWhole: readonly string[];
  readonly foldedInside: readonly string[];
}

function formsOf(secret: string): Forms {
  const long = [...secret].length >= MIN_SUBSTRING_LENGTH;
  const whole: string[] = [];
  const inside: string[] = [];
  const foldedWhole: string[] = [];
  const foldedInside: string[] = [];
  // As typed, as the form body carries it (formBody: URLSearchParams), and percent-encoded.
  const sources = new Set([
    secret,
    new URLSearchParams({ s: secret }).toString().slice(2),
    encodeURIComponent(secret),
  ]);
  for (const source of sources) {
    // Itself and its hex, whatever the case of their letters.
    for (const form of [source, Buffer.from(source).toString('hex')])
      (long ? foldedInside : foldedWhole).push(form.toLowerCase());
    // The secret's own base64: whole, or (long enough to tell from chance) inside the token.
    const encoded = Buffer.from(source).toString('base64');
    for (const form of [encoded, encoded.replace(/=+$/, '')]) {
      for (const written of [form, form.replaceAll('+', '-').replaceAll('/', '_')])
        (long ? inside : whole).push(written);
    }
    if (long) inside.push(...cores(Buffer.from(source)));
    // The form body's field is long whatever the secret's length.
    inside.push(...cores(Buffer.from(`client_secret=${source}`)));
  }
  return { whole, inside, foldedWhole, foldedInside };
}

/**
 * The forms of the last secrets checked: the same secret comes with every request of a profile
 * (npm run bench, main-process overhead). In memory only, as the secrets sent are (./sent-secrets.ts).
 */
const cache = new Map<string, Forms>();
const CACHED = 64;

export function tokenHoldsSecret(token: string, secret: string): boolean {
  if (secret === '') return false;
  let forms = cache.get(secret);
  if (forms === undefined) {
    forms = formsOf(secret);
    if (cache.size >= CACHED) cache.delete(cache.keys().next().value as string);
    cache.set(secret, forms);
  }
  if (forms.whole.includes(token) || forms.inside.some((form) => token.includes(form))) return true;
  const folded = token.toLowerCase();
  return forms.foldedWhole.includes(folded) || forms.foldedInside.some((form) => folded.includes(form));
}

/**
 * A "token" that holds a secret the app sent (the client secret, or another profile's), as typed,
 * in capitals, in hex or in base64, of itself or of the form body (above), is no token the server
 * issued: it echoes what it was sent (a mock, a misconfigured gateway), and showing or copying it,
 * as the user may ask for a token, would show the secret. Refused, as a token the app does not
 * take; its excerpt is then redacted of the secret like any other answer. A short secret counts
 * only as the whole token, or inside the form body's field.
 */
export function tokenWithoutSecret(parsed: TokenParse, holdsSecret: (token: string) => boolean): TokenParse {
  if (!parsed.ok || !holdsSecret(parsed.token.accessToken)) return parsed;
  return {
    ok: false,
    reason:
      'The access_token contains the client secret that was sent: the server echoes what it was sent rather than issuing a token.',
  };
}
