// Which cause a low-level network error code stands for, for every transport the app has:
// Chromium's network stack (Electron's net.fetch reports `net::ERR_*` names), Node's fetch
// (undici: errno codes, `UND_ERR_*`, llhttp's `HPE_*`, OpenSSL's certificate and `ERR_SSL_*`
// codes, and a few failures it reports by message only) and node:http (the same errno, OpenSSL
// and llhttp codes). test/unit/network-codes.test.ts holds every code each one can produce.

export const NETWORK_CAUSES = [
  'dns',
  'refused',
  'reset',
  'unreachable',
  'timed-out',
  'offline',
  'blocked',
  'bad-port',
  'address-invalid',
  'tls-untrusted',
  'tls-expired',
  'tls-hostname',
  'tls-revoked',
  'tls-rejected',
  'tls-client-cert',
  // The handshake itself failed: versions, ciphers, or an https: URL on a plain-HTTP port.
  'tls-other',
  'proxy',
  'proxy-auth',
  'proxy-refused',
  'bad-answer',
  // Chromium's HTTP/2 (the app's transport): its rules broken, or a request refused or ended.
  'http2',
  'aborted',
  'resources',
  'other',
] as const;
export type NetworkCause = (typeof NETWORK_CAUSES)[number];

/** Node's errno and undici codes, and the words undici uses where it gives no code. */
const NODE_CAUSES: ReadonlyArray<readonly [RegExp, NetworkCause]> = [
  [/^(ENOTFOUND|EAI_AGAIN|EAI_NONAME|EAI_FAIL|EAI_NODATA|EAI_ADDRFAMILY)$/, 'dns'],
  [/^ECONNREFUSED$/, 'refused'],
  [
    /^(ECONNRESET|EPIPE|ECONNABORTED|ENOTCONN|UND_ERR_SOCKET|UND_ERR_CLOSED|UND_ERR_DESTROYED|ERR_STREAM_PREMATURE_CLOSE|UND_ERR_RES_CONTENT_LENGTH_MISMATCH)$/,
    'reset',
  ],
  [/^(ENETUNREACH|EHOSTUNREACH|EHOSTDOWN)$/, 'unreachable'],
  [
    /^(ETIMEDOUT|UND_ERR_CONNECT_TIMEOUT|UND_ERR_HEADERS_TIMEOUT|UND_ERR_BODY_TIMEOUT|ERR_TLS_HANDSHAKE_TIMEOUT)$/,
    'timed-out',
  ],
  [/^ENETDOWN$/, 'offline'],
  [/^(EACCES|EPERM)$/, 'blocked'],
  // undici refuses the ports browsers refuse (the fetch standard's "bad port" list) by message.
  [/^bad port$/, 'bad-port'],
  [/^(EADDRNOTAVAIL|EAFNOSUPPORT|EINVAL|ERR_INVALID_IP_ADDRESS|ERR_SOCKET_BAD_PORT)$/, 'address-invalid'],
  [
    /^(DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT|UNABLE_TO_GET_ISSUER_CERT_LOCALLY|CERT_UNTRUSTED|ERR_SSL_TLSV1_ALERT_UNKNOWN_CA)$/,
    'tls-untrusted',
  ],
  [
    /^(CERT_HAS_EXPIRED|CERT_NOT_YET_VALID|ERROR_IN_CERT_NOT_BEFORE_FIELD|ERROR_IN_CERT_NOT_AFTER_FIELD|ERR_SSL_SSLV3_ALERT_CERTIFICATE_EXPIRED)$/,
    'tls-expired',
  ],
  [/^(ERR_TLS_CERT_ALTNAME_INVALID|HOSTNAME_MISMATCH|ERR_TLS_CERT_ALTNAME_FORMAT)$/, 'tls-hostname'],
  [/^(CERT_REVOKED|ERR_SSL_SSLV3_ALERT_CERTIFICATE_REVOKED)$/, 'tls-revoked'],
  [
    /^(CERT_SIGNATURE_FAILURE|CERT_REJECTED|CERT_CHAIN_TOO_LONG|INVALID_CA|PATH_LENGTH_EXCEEDED|INVALID_PURPOSE|UNABLE_TO_DECRYPT_CERT_SIGNATURE|UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY|UNABLE_TO_GET_CRL|CRL_SIGNATURE_FAILURE|CRL_NOT_YET_VALID|CRL_HAS_EXPIRED|ERROR_IN_CRL_LAST_UPDATE_FIELD|ERROR_IN_CRL_NEXT_UPDATE_FIELD|UNABLE_TO_DECRYPT_CRL_SIGNATURE|ERR_SSL_CA_MD_TOO_WEAK|ERR_SSL_EE_KEY_TOO_SMALL|ERR_SSL_CA_KEY_TOO_SMALL|ERR_TLS_CERT_SIGNATURE_ALGORITHM_UNSUPPORTED)$/,
    'tls-rejected',
  ],
  [
    /^ERR_SSL_(TLSV13_ALERT_CERTIFICATE_REQUIRED|SSLV3_ALERT_BAD_CERTIFICATE|SSLV3_ALERT_UNSUPPORTED_CERTIFICATE|TLSV1_ALERT_ACCESS_DENIED|SSLV3_ALERT_CERTIFICATE_UNKNOWN)$/,
    'tls-client-cert',
  ],
  [/^(EPROTO|ERR_SSL_.+|ERR_TLS_.+|ERR_OSSL_.+)$/, 'tls-other'],
  // The CLI's and browser mode's proxy tunnel (main/token/node-http-fetch.ts).
  [/^ERR_PROXY_AUTH_(REQUIRED|REJECTED|UNSUPPORTED)$/, 'proxy-auth'],
  [/^ERR_PROXY_CONNECT_\d{3}$/, 'proxy-refused'],
  [
    /^(UND_ERR_PRX_TLS|ERR_PROXY_CONNECTION_FAILED|ERR_PROXY_CERTIFICATE_INVALID|ERR_PROXY_TLS_FAILED|ERR_PROXY_CLOSED|ERR_PROXY_INVALID_RESPONSE|ERR_PROXY_UNSUPPORTED)$/,
    'proxy',
  ],
  [
    /^(HPE_.+|ERR_UNEXPECTED_UPGRADE|UND_ERR_HEADERS_OVERFLOW|UND_ERR_INFO|UND_ERR_RES_EXCEEDED_MAX_SIZE|ERR_HTTP_.+|ERR_INVALID_HTTP_TOKEN|ERR_INVALID_CHAR|ERR_UNESCAPED_CHARACTERS|Z_DATA_ERROR|Z_BUF_ERROR)$/,
    'bad-answer',
  ],
  [/^(ABORT_ERR|UND_ERR_ABORTED)$/, 'aborted'],
  [/^(EMFILE|ENFILE|ENOBUFS|ENOMEM|OUT_OF_MEM)$/, 'resources'],
];

/** Chromium's names (`net::ERR_` taken off), by family. */
const CHROMIUM_CAUSES: ReadonlyArray<readonly [RegExp, NetworkCause]> = [
  [
    /^(NAME_NOT_RESOLVED|NAME_RESOLUTION_FAILED|ICANN_NAME_COLLISION|HOST_RESOLVER_QUEUE_TOO_LARGE|DNS_.+)$/,
    'dns',
  ],
  [/^CONNECTION_REFUSED$/, 'refused'],
  [
    /^(CONNECTION_RESET|CONNECTION_CLOSED|CONNECTION_ABORTED|EMPTY_RESPONSE|SOCKET_NOT_CONNECTED|INCOMPLETE_CHUNKED_ENCODING|CONTENT_LENGTH_MISMATCH|QUIC_GOAWAY_REQUEST_CAN_BE_RETRIED|TOO_MANY_RETRIES|NETWORK_IO_SUSPENDED)$/,
    'reset',
  ],
  [/^(ADDRESS_UNREACHABLE|CONNECTION_FAILED|SOCKS_CONNECTION_HOST_UNREACHABLE)$/, 'unreachable'],
  [/^(CONNECTION_TIMED_OUT|TIMED_OUT)$/, 'timed-out'],
  [/^(INTERNET_DISCONNECTED|NETWORK_CHANGED)$/, 'offline'],
  [
    /^(BLOCKED_BY_.+|BLOCKED_IN_INCOGNITO_BY_ADMINISTRATOR|NETWORK_ACCESS_DENIED|NETWORK_ACCESS_REVOKED|ACCESS_DENIED|CLEARTEXT_NOT_PERMITTED|LOCAL_NETWORK_PERMISSION_MISSING|CACHED_IP_ADDRESS_SPACE_BLOCKED_BY_LOCAL_NETWORK_ACCESS_POLICY|INCONSISTENT_IP_ADDRESS_SPACE|TEMPORARILY_THROTTLED|DISALLOWED_URL_SCHEME|UNKNOWN_URL_SCHEME|INSECURE_RESPONSE)$/,
    'blocked',
  ],
  [/^UNSAFE_PORT$/, 'bad-port'],
  [/^(ADDRESS_INVALID|ADDRESS_IN_USE|INVALID_URL|MULTICAST_NOT_ALLOWED)$/, 'address-invalid'],
  // Chromium drops a request when the certificate settings change under it.
  [/^(CERT_DATABASE_CHANGED|CERT_VERIFIER_CHANGED)$/, 'aborted'],
  [/^(CERT_AUTHORITY_INVALID|QUIC_CERT_ROOT_NOT_KNOWN|CERT_SELF_SIGNED_LOCAL_NETWORK)$/, 'tls-untrusted'],
  [/^CERT_DATE_INVALID$/, 'tls-expired'],
  [/^(CERT_COMMON_NAME_INVALID|CERT_NON_UNIQUE_NAME|SSL_UNRECOGNIZED_NAME_ALERT)$/, 'tls-hostname'],
  [/^(CERT_REVOKED|CERT_UNABLE_TO_CHECK_REVOCATION|CERT_NO_REVOCATION_MECHANISM)$/, 'tls-revoked'],
  [
    /^(CERT_(?!END$).+|CERTIFICATE_TRANSPARENCY_REQUIRED|CT_.+|SSL_PINNED_KEY_NOT_IN_CERT_CHAIN|SSL_SERVER_CERT_BAD_FORMAT|SSL_SERVER_CERT_CHANGED|SSL_KEY_USAGE_INCOMPATIBLE|ECH_FALLBACK_CERTIFICATE_INVALID)$/,
    'tls-rejected',
  ],
  [
    /^(SSL_CLIENT_AUTH_.+|BAD_SSL_CLIENT_AUTH_CERT|CLIENT_AUTH_CERT_TYPE_UNSUPPORTED|NO_PRIVATE_KEY_FOR_CERT)$/,
    'tls-client-cert',
  ],
  [
    /^(SSL_.+|TLS13_DOWNGRADE_DETECTED|ALPN_NEGOTIATION_FAILED|ECH_NOT_NEGOTIATED|STRICT_ECH_REQUIRED|INVALID_ECH_CONFIG_LIST|EARLY_DATA_REJECTED|WRONG_VERSION_ON_EARLY_DATA|QUIC_HANDSHAKE_FAILED|HTTP2_INADEQUATE_TRANSPORT_SECURITY)$/,
    'tls-other',
  ],
  [
    /^(PROXY_AUTH_.+|UNEXPECTED_PROXY_AUTH|UNABLE_TO_REUSE_CONNECTION_FOR_PROXY_AUTH|INVALID_AUTH_CREDENTIALS|MISSING_AUTH_CREDENTIALS|UNSUPPORTED_AUTH_SCHEME|MISCONFIGURED_AUTH_ENVIRONMENT|MALFORMED_IDENTITY)$/,
    'proxy-auth',
  ],
  // The proxy answered the tunnel request with something other than 200.
  [/^(TUNNEL_CONNECTION_FAILED|HTTPS_PROXY_TUNNEL_RESPONSE)$/, 'proxy-refused'],
  [
    /^(PROXY_.+|MANDATORY_PROXY_CONFIGURATION_FAILED|SOCKS_CONNECTION_FAILED|NO_SUPPORTED_PROXIES|PAC_.+)$/,
    'proxy',
  ],
  // Before the catch-all for what was not HTTP: these can come before anything of an answer did.
  [/^(HTTP2_.+|INCOMPLETE_HTTP2_HEADERS|HTTP_1_1_REQUIRED)$/, 'http2'],
  [
    /^(INVALID_HTTP_RESPONSE|INVALID_RESPONSE|INVALID_CHUNKED_ENCODING|RESPONSE_HEADERS_.+|CONTENT_DECODING_.+|ZSTD_WINDOW_SIZE_TOO_BIG|QUIC_PROTOCOL_ERROR|INVALID_REDIRECT|UNSAFE_REDIRECT|TOO_MANY_REDIRECTS|RESPONSE_BODY_TOO_BIG_TO_DRAIN|ENCODING_DETECTION_FAILED|UNEXPECTED_CONTENT_DICTIONARY_HEADER|DICTIONARY_LOAD_FAILED|TOO_MANY_ACCEPT_CH_RESTARTS)$/,
    'bad-answer',
  ],
  [/^(ABORTED|CONTEXT_SHUT_DOWN)$/, 'aborted'],
  [
    /^(INSUFFICIENT_RESOURCES|OUT_OF_MEMORY|NO_BUFFER_SPACE|PRECONNECT_MAX_SOCKET_LIMIT|MSG_TOO_BIG)$/,
    'resources',
  ],
];

const CHROMIUM_PREFIX = 'net::ERR_';

/** Maps a low-level network error code to the cause the UI explains. */
export function classifyNetworkCode(code: string | null): NetworkCause {
  if (code === null) return 'other';
  const chromium = code.startsWith(CHROMIUM_PREFIX);
  const name = chromium ? code.slice(CHROMIUM_PREFIX.length) : code;
  for (const [pattern, cause] of chromium ? CHROMIUM_CAUSES : NODE_CAUSES) {
    if (pattern.test(name)) return cause;
  }
  return 'other';
}
