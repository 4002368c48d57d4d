// withoutUrlCredentials (main/token/url-credentials.ts): what a URL shown or kept holds in place of
// a credential written into it, for the spellings the URL parser reads the same way.
import { describe, expect, it } from 'vitest';
import { withoutUrlCredentials } from '../../main/token/url-credentials';

describe('withoutUrlCredentials: user info', () => {
  // Each is refused as holding a user name or password (app/endpoints.ts), and shown as typed.
  it.each([
    ['https://user:passw0rdX@h.example/t', 'https://[masked]@h.example/t'],
    ['https:user:passw0rdX@h.example/t', 'https:[masked]@h.example/t'],
    ['https:/user:passw0rdX@h.example/t', 'https:/[masked]@h.example/t'],
    ['https:\\\\user:passw0rdX@h.example/t', 'https:\\\\[masked]@h.example/t'],
    [' https://user:passw0rdX@h.example/t', ' https://[masked]@h.example/t'],
    ['ht\ttps://user:passw0rdX@h.example/t', 'ht\ttps://[masked]@h.example/t'],
    ['https://user:p@ssw0rdX@h.example/t', 'https://[masked]@h.example/t'],
    ['user:passw0rdX@h.example/t', 'user:[masked]@h.example/t'],
    ['HTTPS://user:passw0rdX@[::1]:8443/t?scope=a', 'HTTPS://[masked]@[::1]:8443/t?scope=a'],
  ])('%j', (typed, shown) => {
    expect(withoutUrlCredentials(typed)).toBe(shown);
  });

  it('leaves an "@" in the path, the query or the fragment alone', () => {
    for (const url of ['https://h.example/t/@me', 'https://h.example/t?to=a@b', 'https://h.example/t#a@b'])
      expect(withoutUrlCredentials(url)).toBe(url);
  });

  it('reads a long run of spaces, tabs or slashes in one pass', () => {
    // A regular expression with overlapping runs here took 17 s on 4,000 tabs.
    const long = ['\t'.repeat(100_000), ` \t/`.repeat(50_000), `https:${'\t'.repeat(100_000)}`];
    for (const url of long) expect(withoutUrlCredentials(url)).toBe(url);
  });
});

describe('withoutUrlCredentials: keys', () => {
  it.each([
    // A path parameter, where servlet containers write their session id.
    ['https://h.example/t;jsessionid=0123ABCD', 'https://h.example/t;jsessionid=[masked]'],
    ['https://h.example/m;api_key=k3y;v=2/v3', 'https://h.example/m;api_key=[masked];v=2/v3'],
    // A key longer than 64 characters.
    [
      `https://h.example/t?${'x'.repeat(70)}_api_key=k3y`,
      `https://h.example/t?${'x'.repeat(70)}_api_key=[masked]`,
    ],
    ['https://h.example/t#state?access_token=k3y', 'https://h.example/t#state?access_token=[masked]'],
  ])('%j', (typed, shown) => {
    expect(withoutUrlCredentials(typed)).toBe(shown);
  });

  it('leaves public parameters as written', () => {
    const url = 'https://h.example/t;v=2/x?scope=NSMS&grant_type=client_credentials&version=2#top';
    expect(withoutUrlCredentials(url)).toBe(url);
  });

  it('reads long runs of separators in one pass', () => {
    for (const run of ['?', ';', '#', ';a', '?a', '&a'])
      expect(withoutUrlCredentials(`https://h.example/t${run.repeat(100_000)}`)).toBe(
        `https://h.example/t${run.repeat(100_000)}`,
      );
  });
});
