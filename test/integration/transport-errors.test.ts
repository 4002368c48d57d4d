// Real transport failures, made by real servers on 127.0.0.1, named the way the window names them:
// through the token service over Node's fetch and node:http, and through Chromium's own network
// stack (the one Electron's net.fetch uses), whose `net::ERR_*` names the same classifier reads.
import { createServer as createTcpServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { chromium, type Browser } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPLANATIONS } from '../../app/explanations';
import { classifyNetworkCode, type NetworkCause } from '../../app/network-codes';
import { networkCodeOf } from '../../main/token/network-error';
import { createTokenService } from '../../main/token/token-service';
import { closedPort, startServer, startTlsServer, type TestServer } from '../support/servers';
import { selfSignedCertificate } from '../support/tls';
import { TRANSPORTS } from '../support/transports';

const servers: Array<TestServer | Server> = [];
const urls: Record<string, string> = {};

/** A raw TCP server that treats each connection as `onData` says, once the request arrives. */
async function rawServer(onData: (socket: Socket) => void): Promise<string> {
  const server = createTcpServer((socket) => {
    socket.on('error', () => undefined);
    socket.once('data', () => onData(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/v2/oauth/token`;
}

beforeAll(async () => {
  urls.refused = `http://127.0.0.1:${await closedPort()}/v2/oauth/token`;
  urls.reset = await rawServer((socket) => socket.resetAndDestroy());
  urls.empty = await rawServer((socket) => socket.end());
  urls.garbage = await rawServer((socket) => socket.end('SSH-2.0-OpenSSH_9.2\r\n\r\n'));
  const plain = await startServer((_req, res) => void res.end('plain'));
  servers.push(plain);
  urls.plainPort = plain.url().replace(/^http:/, 'https:');
  const selfSigned = await startTlsServer(selfSignedCertificate(), (_req, res) => void res.end('{}'));
  servers.push(selfSigned);
  urls.selfSigned = selfSigned.url();
  // A server that speaks nothing newer than TLS 1.0 (an old appliance or gateway).
  const tls10 = await startTlsServer(
    { ...selfSignedCertificate(), minVersion: 'TLSv1', maxVersion: 'TLSv1', ciphers: 'DEFAULT@SECLEVEL=0' },
    (_req, res) => void res.end('{}'),
  );
  servers.push(tls10);
  urls.tls10 = tls10.url();
  // X11's port: on the fetch standard's list of ports no web client dials; nothing need listen.
  urls.badPort = 'http://127.0.0.1:6000/v2/oauth/token';
});

afterAll(async () => {
  await Promise.all(
    servers
      .splice(0)
      .map((server) =>
        'received' in server ? server.close() : new Promise((resolve) => server.close(resolve)),
      ),
  );
});

const CASES: ReadonlyArray<readonly [string, NetworkCause]> = [
  ['refused', 'refused'],
  ['reset', 'reset'],
  ['empty', 'reset'],
  ['garbage', 'bad-answer'],
  ['plainPort', 'tls-other'],
  ['selfSigned', 'tls-untrusted'],
  ['tls10', 'tls-other'],
  ['badPort', 'bad-port'],
];

/** The exact code both Node transports give, where one is more precise than the cause. */
const NODE_CODES: Readonly<Record<string, string>> = {
  plainPort: 'ERR_SSL_WRONG_VERSION_NUMBER',
  tls10: 'ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION',
  selfSigned: 'DEPTH_ZERO_SELF_SIGNED_CERT',
};

describe.each(TRANSPORTS)('over %s', (transport, fetchLike) => {
  const service = createTokenService({
    fetch: fetchLike,
    sandboxUrl: () => Promise.reject(new Error('no sandbox in this test')),
  });

  it.each(CASES)('%s is explained as %s, with the low-level code shown', async (name, cause) => {
    // node:http keeps no list of refused ports: it dials 6000, where nothing listens here.
    const expected = transport === 'node:http' && cause === 'bad-port' ? 'refused' : cause;
    const result = await service.request({
      requestId: `${transport}-${name}`,
      preset: 'custom',
      tokenUrl: urls[name] ?? '',
      clientId: 'client',
      clientSecret: 'secret',
      grantType: 'client_credentials',
      scope: '',
    });
    if (result.ok) throw new Error('expected a failure');
    expect(result.outcome).toBe(`network:${expected}`);
    expect(result.networkCode).not.toBeNull();
    expect(result.networkCode).not.toBe('');
    expect(result.message).toContain(result.networkCode);
    expect(result.explanation.title).toBe(EXPLANATIONS[`network:${expected}`].title);
    // The same code over both: node:http writes the request during the handshake, and its TLS
    // failures came as the write's "EPROTO", with OpenSSL's reason only in the words.
    const code = NODE_CODES[name];
    if (code !== undefined) expect(result.networkCode).toBe(code);
  });
});

describe('over Chromium’s network stack', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update'],
    });
  });
  afterAll(async () => {
    await browser.close();
  });

  it.each(CASES)('%s gives a net::ERR_ name explained as %s', async (name, cause) => {
    const page = await browser.newPage();
    try {
      const failure = await page.goto(urls[name] ?? '').then(
        () => null,
        (error: unknown) => error,
      );
      const code = networkCodeOf(failure);
      expect(code).toMatch(/^net::ERR_/);
      expect(classifyNetworkCode(code)).toBe(cause);
    } finally {
      await page.close();
    }
  });
});
