// curl's proxy rules (main/token/proxy.ts), as a table: which variable applies to which URL, how
// NO_PROXY matches, and the app's own rule that loopback never goes through a proxy.
import { describe, expect, it } from 'vitest';
import { bypassesProxy, proxyFor } from '../../main/token/proxy';

const url = (text: string) => new URL(text);
const chosen = (target: string, env: Record<string, string>) => {
  const choice = proxyFor(url(target), env);
  return choice.kind === 'proxy'
    ? choice.url.href
    : choice.kind === 'unsupported'
      ? `unsupported:${choice.scheme}`
      : 'direct';
};

describe('which variable', () => {
  it.each([
    ['https://tapi.telstra.com/', { HTTPS_PROXY: 'http://p:3128' }, 'http://p:3128/'],
    [
      'https://tapi.telstra.com/',
      { https_proxy: 'http://lower:1', HTTPS_PROXY: 'http://upper:2' },
      'http://lower:1/',
    ],
    ['https://tapi.telstra.com/', { ALL_PROXY: 'http://all:3' }, 'http://all:3/'],
    ['https://tapi.telstra.com/', { HTTPS_PROXY: 'p:3128' }, 'http://p:3128/'],
    ['https://tapi.telstra.com/', { HTTPS_PROXY: 'https://secure-proxy:443' }, 'https://secure-proxy/'],
    ['https://tapi.telstra.com/', { HTTP_PROXY: 'http://only-http:1' }, 'direct'],
    ['https://tapi.telstra.com/', { HTTPS_PROXY: 'socks5://s:1080' }, 'unsupported:socks5'],
    ['https://tapi.telstra.com/', {}, 'direct'],
    // http: (uppercase HTTP_PROXY is ignored, as curl does: "httpoxy")
    ['http://example.com/', { HTTP_PROXY: 'http://upper:1' }, 'direct'],
    ['http://example.com/', { http_proxy: 'http://lower:1' }, 'http://lower:1/'],
  ] as const)('%s with %j → %s', (target, env, expected) => {
    expect(chosen(target, env)).toBe(expected);
  });
});

describe('NO_PROXY', () => {
  const target = url('https://tapi.telstra.com/v2/oauth/token');
  it.each([
    ['*', true],
    ['tapi.telstra.com', true],
    ['telstra.com', true],
    ['.telstra.com', true],
    ['*.telstra.com', true],
    ['TELSTRA.COM', true],
    ['elstra.com', false],
    ['api.telstra.com', false],
    ['example.com, telstra.com', true],
    ['example.com telstra.com', true],
    ['telstra.com:443', true],
    ['telstra.com:8443', false],
    ['', false],
  ] as const)('%j bypasses: %s', (list, bypass) => {
    expect(bypassesProxy(target, list)).toBe(bypass);
  });

  it('matches addresses and CIDR ranges', () => {
    expect(bypassesProxy(url('https://10.1.2.3/'), '10.0.0.0/8')).toBe(true);
    expect(bypassesProxy(url('https://11.1.2.3/'), '10.0.0.0/8')).toBe(false);
    // No prefix, 0 or not a number: the one address, as curl reads it, never every address.
    for (const entry of ['10.0.0.0/', '10.0.0.0/0', '10.0.0.0/x', '[::]/0']) {
      expect(bypassesProxy(url('https://11.1.2.3/'), entry), entry).toBe(false);
      expect(bypassesProxy(url('https://[2001:db8::1]/'), entry), entry).toBe(false);
    }
    expect(bypassesProxy(url('https://10.0.0.0/'), '10.0.0.0/0')).toBe(true);
    expect(bypassesProxy(url('https://10.1.2.3/'), '10.1.2.3')).toBe(true);
    expect(bypassesProxy(url('https://[2001:db8::1]/'), '2001:db8::/32')).toBe(true);
    expect(bypassesProxy(url('https://[2001:db8::1]/'), '::1')).toBe(false);
  });

  it('compares addresses as addresses, as curl does: any spelling, brackets or not', () => {
    // "2001:0db8:0:0:0:0:0:1" is the target's address written out: it did not match, and the
    // request went to the proxy; a bracketed range was not read as a range.
    const target = url('https://[2001:db8::1]/');
    expect(bypassesProxy(target, '2001:0db8:0:0:0:0:0:1')).toBe(true);
    expect(bypassesProxy(target, '[2001:0DB8::1]')).toBe(true);
    expect(bypassesProxy(target, '[2001:db8::]/32')).toBe(true);
    expect(bypassesProxy(target, '[2001:db9::]/32')).toBe(false);
    expect(bypassesProxy(target, '2001:db8::2')).toBe(false);
    expect(bypassesProxy(url('https://10.1.2.3/'), '10.1.2.4')).toBe(false);
    // A name that merely looks like part of an address is still a name.
    expect(bypassesProxy(url('https://10.1.2.3/'), '2.3')).toBe(false);
  });

  it('never sends loopback through a proxy, whatever the settings', () => {
    for (const target of [
      'https://127.0.0.1:8443/',
      'https://localhost/',
      // With the root's final dot: the lookup takes it for this computer too.
      'https://app.localhost./',
      'https://[::1]/',
      'http://127.9.9.9/',
    ]) {
      expect(
        chosen(target, { HTTPS_PROXY: 'http://p:1', http_proxy: 'http://p:1', ALL_PROXY: 'http://p:1' }),
      ).toBe('direct');
    }
  });
});

describe('a login in the proxy URL', () => {
  const login = (setting: string) => {
    const choice = proxyFor(url('https://tapi.telstra.com/'), { HTTPS_PROXY: setting });
    if (choice.kind !== 'proxy') throw new Error(`not a proxy: ${choice.kind}`);
    const header = choice.authorization;
    return {
      address: choice.url.href,
      login: header === null ? null : Buffer.from(header.replace(/^Basic /, ''), 'base64'),
    };
  };

  it('is taken out of the address and sent as a Basic header, %XX decoded', () => {
    const { address, login: sent } = login('http://corp%20user:p%40ss@proxy:3128');
    expect(address).toBe('http://proxy:3128/');
    expect(sent?.toString('utf8')).toBe('corp user:p@ss');
  });

  it('keeps a "%" not followed by two hex digits as it is, as curl does (decodeURIComponent throws)', () => {
    expect(login('http://u:50%off@proxy:3128').login?.toString('utf8')).toBe('u:50%off');
    expect(login('http://u%:pw%4@proxy:3128').login?.toString('utf8')).toBe('u%:pw%4');
  });

  it('sends an escaped byte that is no UTF-8 as that byte', () => {
    expect(login('http://u:%FFx@proxy:3128').login).toEqual(Buffer.from([0x75, 0x3a, 0xff, 0x78]));
  });

  it('sends a password without a user name (as curl does: an empty user)', () => {
    expect(login('http://:p%40ss@proxy:3128').login?.toString('utf8')).toBe(':p@ss');
  });

  it('gives no header without a login', () => {
    expect(login('http://proxy:3128').login).toBeNull();
  });
});
