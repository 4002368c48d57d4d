// Finds the low-level code in whatever a fetch implementation threw. Node's fetch wraps the socket
// error as `cause` (ECONNREFUSED, CERT_HAS_EXPIRED, UND_ERR_SOCKET…); Electron's net.fetch throws
// an Error whose message holds Chromium's name (net::ERR_CONNECTION_REFUSED…). A few of Node's
// fetch failures carry no code, only words ("bad port"): those words are the code shown, so the
// window never promises a code and shows none.

const CHROMIUM_CODE = /net::ERR_[A-Z0-9_]+/;

/** Electron's net.fetch rejects this way when a redirect is not followed (redirect: 'manual'). */
export function isRefusedRedirect(error: unknown): boolean {
  return (
    error instanceof Error &&
    /^(Redirect was cancelled|Attempted to redirect, but redirect policy was 'error')$/.test(error.message)
  );
}

/** The words undici's fetch uses, with no code, for a network error of its own. */
const UNDICI_REASONS: ReadonlySet<string> = new Set(['bad port']);

/** undici's words for an answer listing more content codings than it decodes (5). */
const TOO_MANY_CODINGS = /^too many content-encodings in response: \d+, maximum allowed is \d+$/;

const MAX_WORDS = 120;

function chainOf(error: unknown): readonly { code?: unknown; message?: unknown }[] {
  const chain: { code?: unknown; message?: unknown }[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current !== null && typeof current === 'object'; depth += 1) {
    chain.push(current);
    current = (current as { cause?: unknown }).cause;
  }
  return chain;
}

/**
 * OpenSSL's reason in a TLS failure that Node reports as a failed socket write ("write EPROTO
 * …:error:0A00010B:SSL routines:ssl3_get_record:wrong version number:…"), as the code Node gives
 * the same failure when it comes from the handshake itself (ERR_SSL_WRONG_VERSION_NUMBER).
 * node:http writes the request while the handshake is still going, so an https: URL on a
 * plain-HTTP port, a server that speaks only TLS 1.0 or 1.1, or one that ends the handshake with
 * an alert was "EPROTO" on the command line and in browser mode and the precise code over fetch.
 */
const OPENSSL_REASON = /:error:[0-9A-F]{8}:SSL routines:[a-z0-9_]*:([a-z0-9 ]{1,60})(?::|$)/;

function opensslCode(message: unknown): string | null {
  if (typeof message !== 'string') return null;
  const reason = OPENSSL_REASON.exec(message)?.[1]?.trim();
  return reason ? `ERR_SSL_${reason.toUpperCase().replace(/ +/g, '_')}` : null;
}

export function networkCodeOf(error: unknown): string | null {
  for (const { code, message } of chainOf(error)) {
    if (code === 'EPROTO') return opensslCode(message) ?? code;
    if (typeof code === 'string' && /^[A-Z][A-Z0-9_]{1,63}$/.test(code)) return code;
    if (typeof message === 'string') {
      const match = CHROMIUM_CODE.exec(message);
      if (match) return match[0];
      if (UNDICI_REASONS.has(message)) return message;
      // undici names no code for it; node:http's refusal of the same answer does (decoded-body.ts).
      if (TOO_MANY_CODINGS.test(message)) return 'ERR_HTTP_TOO_MANY_CONTENT_ENCODINGS';
    }
  }
  return null;
}

/**
 * What to show as the low-level code of a failure below HTTP: the code when there is one, and
 * otherwise the innermost error's own words, so there is always something to show and to search
 * for. The words are the network stack's, but can quote what the other side sent (a certificate's
 * names, a proxy's reply): `redact` runs before they are cut to length, and again after, as for
 * every text from outside (app/redact.ts, redactAndCut), so a cut never leaves part of a secret.
 */
export function lowLevelCodeOf(error: unknown, redact: (text: string) => string = (text) => text): string {
  const code = networkCodeOf(error);
  if (code !== null) return redact(code);
  const words = chainOf(error)
    .map(({ message }) => (typeof message === 'string' ? message.replace(/[\p{Cc}\s]+/gu, ' ').trim() : ''))
    .filter((message) => message !== '')
    .at(-1);
  if (words === undefined) return 'no code given';
  const clean = redact(words);
  return clean.length > MAX_WORDS ? `${redact(clean.slice(0, MAX_WORDS - 1))}…` : clean;
}

/** Node's words (fetch's and node:http's alike) for a connection closed mid TLS handshake. */
const CLOSED_IN_HANDSHAKE = /before secure TLS connection was established/;

/** Whether the connection was closed while the TLS handshake was still going. */
export function closedInHandshake(error: unknown): boolean {
  return chainOf(error).some(
    ({ code, message }) =>
      code === 'ECONNRESET' && typeof message === 'string' && CLOSED_IN_HANDSHAKE.test(message),
  );
}

/**
 * A Cancel or the deadline while the proxy (HTTPS_PROXY and friends) had not yet answered the
 * request to open a tunnel (node-http-fetch.ts): nothing had reached the server, and "the server
 * did not finish answering" would blame one that was never asked.
 */
export class StoppedAtProxy extends Error {
  constructor() {
    super('Stopped before the proxy opened a tunnel to the server.');
    this.name = 'StoppedAtProxy';
  }
}
