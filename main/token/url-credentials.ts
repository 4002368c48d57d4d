// Credentials other than the client secret, written into a URL by hand: `?access_token=eyJ…`,
// `?api_key=`, `?sig=`, `#access_token=` (OAuth's implicit style), `https://user:pass@host`, or
// another secret (`?client_secret=` not this profile's). A gateway may need one, so the request
// goes as typed; but the URL is also kept and shown (the result, the history, the report, the
// command line's text and --json, a batch's rows), and there each such value is a marker. The
// client secret sent is refused where it stands (secret-in-url.ts); this is the net beside it.
import { isSensitiveKey, MASK, maskCredentials } from '../../app/credential-mask';

/**
 * key=value after ?, &, ; or # (a fragment's own pairs, as OAuth's implicit grant writes them).
 * A key of any length (one of 65 characters was passed over, its value shown), read up to the next
 * separator, so that each character is read by one attempt.
 */
const PAIR = /([?&;#])([^=?&;#]+)=([^&;#]*)/g;
/** ;key=value in the path (a Java session id: `/token;jsessionid=…`), within its segment. */
const PATH_PAIR = /(;)([^=;/\\]+)=([^;/\\]*)/g;
/** Short keys that name a credential in URLs (signed URLs, OAuth's code) and not elsewhere. */
const URL_KEY = /^(sig|code|jwt|auth|key|pass|pwd|session|sid)$/;
/** A marker a redaction already left ("[secret removed]"). */
const MARKER = /^\[[a-z ]{1,40}\]$/;
/** A scheme (the URL parser ignores tabs and newlines in it), read where the spaces before it end. */
const SCHEME = /[a-z][a-z0-9+.\t\n\r-]*:/iy;

/**
 * User info as the URL parser reads it (it is refused, but shown as typed), a marker: after the
 * scheme, any slashes or backslashes (or none: "https:user:pass@host"), up to the last "@" before
 * the host's end, since a password may hold one ("user:p@ss@host"). Without a scheme
 * ("user:pass@host"), the part before ":" reads as one. Not a regular expression: one with these
 * overlapping runs took seconds on a URL of tabs.
 */
function withoutUserInfo(head: string): string {
  let from = 0;
  // Leading spaces and controls, as the URL parser strips them.
  while (from < head.length && head.charCodeAt(from) <= 0x20) from += 1;
  SCHEME.lastIndex = from;
  from += SCHEME.exec(head)?.[0].length ?? 0;
  while (from < head.length && '/\\\t\n\r'.includes(head.charAt(from))) from += 1;
  const end = head.slice(from).search(/[/\\]/);
  const at = head.lastIndexOf('@', end < 0 ? head.length : from + end);
  return at < from ? head : `${head.slice(0, from)}${MASK}${head.slice(at)}`;
}

function decoded(text: string): string {
  try {
    return decodeURIComponent(text.replaceAll('+', ' '));
  } catch {
    return text;
  }
}

function credentialKey(key: string): boolean {
  const name = decoded(key).trim();
  return isSensitiveKey(name) || URL_KEY.test(name.toLowerCase());
}

/** `url` with every credential-like value in its user info, path parameters, query or fragment a marker. */
export function withoutUrlCredentials(url: string): string {
  const at = url.search(/[?#]/);
  const head = withoutUserInfo(at < 0 ? url : url.slice(0, at)).replace(PATH_PAIR, maskedPair);
  return at < 0 ? head : `${head}${url.slice(at).replace(PAIR, maskedPair)}`;
}

function maskedPair(pair: string, before: string, key: string, value: string): string {
  if (value === '' || MARKER.test(value)) return pair;
  if (credentialKey(key)) return `${before}${key}=${MASK}`;
  // A token or key under a name that does not say so (`?x=eyJ…`): as the reports mask one.
  const plain = decoded(value);
  return maskCredentials(plain) === plain ? pair : `${before}${key}=${MASK}`;
}

/**
 * withoutUrlCredentials for URLs shown again and again (a profile's, on every request): the last
 * one's answer is remembered, so the hot path pays one comparison (npm run bench).
 */
export function shownUrlMemo(): (url: string) => string {
  let last = '';
  let shown = '';
  return (url) => {
    if (url !== last) {
      shown = withoutUrlCredentials(url);
      last = url;
    }
    return shown;
  };
}
