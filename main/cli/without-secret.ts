// The last guard before a result is printed: every form of the secret is removed from every
// text in it. The token service already cleans what a server echoes; this also covers what came
// from the user (a token URL) and anything a later change might add. Only the result is cleaned,
// not the app's own catalog text around it, so a secret that happens to be a common word cannot
// garble the explanation.
import type { TokenResult } from '../../app/token-result';
import { secretRedactor, type Redact } from '../token/response-facts';

function clean(value: unknown, redact: Redact): unknown {
  if (typeof value === 'string') return redact(value);
  if (Array.isArray(value)) return value.map((item) => clean(item, redact));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, clean(item, redact)]));
  }
  return value;
}

export function withoutSecret(result: TokenResult, secret: string): TokenResult {
  return clean(result, secretRedactor(secret)) as TokenResult;
}
