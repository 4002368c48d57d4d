// The last guard before a result is printed: every form of the secret is removed from every
// text in it. The token service cleans what a server echoes as typed, URL-encoded and
// form-encoded; this guard also catches the secret trimmed (error fields are trimmed after
// parsing, so a secret with outer white space escapes an exact match) and JSON-escaped (a body
// excerpt is raw JSON, where `"`, `\`, `/` and non-ASCII may be escaped), and what came from the
// user (a token URL). Only the result is cleaned, not the app's catalog text around it, so a
// secret that happens to be a common word cannot garble the explanation.
import type { TokenResult } from '../../app/token-result';

const jsonEscaped = (text: string) => JSON.stringify(text).slice(1, -1);
const asciiOnly = (text: string) =>
  text.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** Every spelling of the secret a server or a URL might carry, longest first. */
export function secretForms(secret: string): string[] {
  const forms = new Set<string>();
  for (const value of new Set([secret, secret.trim()])) {
    if (value === '') continue;
    const json = jsonEscaped(value);
    for (const form of [
      value,
      encodeURIComponent(value),
      new URLSearchParams({ s: value }).toString().slice(2),
      json,
      asciiOnly(json),
      json.replaceAll('/', '\\/'),
      asciiOnly(json).replaceAll('/', '\\/'),
    ]) {
      forms.add(form);
    }
  }
  return [...forms].sort((a, b) => b.length - a.length);
}

function clean(value: unknown, forms: readonly string[]): unknown {
  if (typeof value === 'string')
    return forms.reduce((text, form) => text.split(form).join('[secret removed]'), value);
  if (Array.isArray(value)) return value.map((item) => clean(item, forms));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, clean(item, forms)]));
  }
  return value;
}

/**
 * Left as they are: the token (printed only when asked for, and it must be exact) and the
 * explanation (the app's own catalog text, its details built from fields already redacted).
 * A very short secret would otherwise cut pieces out of both.
 */
const KEPT = new Set(['accessToken', 'explanation']);

export function withoutSecret(result: TokenResult, secret: string): TokenResult {
  const forms = secretForms(secret);
  return Object.fromEntries(
    Object.entries(result).map(([key, value]) => [key, KEPT.has(key) ? value : clean(value, forms)]),
  ) as unknown as TokenResult;
}
