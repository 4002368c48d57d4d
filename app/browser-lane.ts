// What browser mode's page (main/browser-page/page-api.ts) and its loopback server
// (main/browser/browser-host.ts, main/browser/socket.ts) agree on: plain values, for both sides.

/**
 * The largest API call, over HTTP or the WebSocket. The largest valid one is an import's text: at
 * most 320,000 characters (app/import-limits.ts). An export of the most profiles the app keeps, or
 * a credentials file of as many sections, fits (JSON escapes its quotes and line ends in 2 bytes);
 * a text of that length written mostly in characters UTF-8 takes 2-3 bytes for, or mostly of
 * quotes and line ends, does not. A call over it is refused by the page itself, said as too much
 * text.
 */
export const MAX_CALL_BYTES = 512 * 1024;

/** Where the page opens its WebSocket. */
export const SOCKET_PATH = '/api/socket';
/** The subprotocol the page offers, and the server chooses. */
export const SOCKET_PROTOCOL = 'token-tester.v1';
/** The page's second offer: this prefix and the capability (base64url, a valid protocol token). */
export const CAPABILITY_PROTOCOL_PREFIX = 'capability.';
