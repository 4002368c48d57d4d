// Parses a 2xx answer from the token endpoint, liberally: Telstra's specs and SDKs disagree on
// types and optional fields (see shared/telstra-token-endpoint.md, "The success response").

export interface ParsedToken {
  readonly accessToken: string;
  readonly tokenType: string | null;
  readonly scope: string | null;
  /** Null means "expiry unknown": absent, or not a sane whole number of seconds. */
  readonly expiresInSeconds: number | null;
}

export type TokenParse =
  { readonly ok: true; readonly token: ParsedToken } | { readonly ok: false; readonly reason: string };

/** A day: anything longer is not an expiry this endpoint would give. */
export const MAX_EXPIRES_IN_SECONDS = 86_400;
export const MAX_TOKEN_LENGTH = 16 * 1024;
const BEARER_TOKEN = /^[A-Za-z0-9\-._~+/]+=*$/;

/**
 * `expires_in` as a number or a string of digits ("3599"). Negatives, fractions, exponents,
 * signs, white space and values above a day are "unknown", not errors.
 */
export function parseExpiresIn(value: unknown): number | null {
  let seconds: number;
  if (typeof value === 'number') {
    seconds = value;
  } else if (typeof value === 'string' && /^\d{1,9}$/.test(value)) {
    seconds = Number(value);
  } else {
    return null;
  }
  if (!Number.isSafeInteger(seconds) || seconds < 0 || seconds > MAX_EXPIRES_IN_SECONDS) return null;
  return seconds;
}

/**
 * Whether `text` opens a JSON object or array and ends with it still open: outside strings, some
 * `{` or `[` never closed, or a string never ended. An answer whose end is the connection's close
 * (HTTP/1.0, or no Content-Length) arrives like this when the connection is closed early, and the
 * transport cannot tell it from a whole one.
 */
export function jsonEndsOpen(text: string): boolean {
  const start = text.search(/\S/);
  if (text[start] !== '{' && text[start] !== '[') return false;
  let depth = 0;
  let inString = false;
  let escaped = false;
  for (let i = start; i < text.length; i += 1) {
    const char = text[i];
    if (inString) {
      if (escaped) escaped = false;
      else if (char === '\\') escaped = true;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === '{' || char === '[') depth += 1;
    else if ((char === '}' || char === ']') && --depth === 0) return false;
  }
  return true;
}

/**
 * Why text that is not JSON is not, where it can be told: UTF-16 (its byte-order mark, read as
 * UTF-8 as every transport reads it, is two U+FFFD, and its ASCII has a NUL beside each
 * character), or JSON cut short; otherwise plainly not JSON.
 */
function notJson(text: string): string {
  if (/^\uFFFD\uFFFD(?:[^\0]\0|\0[^\0])/.test(text))
    return 'The answer is not JSON as the app reads it: it is UTF-16 text (it starts with a UTF-16 byte-order mark), and a token endpoint answers in UTF-8.';
  if (jsonEndsOpen(text))
    return 'The answer is not JSON: it ends before its JSON is closed, as an answer cut short does (say, by a connection closed early).';
  return 'The answer is not JSON.';
}

function optionalText(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

/** Never throws, whatever the text. Unknown fields are ignored. */
export function parseTokenResponse(text: string): TokenParse {
  // A 204 or 205 has none by definition, and a 200 can come without one: said so, not "not JSON".
  if (text.trim() === '')
    return {
      ok: false,
      reason:
        'The answer has no body, so no token: a token endpoint’s success carries it in a JSON body (RFC 6749 §5.1).',
    };
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { ok: false, reason: notJson(text) };
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { ok: false, reason: 'The answer is JSON but not an object.' };
  }
  const record = body as Record<string, unknown>;
  const own = (key: string): unknown => (Object.hasOwn(record, key) ? record[key] : undefined);
  const accessToken = own('access_token');
  if (typeof accessToken !== 'string' || accessToken.trim() === '') {
    return { ok: false, reason: 'The answer has no access_token.' };
  }
  if (accessToken.length > MAX_TOKEN_LENGTH) {
    return { ok: false, reason: 'The access_token is implausibly long.' };
  }
  // RFC 6750's b64token: what a bearer token can be, in the Authorization header the app builds
  // and copies. Anything else (a line break, a quote, a space) would forge headers or commands.
  if (!BEARER_TOKEN.test(accessToken)) {
    return {
      ok: false,
      reason:
        'The access_token has characters no bearer token may have (only letters, digits and -._~+/, then = signs).',
    };
  }
  return {
    ok: true,
    token: {
      accessToken,
      tokenType: optionalText(own('token_type')),
      scope: optionalText(own('scope')),
      expiresInSeconds: parseExpiresIn(own('expires_in')),
    },
  };
}
