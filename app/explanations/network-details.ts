// What one low-level code says beyond its cause's explanation: the cause's words cover a family
// of codes (app/network-codes.ts), and some codes in it name exactly one of its causes. Said as a
// detail next to the explanation, in the window, the report and on the command line alike.

const NOT_TLS =
  'The answer was not TLS at all: most likely the https: URL points at a port that speaks plain HTTP (such as 80 or 8080), or something else answered in the server’s place.';
const OLD_TLS =
  'The server offers only TLS versions older than 1.2, or only ciphers too weak to use, which the app refuses: the server has to be updated, and nothing on this computer should lower that bar.';
const HANDSHAKE_REFUSED =
  'The server ended the handshake: it shares no cipher with the app, or it wants a client certificate (mutual TLS), which a TLS 1.2 server reports the same way.';
const UNTRUSTED_CHAIN =
  'The certificate’s chain ends at a root this computer does not trust, typically a company’s own root for inspecting HTTPS.';

const PROXY_AUTH_UNSUPPORTED =
  'The proxy offers only logins the app cannot give (such as Negotiate/Kerberos or NTLM), not a user name and password (Basic).';
const PROXY_CERTIFICATE_INVALID =
  'The https:// proxy’s own certificate is not trusted here (on the command line, NODE_EXTRA_CA_CERTS adds a company root).';

const HTTP2_RULES_BROKEN =
  'HTTP/2’s rules were broken in the exchange (a malformed frame or header block, or flow control gone wrong), by the server or by something between: this says nothing about the credentials.';
const HTTP2_ENDED =
  'The server, or a proxy in between, ended this request’s HTTP/2 stream before its answer was complete.';

const DETAILS: Readonly<Record<string, string>> = {
  'net::ERR_HTTP2_PROTOCOL_ERROR': HTTP2_RULES_BROKEN,
  'net::ERR_HTTP2_COMPRESSION_ERROR': HTTP2_RULES_BROKEN,
  'net::ERR_HTTP2_FLOW_CONTROL_ERROR': HTTP2_RULES_BROKEN,
  'net::ERR_HTTP2_FRAME_SIZE_ERROR': HTTP2_RULES_BROKEN,
  'net::ERR_INCOMPLETE_HTTP2_HEADERS': HTTP2_RULES_BROKEN,
  'net::ERR_HTTP2_STREAM_CLOSED': HTTP2_ENDED,
  'net::ERR_HTTP2_RST_STREAM_NO_ERROR_RECEIVED': HTTP2_ENDED,
  'net::ERR_HTTP2_SERVER_REFUSED_STREAM':
    'The server refused the request on its HTTP/2 connection without acting on it (it was busy, or closing the connection): trying again is safe.',
  'net::ERR_HTTP2_PING_FAILED':
    'The HTTP/2 connection went silent: the server did not answer its keep-alive check (PING) in time, so the connection was given up.',
  'net::ERR_HTTP_1_1_REQUIRED':
    'The server said it must be spoken to in HTTP/1.1, not HTTP/2 (often because it asks for a client certificate).',
  'net::ERR_HTTP2_INADEQUATE_TRANSPORT_SECURITY':
    'The server chose HTTP/2 over a TLS version or cipher that HTTP/2 forbids (older than TLS 1.2, or a weak cipher), so the app stopped before sending the request: the server’s TLS settings have to change.',
  ERR_SSL_WRONG_VERSION_NUMBER: NOT_TLS,
  ERR_SSL_HTTP_REQUEST: NOT_TLS,
  ERR_SSL_PACKET_LENGTH_TOO_LONG: NOT_TLS,
  ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION: OLD_TLS,
  ERR_SSL_UNSUPPORTED_PROTOCOL: OLD_TLS,
  ERR_SSL_NO_PROTOCOLS_AVAILABLE: OLD_TLS,
  'net::ERR_SSL_VERSION_OR_CIPHER_MISMATCH': OLD_TLS,
  'net::ERR_SSL_OBSOLETE_VERSION_OR_CIPHER': OLD_TLS,
  ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE: HANDSHAKE_REFUSED,
  ERR_SSL_NO_SHARED_CIPHER: HANDSHAKE_REFUSED,
  ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED:
    'TLS 1.3: the request, credentials included, goes with the end of the handshake, so it had been sent to this server, encrypted, when the server refused the connection for want of a client certificate (to this server only: its certificate had been checked).',
  DEPTH_ZERO_SELF_SIGNED_CERT:
    'The server’s certificate is self-signed: no authority vouches for it, only the server itself.',
  SELF_SIGNED_CERT_IN_CHAIN: UNTRUSTED_CHAIN,
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: UNTRUSTED_CHAIN,
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: UNTRUSTED_CHAIN,
  CERT_HAS_EXPIRED:
    'The certificate’s end date has passed: if this computer’s date is right, the server’s certificate has expired.',
  CERT_NOT_YET_VALID:
    'The certificate is not valid yet: this computer’s clock is most likely behind (check its date and time zone).',
  ERR_PROXY_AUTH_REJECTED:
    'The proxy refused the login in the proxy address: check the user name and password, with @ : / # % in them written as %40 %3A %2F %23 %25.',
  ERR_PROXY_AUTH_UNSUPPORTED: PROXY_AUTH_UNSUPPORTED,
  // The window's (Chromium's) names for the same two.
  'net::ERR_PROXY_AUTH_UNSUPPORTED': PROXY_AUTH_UNSUPPORTED,
  ERR_PROXY_CLOSED: 'The proxy closed the connection without answering the request to reach the server.',
  ERR_PROXY_INVALID_RESPONSE:
    'The proxy answered with something other than an HTTP proxy’s answer, such as a web page or a sign-in page: the address may not be a proxy’s, or the proxy wants a browser sign-in first.',
  ERR_PROXY_TLS_FAILED:
    'The encrypted connection to the proxy itself failed: most often the proxy setting says https:// for a proxy that speaks plain HTTP (write http://).',
  ERR_PROXY_CERTIFICATE_INVALID: PROXY_CERTIFICATE_INVALID,
  'net::ERR_PROXY_CERTIFICATE_INVALID': PROXY_CERTIFICATE_INVALID,
};

/** The sentence `code` adds to its cause's explanation, if it adds one. */
export function networkCodeDetail(code: string | null | undefined): string | null {
  return code == null || !Object.hasOwn(DETAILS, code) ? null : (DETAILS[code] ?? null);
}
