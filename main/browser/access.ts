// Who may use browser mode's loopback server. Other local users can reach the port and any page
// open in the same browser can send it requests, so every request must prove where it is from
// (Host and Origin: DNS rebinding and cross-site requests) and every API call must also carry the
// per-launch capability (the key in the URL printed on the terminal, as Jupyter's token is).
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Node's `headersDistinct`: every header as the list of values it came with. */
export type DistinctHeaders = NodeJS.Dict<string[]>;

/** The header the page's API script sends the capability in (never a cookie: see README). */
export const CAPABILITY_HEADER = 'x-token-tester-capability';
export const PAIRING_HEADER = 'x-token-tester-pairing';

/** 256 bits from the OS's generator, URL-safe. */
export function newCapability(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Constant-time comparison. Both sides are hashed first, so neither the length nor the content
 * of the expected value shows in how long a wrong guess takes.
 */
export function sameSecret(given: string | undefined, expected: string): boolean {
  if (typeof given !== 'string' || given.length === 0 || given.length > 512) return false;
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}

export type Refusal = {
  readonly status: 400 | 403 | 404 | 405 | 413 | 415 | 417;
  readonly reason: string;
};

/**
 * The one address the server answers to: exactly what it listens on (no names, no other ports).
 * Port 80 as browsers write it, without the port: they leave the scheme's default out of Host and
 * Origin alike.
 */
export function expectedHost(port: number): string {
  return port === 80 ? '127.0.0.1' : `127.0.0.1:${port}`;
}

export function originOf(port: number): string {
  return `http://${expectedHost(port)}`;
}

/**
 * A request for another address: named, so that someone who typed `localhost` (or had a tool
 * rewrite the address) knows what to open instead; the port is no secret (any local program can
 * find it). Also all that [::1] at the same port ever answers (loopback-guard.ts).
 */
export function hostRefusal(port: number): Refusal {
  return {
    status: 403,
    reason: `This server answers only to its own address, ${originOf(port)}: open the address browser mode printed as it is (not with localhost or another name for this computer).`,
  };
}

/** The header's one value; a repeated header (two Hosts…) counts as no value at all. */
function single(values: string[] | undefined): string | undefined {
  return values?.length === 1 ? values[0] : undefined;
}

/**
 * Checks every request must pass, before anything else is looked at. A rebinding attack sends
 * another name in Host; a foreign page sends its own Origin; Fetch Metadata (sent by current
 * browsers) says outright when a request crosses sites, which only a `pageNavigation`
 * (isPageNavigation) may.
 */
export function checkWhereFrom(
  headers: DistinctHeaders,
  port: number,
  pageNavigation = false,
): Refusal | null {
  if (single(headers.host) !== expectedHost(port)) return hostRefusal(port);
  const origin = headers.origin;
  if (origin !== undefined && single(origin) !== originOf(port)) {
    return { status: 403, reason: 'Requests from other sites are refused.' };
  }
  const sites = headers['sec-fetch-site'];
  const site = single(sites);
  if (sites !== undefined && site !== 'same-origin' && site !== 'none' && !pageNavigation) {
    return { status: 403, reason: 'Requests from other sites are refused.' };
  }
  return null;
}

/**
 * Opening the page itself from elsewhere: a top-level navigation (a GET of a document) to the
 * page's address (`pagePath`, new at each start: see browser-host.ts). Browsers mark it cross-site
 * when the opener page (a file: URL, open-browser.ts) or a link on another site starts it. It only
 * loads the page, as typing the address does: the page pairs with the code in its fragment, which
 * no server is sent, every call still needs the key, and no other site can frame the page or read
 * it. Everything else from another site stays refused: the page's scripts and styles, the API,
 * the socket.
 */
export function isPageNavigation(
  method: string | undefined,
  url: string | undefined,
  headers: DistinctHeaders,
  pagePath: string,
): boolean {
  return (
    method === 'GET' &&
    (url === pagePath || url === `${pagePath}index.html`) &&
    isDocumentLoad(headers) &&
    single(headers['sec-fetch-mode']) === 'navigate'
  );
}

/**
 * Whether a request for the page is the browser loading it as a document, as opening an address
 * does. A service worker is the one thing that can stand between a browser and this origin: one
 * left by whoever had this port before (a worker outlives the server that installed it) could
 * fetch the page and change it before the browser sees it, or have the browser fetch it for it
 * (navigation preload). A fetch from a worker is not a navigation (Fetch Metadata says so), and
 * navigation preload says itself: neither is given the page. A client that sends no Fetch
 * Metadata at all (a command-line tool) is not a browser and gets the page.
 */
export function isDocumentLoad(headers: DistinctHeaders): boolean {
  if (headers['service-worker-navigation-preload'] !== undefined) return false;
  const mode = headers['sec-fetch-mode'];
  if (mode === undefined) return true;
  return single(mode) === 'navigate' && single(headers['sec-fetch-dest']) === 'document';
}

/** What an API call must also be: a JSON POST (no form a foreign page could submit). */
export function checkApiCall(method: string | undefined, headers: DistinctHeaders): Refusal | null {
  if (method !== 'POST') return { status: 405, reason: 'Only POST is accepted here.' };
  const type = single(headers['content-type'])?.split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') return { status: 415, reason: 'Only JSON is accepted here.' };
  return null;
}
