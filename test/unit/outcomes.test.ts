import { describe, expect, it } from 'vitest';
import {
  classifyHttpFailure,
  classifyNetworkCode,
  NETWORK_CAUSES,
  OAUTH_ERROR_CODES,
} from '../../app/outcomes';

describe('classifyHttpFailure', () => {
  it('uses the OAuth code when it is a standard one', () => {
    for (const code of OAUTH_ERROR_CODES) {
      expect(classifyHttpFailure(400, code)).toBe(`oauth:${code}`);
    }
    expect(classifyHttpFailure(401, 'invalid_client')).toBe('oauth:invalid_client');
  });

  it('falls back to the status for non-standard codes or none', () => {
    expect(classifyHttpFailure(401, null)).toBe('http:401');
    expect(classifyHttpFailure(401, 'steps.oauth.v2.InvalidClientIdentifier')).toBe('http:401');
    expect(classifyHttpFailure(404, null)).toBe('http:404');
    expect(classifyHttpFailure(418, null)).toBe('http:4xx');
    expect(classifyHttpFailure(507, null)).toBe('http:5xx');
    expect(classifyHttpFailure(302, null)).toBe('http:other');
    expect(classifyHttpFailure(0, null)).toBe('http:other');
  });

  it('lets 429 and 5xx speak for themselves even with an OAuth code', () => {
    expect(classifyHttpFailure(429, 'invalid_request')).toBe('http:429');
    expect(classifyHttpFailure(503, 'invalid_client')).toBe('http:503');
  });
});

describe('classifyNetworkCode', () => {
  it.each([
    ['ENOTFOUND', 'dns'],
    ['EAI_AGAIN', 'dns'],
    ['net::ERR_NAME_NOT_RESOLVED', 'dns'],
    ['ECONNREFUSED', 'refused'],
    ['net::ERR_CONNECTION_REFUSED', 'refused'],
    ['ECONNRESET', 'reset'],
    ['UND_ERR_SOCKET', 'reset'],
    ['net::ERR_CONNECTION_RESET', 'reset'],
    ['net::ERR_EMPTY_RESPONSE', 'reset'],
    ['EHOSTUNREACH', 'unreachable'],
    ['UND_ERR_CONNECT_TIMEOUT', 'timed-out'],
    ['net::ERR_INTERNET_DISCONNECTED', 'offline'],
    ['DEPTH_ZERO_SELF_SIGNED_CERT', 'tls-untrusted'],
    ['SELF_SIGNED_CERT_IN_CHAIN', 'tls-untrusted'],
    ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'tls-untrusted'],
    ['net::ERR_CERT_AUTHORITY_INVALID', 'tls-untrusted'],
    ['CERT_HAS_EXPIRED', 'tls-expired'],
    ['net::ERR_CERT_DATE_INVALID', 'tls-expired'],
    ['ERR_TLS_CERT_ALTNAME_INVALID', 'tls-hostname'],
    ['net::ERR_CERT_COMMON_NAME_INVALID', 'tls-hostname'],
    ['ERR_SSL_WRONG_VERSION_NUMBER', 'tls-other'],
    ['EPROTO', 'tls-other'],
    ['net::ERR_SSL_PROTOCOL_ERROR', 'tls-other'],
    ['net::ERR_PROXY_CONNECTION_FAILED', 'proxy'],
    ['net::ERR_TUNNEL_CONNECTION_FAILED', 'proxy-refused'],
    ['ERR_PROXY_CONNECTION_FAILED', 'proxy'],
    ['ERR_PROXY_UNSUPPORTED', 'proxy'],
    ['ERR_PROXY_AUTH_REQUIRED', 'proxy-auth'],
    ['net::ERR_PROXY_AUTH_REQUESTED', 'proxy-auth'],
    ['ERR_PROXY_CONNECT_403', 'proxy-refused'],
    ['ERR_PROXY_CONNECT_502', 'proxy-refused'],
    ['SOMETHING_ELSE', 'other'],
  ] as const)('%s is %s', (code, cause) => {
    expect(NETWORK_CAUSES).toContain(cause);
    expect(classifyNetworkCode(code)).toBe(cause);
  });

  it('calls a missing code other', () => {
    expect(classifyNetworkCode(null)).toBe('other');
  });
});
