// Masks what merely looks like a credential in server text (a body excerpt, a header value), for
// values the app cannot know: a token in an unexpected body, someone else's key, a session id.
// Known values (our secret, our token) are removed exactly by app/redact.ts; this is the net
// under it. It keeps status words, error codes and request ids readable.

export const MASK = '[masked]';

/** Keys whose values are credentials, compared without case, '-', '_' or spaces. */
const SENSITIVE_KEY =
  /(token|secret|password|passwd|passphrase|authorization|credentials?|assertion|apikey|cookie|sessionid|signature|key)$/;
/** Keys that end like a sensitive one but only describe it. */
const DESCRIPTIVE_KEY = /(tokentype|keytype|keyid)$/;

export function isSensitiveKey(key: string): boolean {
  const normal = key.toLowerCase().replace(/[-_\s]/g, '');
  return SENSITIVE_KEY.test(normal) && !DESCRIPTIVE_KEY.test(normal);
}

/** "key": "value" and 'key': 'value' (JSON, Python reprs), with scalar values. */
const QUOTED_MEMBER =
  /(["'])([^"'\\\n]{1,64})\1(\s*:\s*)(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|([^\s,{}[\]"']+))/g;
/** key=value in query strings and form bodies; a marker left by redaction ("[secret removed]") whole. */
const FORM_PAIR = /(^|[?&;\s,])([A-Za-z0-9_.-]{1,64})=(\[[a-z ]{1,40}\]|[^&;\s,"'<>]+)/g;
const MARKER = /^\[[a-z ]{1,40}\]$/;
/** <access_token>…</access_token> */
const XML_ELEMENT = /<([A-Za-z_][\w.-]{0,63})>([^<]{1,4096})<\/\1>/g;
/**
 * User info in a URL: https://user:password@host. Read from where a run of the scheme's characters
 * starts: from every word boundary inside a long run ("ab1C-ab1C-…"), each attempt read to the
 * run's end, and a megabyte took minutes (data files are searched with this: main/storage). The
 * run may start with what no scheme starts with ("...https://", "-https://"), up to its first
 * letter, so that what was masked before still is.
 */
const URL_USER_INFO = /((?<![a-z0-9+.-])[0-9+.-]*[a-z][a-z0-9+.-]*:\/\/)[^/?#@\s]+@/gi;
/** Authorization credentials after their scheme. */
const AUTH_SCHEME = /\b(Bearer|Basic)(\s+)([A-Za-z0-9\-._~+/]{8,}=*)/gi;
/**
 * A JSON Web Token: three base64url parts, the first a JSON object ("eyJ"). Its header is short
 * (a longer one, with a certificate in it, is random enough for LONG_RUN): unbounded, each of the
 * starts in "eyJ-eyJ-eyJ-…" read on to the run's end, and a megabyte took minutes.
 */
const JWT = /\beyJ[A-Za-z0-9_-]{5,256}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g;
/** Long runs of base64 / base64url / hex characters. */
const LONG_RUN = /[A-Za-z0-9+/_-]{24,}={0,2}/g;

/** Random-looking: real words, paths and request ids are not; keys and tokens are. */
function looksRandom(run: string): boolean {
  const digits = /[0-9]/.test(run);
  const upper = /[A-Z]/.test(run);
  const lower = /[a-z]/.test(run);
  if (digits && upper && lower) return true;
  // Hex keys and hashes (but not UUIDs, whose dashes keep them out of this class).
  return digits && run.length >= 32 && /^[0-9a-fA-F]+$/.test(run);
}

/** Looks credential-like after "Bearer" or "Basic"; plain words ("Basic authentication") are not. */
function looksLikeCredential(text: string): boolean {
  return /[0-9+/=._~-]/.test(text) || /[A-Z]/.test(text.slice(1));
}

export function maskCredentials(text: string): string {
  return text
    .replace(URL_USER_INFO, `$1${MASK}@`)
    .replace(
      QUOTED_MEMBER,
      (match, quote: string, key: string, colon: string, double?: string, single?: string, bare?: string) => {
        if (!isSensitiveKey(key)) return match;
        if (double !== undefined) return `${quote}${key}${quote}${colon}"${MASK}"`;
        if (single !== undefined) return `${quote}${key}${quote}${colon}'${MASK}'`;
        return bare === undefined ? match : `${quote}${key}${quote}${colon}${MASK}`;
      },
    )
    .replace(FORM_PAIR, (match, before: string, key: string, value: string) =>
      isSensitiveKey(key) && !MARKER.test(value) ? `${before}${key}=${MASK}` : match,
    )
    .replace(XML_ELEMENT, (match, name: string) =>
      isSensitiveKey(name) ? `<${name}>${MASK}</${name}>` : match,
    )
    .replace(AUTH_SCHEME, (match, scheme: string, space: string, credential: string) =>
      looksLikeCredential(credential) ? `${scheme}${space}${MASK}` : match,
    )
    .replace(JWT, MASK)
    .replace(LONG_RUN, (run) => (looksRandom(run) ? MASK : run));
}

/**
 * A client ID as lists show it before the user has chosen to keep it (an import preview): enough
 * to recognise which key it is, not enough to copy it. Short IDs keep only their first character.
 */
export function maskClientId(clientId: string): string {
  const chars = Array.from(clientId);
  if (chars.length === 0) return '';
  if (chars.length <= 8) return `${chars[0]}${'•'.repeat(Math.min(chars.length - 1, 4))}`;
  return `${chars.slice(0, 4).join('')}…${chars.slice(-2).join('')}`;
}
