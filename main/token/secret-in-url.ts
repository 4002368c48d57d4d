// Where in a URL the app looks for a secret written into it (token-service.ts refuses such a URL,
// the profiles never keep one). A secret shorter than MIN_SUBSTRING_LENGTH is found wherever it
// stands on its own (app/secret-forms.ts): "1" in 127.0.0.1, "token" in /v2/oauth/token. Those
// are the URL's own words, not a secret carried in it: a short secret is only looked for in the
// query and the fragment, where credentials are written; a longer one anywhere. The app's own
// URLs (the presets', the Messaging API's default) hold nothing the user wrote and could remove:
// not searched, so that a secret such as "Products" (found in any case) does not refuse v3.
import { ACCESS_CHECK_PATH, DEFAULT_MESSAGING_URL } from '../../app/access-check';
import { V2_TOKEN_URL, V3_TOKEN_URL } from '../../app/endpoints';
import { credentialRedactor, MIN_SUBSTRING_LENGTH } from '../../app/redact';
import type { CredentialRedactors } from './response-facts';

export { shownUrlMemo, withoutUrlCredentials } from './url-credentials';

const OWN_URLS = new Set([V2_TOKEN_URL, V3_TOKEN_URL, `${DEFAULT_MESSAGING_URL}${ACCESS_CHECK_PATH}`]);

export function urlPartToSearch(url: string, secret: string): string {
  if (OWN_URLS.has(url.trim())) return '';
  if ([...secret].length >= MIN_SUBSTRING_LENGTH) return url;
  const at = url.search(/[?#]/);
  return at < 0 ? '' : url.slice(at);
}

/**
 * The URL as it may be shown (a result, a report): the part searched for `secret`, redacted, the
 * rest as written (a short secret's marker is not put in the host: "127.0.0.[secret removed]").
 */
export function shownUrl(url: string, secret: string, redact: (text: string) => string): string {
  const part = urlPartToSearch(url, secret);
  return part === '' ? url : `${url.slice(0, url.length - part.length)}${redact(part)}`;
}

/** Whether `url` holds `secret` (or a part of it) where it is searched for (urlPartToSearch). */
export function holdsSecret(url: string, secret: string): boolean {
  return credentialRedactor(secret).spans(urlPartToSearch(url, secret)).length > 0;
}

/** A token URL holding the client secret: refused (token-service.ts), never copied as curl. */
export const SECRET_IN_URL =
  'The token URL holds the client secret (or a part of it). Nothing was sent: the secret goes only in the request body, never in the URL, which is kept and shown where secrets are not. Remove it from the URL.';

/** The Messaging access check's refusal (main/access/access-service.ts). */
export const SECRET_IN_MESSAGING_URL =
  'The Messaging API URL holds the client secret (or a part of it). Nothing was sent: the secret goes only in the token request’s body, never in a URL. Remove it from the Messaging API URL.';

/**
 * The last URL found to hold no secret, under the key it was searched with (the URL, the secret,
 * the other values searched for, the secrets sent's version): a profile's requests repeat it, and
 * making the redactor to search it is a measurable share of a loopback request (npm run bench).
 * A token received since is not searched for again.
 */
export function cleanUrlMemo() {
  let clean: readonly unknown[] | null = null;
  return {
    known: (key: readonly unknown[]) =>
      clean !== null && clean.length === key.length && clean.every((part, i) => part === key[i]),
    remember(key: readonly unknown[]) {
      clean = key;
    },
  };
}

/**
 * For URLs searched again and again (the Messaging URL, on every check): `cut` gives the URL shown
 * without the secret or another secret sent (`others`) written into it, or null when it holds
 * none; a URL found clean is remembered (cleanUrlMemo).
 */
export function secretsInUrls(redactors: CredentialRedactors) {
  const memo = cleanUrlMemo();
  return {
    cut(url: string, secret: string, others: readonly string[], version: number): string | null {
      const key = [url, secret, version];
      if (memo.known(key)) return null;
      const part = urlPartToSearch(url, secret);
      const redact = redactors.secret(secret, ...others);
      if (redact(part) !== part) return shownUrl(url, secret, redact);
      memo.remember(key);
      return null;
    },
  };
}
