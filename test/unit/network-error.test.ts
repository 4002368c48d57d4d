import { describe, expect, it } from 'vitest';
import { isRefusedRedirect, lowLevelCodeOf, networkCodeOf } from '../../main/token/network-error';

describe('networkCodeOf', () => {
  it('finds the code in Node fetch’s cause chain', () => {
    const error = new TypeError('fetch failed', {
      cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
    });
    expect(networkCodeOf(error)).toBe('ECONNREFUSED');
  });

  it('finds nested causes (TLS errors inside undici’s wrapper)', () => {
    const tls = Object.assign(new Error('self-signed certificate'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
    expect(
      networkCodeOf(new TypeError('fetch failed', { cause: new Error('wrapped', { cause: tls }) })),
    ).toBe('DEPTH_ZERO_SELF_SIGNED_CERT');
  });

  it('reads Chromium’s names from Electron’s net.fetch messages', () => {
    expect(networkCodeOf(new Error('net::ERR_CERT_AUTHORITY_INVALID'))).toBe(
      'net::ERR_CERT_AUTHORITY_INVALID',
    );
    expect(networkCodeOf(new Error('Request failed: net::ERR_NAME_NOT_RESOLVED'))).toBe(
      'net::ERR_NAME_NOT_RESOLVED',
    );
  });

  it('reads OpenSSL’s reason from a TLS failure node:http reports as a write’s EPROTO', () => {
    const write = (reason: string) =>
      Object.assign(
        new Error(
          `write EPROTO 80BCACBA887F0000:error:0A00010B:SSL routines:ssl3_get_record:${reason}:../deps/openssl/openssl/ssl/record/ssl3_record.c:350:\n`,
        ),
        { code: 'EPROTO', errno: -71, syscall: 'write' },
      );
    expect(networkCodeOf(write('wrong version number'))).toBe('ERR_SSL_WRONG_VERSION_NUMBER');
    expect(networkCodeOf(write('tlsv1 alert protocol version'))).toBe('ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION');
    // Without OpenSSL's words it stays what it is.
    expect(networkCodeOf(Object.assign(new Error('write EPROTO'), { code: 'EPROTO' }))).toBe('EPROTO');
  });

  it('returns null when there is nothing to go on', () => {
    expect(networkCodeOf(new Error('weird'))).toBeNull();
    expect(networkCodeOf('text')).toBeNull();
    expect(networkCodeOf({ code: 'lowercase' })).toBeNull();
  });
});

describe('isRefusedRedirect', () => {
  it('recognises how Electron’s net.fetch refuses a redirect', () => {
    expect(isRefusedRedirect(new Error('Redirect was cancelled'))).toBe(true);
    expect(isRefusedRedirect(new Error("Attempted to redirect, but redirect policy was 'error'"))).toBe(true);
    expect(isRefusedRedirect(new Error('Redirect was cancelled by the user, really'))).toBe(false);
  });
});

describe('lowLevelCodeOf', () => {
  it('names the port Node’s fetch refuses to dial, which it reports by words only', () => {
    const refused = new TypeError('fetch failed', { cause: new Error('bad port') });
    expect(networkCodeOf(refused)).toBe('bad port');
    expect(lowLevelCodeOf(refused)).toBe('bad port');
  });

  it('falls back to the innermost error’s own words, one line, never nothing', () => {
    const odd = new TypeError('fetch failed', { cause: new Error('something\nnew\u0007 happened') });
    expect(lowLevelCodeOf(odd)).toBe('something new happened');
    expect(lowLevelCodeOf(new Error('x'.repeat(500)))).toHaveLength(120);
    expect(lowLevelCodeOf('text')).toBe('no code given');
  });
});
