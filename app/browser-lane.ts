// What browser mode's page (main/browser-page/page-api.ts) and its loopback server
// (main/browser/browser-host.ts, main/browser/socket.ts) agree on: plain values, for both sides.

/** The largest API call, over HTTP or the WebSocket (a valid argument is far below it). */
export const MAX_CALL_BYTES = 64 * 1024;

/** Where the page opens its WebSocket. */
export const SOCKET_PATH = '/api/socket';
/** The subprotocol the page offers, and the server chooses. */
export const SOCKET_PROTOCOL = 'token-tester.v1';
/** The page's second offer: this prefix and the capability (base64url, a valid protocol token). */
export const CAPABILITY_PROTOCOL_PREFIX = 'capability.';
