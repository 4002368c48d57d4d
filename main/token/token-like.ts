// A 2xx answer the app does not take for a token (app/token-response.ts: a line break in it, too
// long, nested, in an array, not a string…) may still hold the server's token, and its body is
// shown as an excerpt to explain why: the values under token-like keys are cut out of it, as a
// token that was taken is cut out of everything else the server said.
import { withoutHiddenWords } from '../../app/hidden-text';
import { NOT_CHECKED_MARKER, redactor } from '../../app/redact';
import { MAX_TOKEN_LENGTH } from '../../app/token-response';
import type { Redact } from './response-facts';

const TOKEN_KEY = /^(?:access|id|refresh)[-_]?token$|^token$/i;
/** The same keys in text that is not JSON (cut short, or otherwise broken): the string after one. */
const TOKEN_FIELD = /"(?:access|id|refresh)[-_]?token"\s*:\s*"((?:[^"\\]|\\.)*)/gi;
/** Shorter values are not worth masking, and would mask short words elsewhere. */
const MIN_LENGTH = 6;
/** More than this many, or one longer than a token can be, and nothing of the answer is shown. */
const MAX_VALUES = 8;
const MAX_DEPTH = 32;

/** The string values under token-like keys anywhere in `text` (JSON or not), at most MAX_VALUES + 1. */
export function tokenLikeValues(text: string): string[] {
  const found = new Set<string>();
  const keep = (value: unknown) => {
    if (typeof value === 'string' && value.length >= MIN_LENGTH && found.size <= MAX_VALUES) found.add(value);
  };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    for (const match of text.matchAll(TOKEN_FIELD)) {
      const raw = match[1] ?? '';
      let value = raw;
      try {
        value = JSON.parse(`"${raw}"`) as string;
      } catch {
        // An escape cut short: the text as it stands.
      }
      keep(value);
      keep(raw);
    }
    return [...found];
  }
  const walk = (node: unknown, depth: number, underTokenKey: boolean) => {
    if (depth > MAX_DEPTH || found.size > MAX_VALUES) return;
    if (underTokenKey) keep(node);
    if (Array.isArray(node)) for (const item of node) walk(item, depth + 1, underTokenKey);
    else if (node !== null && typeof node === 'object')
      for (const [key, value] of Object.entries(node)) walk(value, depth + 1, TOKEN_KEY.test(key));
  };
  walk(parsed, 0, false);
  return [...found];
}

/**
 * `redact`, or, when `text` has token-like values, one redactor for them and the `secrets` at
 * once: cut one after the other, a token-like value overlapping an echoed secret would leave the
 * rest of the secret standing (app/redact.ts removes every value's forms until none is left).
 */
export function withTokenLikeValuesOf(text: string, secrets: readonly string[], redact: Redact): Redact {
  const values = tokenLikeValues(text);
  if (values.length === 0) return redact;
  // Each value is searched for in every form through all of the answer: a server's many or huge
  // "tokens" would keep the app busy for a minute (app/search-work.ts). Withheld, never unchecked.
  if (values.length > MAX_VALUES || values.some((value) => value.length > MAX_TOKEN_LENGTH))
    return () => NOT_CHECKED_MARKER;
  const both = redactor([
    ...secrets.map((value) => ({ value, label: 'secret removed', fragments: true })),
    ...values.map((value) => ({ value, label: 'token removed' })),
  ]);
  return (piece) => withoutHiddenWords(both(piece));
}
