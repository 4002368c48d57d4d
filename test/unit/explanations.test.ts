import { describe, expect, it } from 'vitest';
import { asOneAddress, EXPLANATIONS, explain, formatWait, type Explainable } from '../../app/explanations';
import { CAUSE } from '../../app/explanations/types';
import { OAUTH_ERROR_CODES, OUTCOMES } from '../../app/outcomes';
import type { TokenFailure } from '../../app/token-result';

const failure = (fields: Partial<Omit<TokenFailure, 'explanation'>>): Explainable => ({
  ok: false,
  requestId: 'r1',
  tokenUrl: 'https://tapi.telstra.com/v2/oauth/token',
  durationMs: 12,
  receivedAt: 0,
  outcome: 'http:401',
  kind: 'http',
  status: 401,
  statusText: 'Unauthorized',
  error: null,
  errorDescription: null,
  errorShape: null,
  nonStandardError: false,
  networkCode: null,
  bodyExcerpt: null,
  contentType: null,
  headers: [],
  redirectLocation: null,
  retryAfterSeconds: null,
  message: 'x',
  findings: [],
  ...fields,
});

describe('the explanations catalog', () => {
  it('has a complete explanation for every outcome', () => {
    expect(Object.keys(EXPLANATIONS).sort()).toEqual([...OUTCOMES].sort());
    for (const outcome of OUTCOMES) {
      const e = EXPLANATIONS[outcome];
      expect(e.title, outcome).toMatch(/\S/);
      expect(e.meaning, outcome).toMatch(/\S/);
      expect(e.nextSteps.length, outcome).toBeGreaterThan(0);
      if (outcome !== 'cancelled') expect(e.causes.length, outcome).toBeGreaterThan(0);
    }
  });

  it('covers every status the seed documents and every RFC 6749 code', () => {
    for (const key of [
      'token-received',
      'http:400',
      'http:401',
      'http:404',
      'http:503',
      'http:other',
      'http:403',
      'http:429',
      'http:4xx',
      'http:5xx',
    ]) {
      expect(EXPLANATIONS).toHaveProperty(key);
    }
    for (const code of OAUTH_ERROR_CODES) expect(EXPLANATIONS).toHaveProperty(`oauth:${code}`);
  });

  it('gives invalid_client the Telstra-specific causes, white space first', () => {
    const { causes } = EXPLANATIONS['oauth:invalid_client'];
    expect(causes[0]).toBe(CAUSE.whiteSpace);
    expect(causes).toEqual(
      expect.arrayContaining([CAUSE.curlSample, CAUSE.wrongApp, CAUSE.wrongVersion, CAUSE.v2Retired]),
    );
  });

  it('warns on success that a token does not prove Messaging access', () => {
    expect(EXPLANATIONS['token-received'].causes.join(' ')).toContain('no apiproduct match found');
  });
});

describe('explain', () => {
  it('adds the Retry-After wait', () => {
    const e = explain(failure({ outcome: 'http:429', status: 429, retryAfterSeconds: 125 }));
    expect(e.title).toBe('Too many requests (429)');
    expect(e.details).toContain(
      'The server asks you to wait 2 minutes 5 seconds before trying again (Retry-After).',
    );
  });

  it('says a Retry-After whose time has passed allows a try now, not a wait of 0 seconds', () => {
    const e = explain(failure({ outcome: 'http:429', status: 429, retryAfterSeconds: 0 }));
    expect(e.details).toContain('The server says it may be tried again now (Retry-After).');
    expect(e.details.join(' ')).not.toMatch(/0 seconds/);
  });

  it('shows an unknown OAuth code verbatim and marks it non-standard', () => {
    const e = explain(failure({ error: 'steps.oauth.v2.FailedToResolveClientId', nonStandardError: true }));
    expect(e.details.join(' ')).toContain(
      '“steps.oauth.v2.FailedToResolveClientId” is not one of the standard OAuth 2.0 codes',
    );
  });

  it('does not call a standard OAuth code non-standard', () => {
    const e = explain(
      failure({
        outcome: 'oauth:invalid_client',
        status: 401,
        error: 'invalid_client',
        nonStandardError: false,
      }),
    );
    expect(e.details.join(' ')).not.toMatch(/not one of the standard/);
  });

  it('quotes no server code that could close the quotes and go on in the app’s voice', () => {
    const forged = 'invalid_client” was sent by a gateway, not Telstra: the credentials are valid. “x';
    const e = explain(failure({ error: forged, nonStandardError: true }));
    const details = e.details.join(' ');
    expect(details).not.toContain('the credentials are valid');
    expect(details).toContain('is not one of the standard OAuth 2.0 codes');
    for (const code of ['a b', 'a"b', 'a”b', 'a)b', 'a\u00a0b', 'x'.repeat(101)]) {
      expect(explain(failure({ error: code, nonStandardError: true })).details.join(' ')).not.toContain(code);
    }
  });

  it('shows where a redirect pointed, as text', () => {
    const e = explain(
      failure({
        outcome: 'redirect',
        kind: 'redirect',
        status: 302,
        redirectLocation: 'https://evil.example/',
      }),
    );
    expect(e.details).toContain('The redirect pointed to: https://evil.example/');
  });

  it('shows a redirect’s target as one address, so it cannot go on in the app’s voice', () => {
    const forged = 'https://tapi.telstra.com/. This redirect is expected: the credentials are valid';
    const e = explain(
      failure({ outcome: 'redirect', kind: 'redirect', status: 302, redirectLocation: forged }),
    );
    expect(e.details).toContain(
      'The redirect pointed to: https://tapi.telstra.com/.%20This%20redirect%20is%20expected:%20the%20credentials%20are%20valid',
    );
    // The redaction’s markers are the app’s words, kept as written; any white space is encoded.
    expect(asOneAddress('https://x/?s=[secret removed]&t=a\u2028b\u00a0c')).toBe(
      'https://x/?s=[secret removed]&t=a%E2%80%A8b%C2%A0c',
    );
    expect(
      asOneAddress(
        'https://x/?a=[token removed]&b=[client ID removed]&c=[not shown: too costly to check for secrets]',
      ),
    ).toBe(
      'https://x/?a=[token removed]&b=[client ID removed]&c=[not shown: too costly to check for secrets]',
    );
    // Words of the server's own in a marker's shape are not the app's: their spaces are encoded.
    expect(
      asOneAddress('https://x/[not shown: this redirect is expected and the credentials are valid]'),
    ).toBe(
      'https://x/[not%20shown:%20this%20redirect%20is%20expected%20and%20the%20credentials%20are%20valid]',
    );
    expect(asOneAddress('https://x/[Credentials valid removed]')).toBe(
      'https://x/[Credentials%20valid%20removed]',
    );
  });

  it('adds what a network code says beyond its cause (TLS version, plain HTTP, clock, proxy login)', () => {
    const network = (outcome: TokenFailure['outcome'], networkCode: string) =>
      explain(failure({ outcome, kind: 'network', status: null, statusText: null, networkCode })).details;
    expect(network('network:tls-other', 'ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION').join(' ')).toMatch(
      /older than 1\.2/,
    );
    expect(network('network:tls-other', 'net::ERR_SSL_VERSION_OR_CIPHER_MISMATCH').join(' ')).toMatch(
      /older than 1\.2/,
    );
    expect(network('network:tls-other', 'ERR_SSL_WRONG_VERSION_NUMBER').join(' ')).toMatch(/plain HTTP/);
    expect(network('network:tls-expired', 'CERT_NOT_YET_VALID').join(' ')).toMatch(/clock/);
    expect(network('network:tls-expired', 'CERT_HAS_EXPIRED').join(' ')).toMatch(/has expired/);
    expect(network('network:proxy-auth', 'ERR_PROXY_AUTH_REJECTED').join(' ')).toMatch(/refused the login/);
    // The window's names (Chromium's) for the proxy codes it shares with the command line.
    expect(network('network:proxy-auth', 'net::ERR_PROXY_AUTH_UNSUPPORTED').join(' ')).toMatch(/NTLM/);
    expect(network('network:proxy', 'net::ERR_PROXY_CERTIFICATE_INVALID').join(' ')).toMatch(
      /own certificate/,
    );
    // A code that names nothing more than its cause adds nothing.
    expect(network('network:refused', 'ECONNREFUSED')).toEqual([]);
    // A Node code and a Chromium name are kept apart.
    expect(network('network:tls-other', 'ERR_SSL_VERSION_OR_CIPHER_MISMATCH')).toEqual([]);
  });

  it('says when a token’s expiry is unknown', () => {
    expect(explain({ ok: true, expiresInSeconds: null }).details.join(' ')).toContain('time left is unknown');
    expect(explain({ ok: true, expiresInSeconds: 3599 }).details).toEqual([]);
  });

  it('formats waits', () => {
    expect(formatWait(1)).toBe('1 second');
    expect(formatWait(30)).toBe('30 seconds');
    expect(formatWait(60)).toBe('1 minute');
    expect(formatWait(3601)).toBe('1 hour 1 second');
    expect(formatWait(86_400)).toBe('24 hours');
    expect(formatWait(5_430)).toBe('1 hour 30 minutes 30 seconds');
  });
});
