// Where in a URL the app looks for a secret written into it (token-service.ts refuses such a URL,
// the profiles never keep one). A secret shorter than MIN_SUBSTRING_LENGTH is found wherever it
// stands on its own (app/secret-forms.ts): "1" in 127.0.0.1, "token" in /v2/oauth/token. Those
// are the URL's own words, not a secret carried in it: a short secret is only looked for in the
// query and the fragment, where credentials are written; a longer one anywhere.
import { MIN_SUBSTRING_LENGTH } from '../../app/redact';

export function urlPartToSearch(url: string, secret: string): string {
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
