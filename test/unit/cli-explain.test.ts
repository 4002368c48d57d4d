// `explain` picks the outcome with the app's own classification.
import { describe, expect, it } from 'vitest';
import { subjectOf } from '../../main/cli/commands/explain';

describe('subjectOf', () => {
  it.each([
    ['401', 'invalid_client', 'oauth:invalid_client'],
    ['401', 'made_up', 'http:401'],
    ['401', undefined, 'http:401'],
    ['503', 'invalid_client', 'http:503'],
    ['418', undefined, 'http:4xx'],
    ['0', undefined, 'http:other'],
    ['200', undefined, 'token-received'],
    ['timeout', undefined, 'timeout'],
    ['network:dns', undefined, 'network:dns'],
    ['ECONNREFUSED', undefined, 'network:refused'],
    ['CERT_HAS_EXPIRED', undefined, 'network:tls-expired'],
    ['net::ERR_CONNECTION_REFUSED', undefined, 'network:refused'],
    // As pasted without Chromium's prefix.
    ['ERR_CONNECTION_REFUSED', undefined, 'network:refused'],
  ])('explains %s %s as %s', (first, code, outcome) => {
    expect(subjectOf(first, code)).toMatchObject({ outcome });
  });

  it('keeps the network code, for what it says beyond its cause', () => {
    expect(subjectOf('ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION', undefined)).toMatchObject({
      outcome: 'network:tls-other',
      networkCode: 'ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION',
    });
    expect(subjectOf('ERR_CONNECTION_REFUSED', undefined)).toMatchObject({
      networkCode: 'net::ERR_CONNECTION_REFUSED',
    });
  });

  it('reads a Chromium code pasted without its prefix (as its error page shows it) as Chromium’s', () => {
    // Node's catch-all for ERR_SSL_… would take it, without the detail or the precise cause.
    expect(subjectOf('ERR_SSL_VERSION_OR_CIPHER_MISMATCH', undefined)).toMatchObject({
      outcome: 'network:tls-other',
      networkCode: 'net::ERR_SSL_VERSION_OR_CIPHER_MISMATCH',
    });
    expect(subjectOf('ERR_SSL_CLIENT_AUTH_CERT_NEEDED', undefined)).toMatchObject({
      outcome: 'network:tls-client-cert',
    });
    // A Node code keeps its own name where both read it alike.
    expect(subjectOf('ERR_SSL_WRONG_VERSION_NUMBER', undefined)).toMatchObject({
      networkCode: 'ERR_SSL_WRONG_VERSION_NUMBER',
    });
    expect(subjectOf('ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED', undefined)).toMatchObject({
      outcome: 'network:tls-client-cert',
    });
  });

  it.each([
    [undefined, undefined],
    ['99', undefined],
    ['600', undefined],
    ['timeout', 'invalid_client'],
    ['banana', undefined],
  ])('refuses %s %s', (first, code) => {
    expect(subjectOf(first, code)).toHaveProperty('problem');
  });
});
