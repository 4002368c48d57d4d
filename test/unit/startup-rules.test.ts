// What the Electron app decides before anything else (main/startup-rules.ts).
import { describe, expect, it } from 'vitest';
import { devServerUrl, refusedSwitches } from '../../main/startup-rules';

describe('devServerUrl', () => {
  it('is honoured only unpackaged, and only for a local http: address', () => {
    expect(devServerUrl({ VITE_DEV_SERVER_URL: 'http://localhost:5173/' }, false)).toBe(
      'http://localhost:5173/',
    );
    expect(devServerUrl({ VITE_DEV_SERVER_URL: 'http://127.0.0.1:5173/' }, false)).toBe(
      'http://127.0.0.1:5173/',
    );
    expect(devServerUrl({ VITE_DEV_SERVER_URL: 'http://localhost:5173/' }, true)).toBeNull();
    expect(devServerUrl({ VITE_DEV_SERVER_URL: 'https://evil.example/' }, false)).toBeNull();
    expect(devServerUrl({ VITE_DEV_SERVER_URL: 'file:///etc/passwd' }, false)).toBeNull();
    expect(devServerUrl({ VITE_DEV_SERVER_URL: 'not a url' }, false)).toBeNull();
    expect(devServerUrl({}, false)).toBeNull();
  });
});

describe('refusedSwitches', () => {
  const exe = '/opt/Telstra Token Tester/telstra-token-tester';
  it('refuses debugging switches in a packaged build', () => {
    expect(
      refusedSwitches(
        [
          exe,
          '--remote-debugging-port=9222',
          '--inspect',
          '--inspect-brk=0',
          '-remote-debugging-pipe',
          '--debug',
        ],
        true,
      ),
    ).toEqual([
      '--remote-debugging-port',
      '--inspect',
      '--inspect-brk',
      '--remote-debugging-pipe',
      '--debug',
    ]);
  });
  it('refuses what would point localhost elsewhere or send it through a proxy, and keeps a company proxy', () => {
    expect(
      refusedSwitches(
        [
          exe,
          '--host-resolver-rules=MAP localhost evil.example',
          '/Host-Rules=MAP * evil.example',
          '--proxy-server=http://proxy.example:8080',
          '--proxy-pac-url=http://proxy.example/proxy.pac',
          '--proxy-bypass-list=*.corp.example',
          '--proxy-bypass-list=*.corp.example;<-LOOPBACK>',
        ],
        true,
      ),
    ).toEqual(['--host-resolver-rules', '--host-rules', '--proxy-bypass-list']);
  });
  it('refuses them in Windows spelling too: a slash, any case', () => {
    expect(
      refusedSwitches([exe, '/remote-debugging-port=9222', '--Remote-Debugging-Port=1', '/INSPECT'], true),
    ).toEqual(['--remote-debugging-port', '--remote-debugging-port', '--inspect']);
  });
  it('refuses the switches that loosen what protects a request, or start another program', () => {
    expect(
      refusedSwitches(
        [
          exe,
          '--ignore-certificate-errors', // tls-lint: named to be refused
          '--proxy-server=http://127.0.0.1:8080',
          '/Ignore-Certificate-Errors-SPKI-List=abc',
          '--log-net-log=/tmp/net.json',
          '--renderer-cmd-prefix=sh -c evil',
          '--disable-web-security',
          '--js-flags=--allow-natives-syntax',
          '--ssl-key-log-file=/tmp/keys',
          '--ignore-certificate-errors-some-later-one', // tls-lint: named to be refused
          '--allow-insecure-localhost', // tls-lint: named to be refused
        ],
        true,
        false,
        { SSLKEYLOGFILE: '/tmp/keys' },
      ),
    ).toEqual([
      '--ignore-certificate-errors', // tls-lint: named to be refused
      '--ignore-certificate-errors-spki-list', // tls-lint: named to be refused
      '--log-net-log',
      '--renderer-cmd-prefix',
      '--disable-web-security',
      '--js-flags',
      '--ssl-key-log-file',
      '--ignore-certificate-errors-some-later-one', // tls-lint: named to be refused
      '--allow-insecure-localhost', // tls-lint: named to be refused
      'SSLKEYLOGFILE',
    ]);
    expect(refusedSwitches([exe], true, false, { SSLKEYLOGFILE: '' })).toEqual([]);
    expect(refusedSwitches([exe], false, false, { SSLKEYLOGFILE: '/tmp/keys' })).toEqual([]);
  });
  it('lets a debugging copy (its inspect fuse on, so the inspector is open) be driven', () => {
    // What Playwright's electron.launch passes, always.
    const playwright = [exe, '--no-sandbox', '--inspect=0', '--remote-debugging-port=0'];
    expect(refusedSwitches(playwright, true, true)).toEqual([]);
    expect(refusedSwitches(playwright, true, false)).toEqual(['--inspect', '--remote-debugging-port']);
  });
  it('lets everything else through, and everything unpackaged', () => {
    expect(
      refusedSwitches(
        [
          exe,
          '--user-data-dir=/tmp/x',
          '--inspector-theme',
          '--no-sandbox',
          '--proxy-server=http://proxy:3128',
        ],
        true,
      ),
    ).toEqual([]);
    expect(refusedSwitches([exe, '--remote-debugging-port=9222'], false)).toEqual([]);
  });
});
