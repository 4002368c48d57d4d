// Links that may leave the app for the system browser: https only, and only to hosts on this
// list. A URL that came from a server (a redirect's Location, a body) is shown as text, never
// opened.

export const EXTERNAL_HOSTS: readonly string[] = ['dev.telstra.com'];

export const TELSTRA_DEVELOPER_PORTAL = 'https://dev.telstra.com/';

export function isAllowedExternalUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  return (
    url.protocol === 'https:' &&
    url.username === '' &&
    url.password === '' &&
    url.port === '' &&
    EXTERNAL_HOSTS.includes(url.hostname.toLowerCase())
  );
}
