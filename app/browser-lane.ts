// What browser mode's page (main/browser-page/page-api.ts) and its loopback server
// (main/browser/browser-host.ts, main/browser/socket.ts) agree on: plain values, for both sides.

/**
 * The largest API call, over HTTP or the WebSocket. The largest valid one is an import's text: at
 * most 48,000 characters (app/import-limits.ts), which JSON writes in at most 6 bytes each (a
 * control character as \u0000), under 300 KB. A call over it (a field far over its own limit)
 * is refused by the page itself, said as too large.
 */
export const MAX_CALL_BYTES = 512 * 1024;

/** Where the page opens its WebSocket. */
export const SOCKET_PATH = '/api/socket';
/** The subprotocol the page offers, and the server chooses. */
export const SOCKET_PROTOCOL = 'token-tester.v1';
/** The page's second offer: this prefix and the capability (base64url, a valid protocol token). */
export const CAPABILITY_PROTOCOL_PREFIX = 'capability.';
