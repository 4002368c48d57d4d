// Whether a token holds a secret the app sent, in a form a bearer token can carry. A token is
// only letters, digits and -._~+/ then = signs (app/token-response.ts), so of all the forms the
// redactor knows (app/secret-forms.ts) only two fit: the secret as typed, and base64 (either
// alphabet) of it or of the form body's field `client_secret=<value>`, as a gateway echoing the
// request writes it. Checked with Node's own base64 on every token received: the command line
// checks one token per start, where building the redactor's finders cost it 2 ms.
import { MIN_SUBSTRING_LENGTH } from '../../app/secret-forms';

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

export function tokenHoldsSecret(token: string, secret: string): boolean {
  if (secret === '') return false;
  const long = [...secret].length >= MIN_SUBSTRING_LENGTH;
  if (token === secret || (long && token.includes(secret))) return true;
  // As typed, as the form body carries it (formBody: URLSearchParams), and percent-encoded.
  const sources = new Set([
    secret,
    new URLSearchParams({ s: secret }).toString().slice(2),
    encodeURIComponent(secret),
  ]);
  // The secret's own base64: whole, or (long enough to tell from chance) inside the token.
  for (const source of sources) {
    const whole = Buffer.from(source).toString('base64');
    for (const form of [whole, whole.replace(/=+$/, '')]) {
      for (const written of [form, form.replaceAll('+', '-').replaceAll('/', '_')])
        if (token === written || (long && token.includes(written))) return true;
    }
    if (long && cores(Buffer.from(source)).some((core) => token.includes(core))) return true;
    // The form body's field is long whatever the secret's length.
    if (cores(Buffer.from(`client_secret=${source}`)).some((core) => token.includes(core))) return true;
  }
  return false;
}
