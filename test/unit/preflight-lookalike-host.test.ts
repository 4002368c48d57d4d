// The form's token URL finding for an address made to pass for Telstra's, or for another host
// than it is ("lookalike-host"): a profile imported from someone else's file, or a URL pasted from
// one, shows where the secret goes before the first request. The pre-flight rules run in the main
// process (renderer/hooks/usePreflight.ts), so the window shows this without code of its own.
import { describe, expect, it } from 'vitest';
import { V3_SCOPE, V3_TOKEN_URL } from '../../app/endpoints';
import { preflight, type PreflightInput } from '../../app/preflight';

const custom = (tokenUrl: string): PreflightInput => ({
  preset: 'custom',
  tokenUrl,
  clientId: 'Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z',
  clientSecret: 'q7W9e2R4t6Y8u1I3',
  grantType: 'client_credentials',
  scope: V3_SCOPE,
});
const lookalike = (tokenUrl: string) =>
  preflight(custom(tokenUrl)).filter((finding) => finding.id === 'lookalike-host');

describe('preflight: lookalike-host', () => {
  it('names the host a request addresses when the URL passes for Telstra’s or for another host', () => {
    const cases: [string, string, RegExp][] = [
      ['https://tapi.telstra.com.evil.example/v2/oauth/token', 'tapi.telstra.com.evil.example', /"telstra"/],
      ['https://tapi-telstra.com/v2/oauth/token', 'tapi-telstra.com', /"telstra"/],
      ['https://products.api.telstr\u0430.com/v2/oauth/token', 'products.api.xn--telstr-8nf.com', /Latin/],
      ['https:\\\\evil.example\\tapi.telstra.com/v2/oauth/token', 'evil.example', /another way/],
      ['https://%65vil.example/v2/oauth/token', 'evil.example', /another way/],
      ['https://1572395042/v2/oauth/token', '93.184.216.34', /another way/],
      // Read as a user name at Telstra's host, these go to evil.example: a backslash after the
      // "//host" as written, or Telstra's name after a "#", "?" or "/".
      ['https://evil.example\\@tapi.telstra.com/v2/oauth/token', 'evil.example', /another way/],
      [
        'https://evil.example#@tapi.telstra.com/v2/oauth/token',
        'evil.example',
        /names telstra\.com, but not as its host/,
      ],
      [
        'https://evil.example?@tapi.telstra.com/v2/oauth/token',
        'evil.example',
        /names telstra\.com, but not as its host/,
      ],
      [
        'https://evil.example/@tapi.telstra.com/v2/oauth/token',
        'evil.example',
        /names telstra\.com, but not as its host/,
      ],
      // Telstra's other domains are Telstra's: a "telstra" in a name proves nothing either way.
      ['https://auth.telstra.com.au/v2/oauth/token', 'auth.telstra.com.au', /does not make it Telstra's\.$/],
    ];
    for (const [url, host, why] of cases) {
      const found = lookalike(url);
      expect(found, url).toHaveLength(1);
      expect(found[0]).toMatchObject({ field: 'tokenUrl', severity: 'warning', fix: null });
      expect(found[0]?.message, url).toContain(
        `The secret is sent to ${host}, which is not one of Telstra's token hosts (tapi.telstra.com, products.api.telstra.com).`,
      );
      expect(found[0]?.message, url).toMatch(why);
    }
  });

  it('says nothing of an address that reads as what it is, Telstra’s own however written, or this computer', () => {
    for (const url of [
      'https://example.com/token',
      'https://proxy.example.com:8443/oauth/token',
      'https://[2001:db8::1]/token',
      'https://[2001:db8::1]:8443/token',
      'HTTPS://Gateway.Example.COM:8443/telstra/oauth/token',
      // Telstra's own domain, if not one of its token hosts: no lookalike of it.
      'https://tapi-staging.telstra.com/v2/oauth/token',
      'https://telstra.com./token',
      V3_TOKEN_URL,
      'https://TAPI.TELSTRA.COM./v2/oauth/token',
      'https://tapi\uff0etelstra\uff0ecom/v2/oauth/token',
      'http://127.0.0.1:4100/v2/oauth/token',
      'http://2130706433/v2/oauth/token',
      'http://telstra.localhost/v2/oauth/token',
    ])
      expect(lookalike(url), url).toEqual([]);
    // Only a custom URL is where a request goes: a preset sends to Telstra's whatever the field holds.
    expect(
      preflight({ ...custom('https://tapi-telstra.com/v2/oauth/token'), preset: 'v3' }).map((f) => f.id),
    ).not.toContain('lookalike-host');
  });

  it('leaves a fix for the URL’s own damage offered: the host is not the typed value’s fault', () => {
    const findings = preflight(custom('https://tapi-telstra.com/v2/oauth/token\u200b'));
    expect(findings.map((f) => f.id)).toEqual(['invisible', 'lookalike-host']);
    expect(findings[0]?.fix?.value).toBe('https://tapi-telstra.com/v2/oauth/token');
  });
});
