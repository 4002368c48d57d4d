// The headers of every answer browser mode's server gives, whoever writes it: the page and its
// files, the API, the notice stream (page-events.ts), a refused WebSocket (socket.ts) and a
// request too malformed to be read at all (browser-host.ts).
import { BROWSER_CSP_HEADER } from '../../app/csp';

/** What every answer carries. */
export const BROWSER_HEADERS: Readonly<Record<string, string>> = {
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Content-Security-Policy': BROWSER_CSP_HEADER,
};

/** The same, as the lines of a response written straight to its socket. */
export const RAW_BROWSER_HEADERS = Object.entries(BROWSER_HEADERS)
  .map(([name, value]) => `${name}: ${value}\r\n`)
  .join('');
