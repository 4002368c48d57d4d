// What `request` accepts before anything is read or sent.
import { describe, expect, it } from 'vitest';
import { V2_TOKEN_URL, V3_TOKEN_URL } from '../../app/endpoints';
import type { OptionValues } from '../../main/cli/args';
import { parseEndpoint, planRequest, type RequestPlan } from '../../main/cli/request-plan';

function planned(options: OptionValues): RequestPlan {
  const result = planRequest(options);
  if (!result.ok) throw new Error(`expected a plan, got: ${result.message}`);
  return result.plan;
}

function refused(options: OptionValues): string {
  const result = planRequest(options);
  if (result.ok) throw new Error('expected a usage error');
  return result.message;
}

describe('planRequest', () => {
  it('takes the client ID with the secret from stdin or the environment', () => {
    expect(planned({ 'client-id': 'abc', 'secret-stdin': true }).credentials).toEqual({
      kind: 'typed',
      clientId: 'abc',
      secretFrom: { kind: 'stdin' },
    });
    expect(planned({ 'client-id': 'abc', 'secret-env': 'TELSTRA_SECRET' }).credentials).toEqual({
      kind: 'typed',
      clientId: 'abc',
      secretFrom: { kind: 'env', variable: 'TELSTRA_SECRET' },
    });
  });

  it('leaves the defaults to the profile or the app when nothing is given', () => {
    expect(planned({ profile: 'Free trial' })).toEqual({
      credentials: { kind: 'profile', name: 'Free trial' },
      endpoint: null,
      scope: null,
      grantType: null,
      deadlineMs: null,
      json: false,
      showToken: false,
      userDataDir: null,
      checkAccess: false,
      messagingUrl: null,
    });
  });

  it('takes --check-access and --messaging-url, refusing a lone, unsafe or empty URL, and v2', () => {
    expect(planned({ profile: 'p', 'check-access': true })).toMatchObject({
      checkAccess: true,
      messagingUrl: null,
    });
    const url = 'https://products.api.telstra.com/messaging/v3';
    expect(planned({ profile: 'p', 'check-access': true, 'messaging-url': url }).messagingUrl).toBe(url);
    expect(planRequest({ profile: 'p', 'messaging-url': url })).toEqual({
      ok: false,
      message: '--messaging-url goes with --check-access.',
    });
    expect(
      planRequest({ profile: 'p', 'check-access': true, 'messaging-url': 'http://example.com/m' }),
    ).toMatchObject({
      ok: false,
      message: expect.stringMatching(
        /^--messaging-url: Messaging API URL: Plain http: would send the token/,
      ) as unknown,
    });
    for (const endpoint of [undefined, 'v2'])
      expect(
        planRequest({
          'client-id': 'a',
          'secret-env': 'S',
          'check-access': true,
          ...(endpoint ? { endpoint } : {}),
        }),
      ).toMatchObject({ ok: false, message: expect.stringMatching(/decommissioned/) as unknown });
  });

  it('takes the data folder from --user-data-dir, and refuses an empty one', () => {
    expect(planned({ profile: 'p', 'user-data-dir': '/tmp/data' }).userDataDir).toBe('/tmp/data');
    expect(planRequest({ profile: 'p', 'user-data-dir': '' })).toEqual({
      ok: false,
      message: '--user-data-dir must not be empty.',
    });
  });

  it('keeps an empty scope (send none) apart from no --scope (the default)', () => {
    expect(planned({ profile: 'p', scope: '' }).scope).toBe('');
  });

  it.each([
    [{}, /Say whose credentials/],
    [{ 'client-id': 'abc' }, /exactly one of --secret-stdin or --secret-env/],
    [{ 'client-id': 'abc', 'secret-stdin': true, 'secret-env': 'X' }, /exactly one of/],
    [{ profile: 'p', 'client-id': 'abc' }, /either --profile or --client-id/],
    [{ profile: 'p', 'secret-stdin': true }, /comes from the keychain/],
    [{ 'client-id': '', 'secret-stdin': true }, /--client-id must not be empty/],
    [{ 'client-id': 'a', 'secret-env': '' }, /name of an environment variable/],
    [{ profile: 'p', timeout: '0' }, /whole seconds from 1 to 300/],
    [{ profile: 'p', timeout: '301' }, /whole seconds/],
    [{ profile: 'p', timeout: '1.5' }, /whole seconds/],
    [{ profile: 'p', endpoint: 'custom' }, /the token URL itself/],
    [{ profile: 'p', endpoint: 'http://example.com/token' }, /unencrypted/],
  ])('refuses %j', (options, message) => {
    expect(refused(options)).toMatch(message);
  });

  it('turns --timeout into the token service’s deadline', () => {
    expect(planned({ profile: 'p', timeout: '7' }).deadlineMs).toBe(7000);
  });
});

describe('parseEndpoint', () => {
  it('knows the presets, in any case', () => {
    expect(parseEndpoint('v2')).toEqual({ preset: 'v2', tokenUrl: V2_TOKEN_URL });
    expect(parseEndpoint('V3')).toEqual({ preset: 'v3', tokenUrl: V3_TOKEN_URL });
    expect(parseEndpoint('sandbox')).toEqual({ preset: 'sandbox', tokenUrl: '' });
  });

  it('counts a preset’s own URL as that preset, as a saved profile records it', () => {
    expect(parseEndpoint(V3_TOKEN_URL)).toEqual({ preset: 'v3', tokenUrl: V3_TOKEN_URL });
  });

  it('takes other URLs as custom when the app would send credentials there', () => {
    expect(parseEndpoint(' http://127.0.0.1:8080/v2/oauth/token ')).toEqual({
      preset: 'custom',
      tokenUrl: 'http://127.0.0.1:8080/v2/oauth/token',
    });
    expect(parseEndpoint('https://user:pass@example.com/')).toEqual({
      problem: '--endpoint: The token URL must not contain a user name or password.',
    });
  });

  it('names the presets for a word that is not one (a typo of a preset, not a URL)', () => {
    for (const word of ['v4', 'prod', 'sand-box'])
      expect(parseEndpoint(word)).toEqual({
        problem: '--endpoint takes v2, v3, sandbox, or the token URL itself.',
      });
    const url = parseEndpoint('example.com/token');
    expect('problem' in url ? url.problem : '').toMatch(/^--endpoint: /);
  });
});
