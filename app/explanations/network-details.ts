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

const DETAILS: Readonly<Record<string, string>> = {
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
