import { describe, expect, it } from 'vitest';
import {
  checkTokenUrl,
  isLoopbackHost,
  PRESETS,
  sameEndpoint,
  V2_TOKEN_URL,
  V3_SCOPE,
  V3_TOKEN_URL,
} from '../../app/endpoints';

describe('presets', () => {
  it('match the published token URLs and scopes', () => {
    expect(PRESETS.v2.tokenUrl).toBe('https://tapi.telstra.com/v2/oauth/token');
    expect(PRESETS.v2.scope).toBe('NSMS');
    expect(PRESETS.v3.tokenUrl).toBe('https://products.api.telstra.com/v2/oauth/token');
    expect(PRESETS.v3.scope.split(' ')).toEqual([
      'free-trial-numbers:read',
      'free-trial-numbers:write',
      'messages:read',
      'messages:write',
      'virtual-numbers:read',
      'virtual-numbers:write',
      'reports:read',
      'reports:write',
    ]);
    expect(V3_SCOPE).toBe(PRESETS.v3.scope);
  });
});

describe('checkTokenUrl', () => {
  it.each([V2_TOKEN_URL, V3_TOKEN_URL, 'https://example.com:8443/token'])('accepts https: %s', (url) => {
    expect(checkTokenUrl(url)).toMatchObject({ ok: true, loopback: false });
  });

  it.each([
    'http://127.0.0.1:8080/v2/oauth/token',
    'http://localhost/x',
    'http://[::1]:9/x',
    'http://127.9.9.9/x',
  ])('accepts http: on loopback %s', (url) => {
    expect(checkTokenUrl(url)).toMatchObject({ ok: true, loopback: true });
  });

  it.each([
    ['http://tapi.telstra.com/v2/oauth/token', /unencrypted/],
    ['http://127.0.0.1.example.com/', /unencrypted/],
    ['http://10.0.0.1/', /unencrypted/],
    ['ftp://example.com/', /must start with https:/],
    ['file:///etc/passwd', /must start with https:/],
    ['javascript:alert(1)', /must start with https:/],
    ['not a url', /not a valid URL/],
    ['', /not a valid URL/],
    ['https://user:pass@example.com/', /user name or password/],
    // A user name alone is user info too: node:http would send it as a Basic credential.
    ['https://client-id@example.com/', /user name or password/],
    ['https://:pass@example.com/', /user name or password/],
  ])('refuses %s', (url, reason) => {
    const verdict = checkTokenUrl(url);
    expect(verdict.ok).toBe(false);
    expect(!verdict.ok && verdict.reason).toMatch(reason);
  });

  it('knows loopback hosts', () => {
    expect(isLoopbackHost('LOCALHOST')).toBe(true);
    expect(isLoopbackHost('app.localhost')).toBe(true);
    expect(isLoopbackHost('[::1]')).toBe(true);
    expect(isLoopbackHost('128.0.0.1')).toBe(false);
    expect(isLoopbackHost('localhost.example')).toBe(false);
  });
});

describe('sameEndpoint (a stored secret goes only to its saved endpoint)', () => {
  it('matches the same preset and URL, ignoring surrounding white space', () => {
    expect(
      sameEndpoint({ preset: 'v3', tokenUrl: ` ${V3_TOKEN_URL} ` }, { preset: 'v3', tokenUrl: V3_TOKEN_URL }),
    ).toBe(true);
  });

  it('matches the sandbox wherever it runs now', () => {
    expect(
      sameEndpoint(
        { preset: 'sandbox', tokenUrl: 'http://127.0.0.1:5001/v2/oauth/token' },
        { preset: 'sandbox', tokenUrl: 'http://127.0.0.1:4000/v2/oauth/token' },
      ),
    ).toBe(true);
  });

  it.each([
    [
      { preset: 'v3', tokenUrl: V3_TOKEN_URL },
      { preset: 'v2', tokenUrl: V2_TOKEN_URL },
    ],
    [
      { preset: 'custom', tokenUrl: V2_TOKEN_URL },
      { preset: 'v2', tokenUrl: V2_TOKEN_URL },
    ],
    [
      { preset: 'custom', tokenUrl: 'https://elsewhere.example/token' },
      { preset: 'custom', tokenUrl: 'https://mine.example/token' },
    ],
    [
      { preset: 'sandbox', tokenUrl: '' },
      { preset: 'custom', tokenUrl: 'http://127.0.0.1:1/x' },
    ],
  ])('refuses %j for a profile saved with %j', (requested, saved) => {
    expect(sameEndpoint(requested, saved)).toBe(false);
  });
});
