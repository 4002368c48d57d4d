// The CLI behind a company proxy, as curl behaves: HTTPS_PROXY (with a login in its URL, never
// printed), NO_PROXY, and the proxy's own refusals explained as the proxy's. A real CONNECT proxy
// and a real TLS token server on 127.0.0.1; the token server's name (token.test) exists only for
// the proxy, so a request that reaches the server went through the proxy.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { assertBuiltCli, runCli, type CliRun } from '../support/cli';
import { firstJsonLine, pairedApi } from '../support/pair';
import { startConnectProxy, type ConnectProxy, type ProxyBehaviour } from '../support/connect-proxy';
import { closedPort, sendJson, startTlsServer, type TestServer } from '../support/servers';
import { selfSignedCertificate } from '../support/tls';

const SECRET = 'proxy-test-secret-4f1c9a';
const PROXY_PASSWORD = 'proxy-pass-77d2';
const TOKEN_URL = 'https://token.test/v2/oauth/token';

let server: TestServer;
let caDir: string;
let caFile: string;
let proxy: ConnectProxy | undefined;

beforeAll(async () => {
  assertBuiltCli();
  const tls = selfSignedCertificate(['DNS:token.test']);
  server = await startTlsServer(tls, (_req, res) =>
    sendJson(res, 200, {
      access_token: 'tok-through-proxy-0123456789',
      token_type: 'Bearer',
      expires_in: '3599',
    }),
  );
  caDir = await mkdtemp(path.join(tmpdir(), 'proxy-ca-'));
  caFile = path.join(caDir, 'ca.pem');
  await writeFile(caFile, tls.cert);
});
afterAll(async () => {
  await server.close();
  await rm(caDir, { recursive: true, force: true });
});
afterEach(async () => {
  await proxy?.close();
  proxy = undefined;
});

const upstreamPort = () => Number(new URL(server.origin).port);

async function withProxy(behaviour: ProxyBehaviour): Promise<ConnectProxy> {
  proxy = await startConnectProxy(upstreamPort(), behaviour);
  return proxy;
}

function request(env: Record<string, string | undefined>, extra: string[] = ['--json']): Promise<CliRun> {
  return runCli(
    ['request', '--endpoint', TOKEN_URL, '--client-id', 'id-1', '--secret-env', 'THE_SECRET', ...extra],
    {
      env: {
        THE_SECRET: SECRET,
        NODE_EXTRA_CA_CERTS: caFile,
        HTTPS_PROXY: undefined,
        https_proxy: undefined,
        ALL_PROXY: undefined,
        all_proxy: undefined,
        NO_PROXY: undefined,
        no_proxy: undefined,
        ...env,
      },
    },
  );
}

const json = (run: CliRun) => JSON.parse(run.stdout) as Record<string, unknown>;

/** The window's token request with a typed secret, to TOKEN_URL. */
const typedRequest = (requestId: string) => ({
  requestId,
  preset: 'custom',
  tokenUrl: TOKEN_URL,
  clientId: 'id-1',
  secret: { source: 'typed', value: SECRET },
  grantType: 'client_credentials',
  scope: '',
});

describe('HTTPS_PROXY', () => {
  it('tunnels the request with CONNECT: the proxy sees the host, never the credentials', async () => {
    const seen = server.received.length;
    const through = await withProxy({ kind: 'tunnel' });
    const run = await request({ HTTPS_PROXY: through.url });
    expect(run.code).toBe(0);
    expect(json(run)).toMatchObject({ ok: true, outcome: 'token-received' });
    expect(through.connects.map((c) => c.target)).toEqual(['token.test:443']);
    expect(server.received.length).toBe(seen + 1);
    expect(server.received.at(-1)?.body).toContain(`client_secret=${SECRET}`);
    expect(through.tunnelled().length).toBeGreaterThan(0);
    expect(through.tunnelled().includes(Buffer.from(SECRET))).toBe(false);
  });

  it('sends the login in the proxy URL to the proxy, and never prints it', async () => {
    const guarded = await withProxy({ kind: 'login', user: 'corp user', password: PROXY_PASSWORD });
    const proxyUrl = `http://corp%20user:${PROXY_PASSWORD}@127.0.0.1:${guarded.port}`;
    for (const extra of [['--json'], []]) {
      const run = await request({ https_proxy: proxyUrl }, extra);
      expect(run.code).toBe(0);
      expect(run.stdout + run.stderr).not.toContain(PROXY_PASSWORD);
    }
    expect(guarded.connects[0]?.headers['proxy-authorization']).toBe(
      `Basic ${Buffer.from(`corp user:${PROXY_PASSWORD}`).toString('base64')}`,
    );
  });

  it('sends a login whose "%" starts no escape as curl does, instead of crashing (e.g. 50%off)', async () => {
    // The proxy agent decoded the login with decodeURIComponent, which throws on "%of": the
    // command line ended with an internal error (70), and browser mode stopped (below).
    const password = `50%off-${PROXY_PASSWORD}`;
    const guarded = await withProxy({ kind: 'login', user: 'u', password });
    const run = await request({ HTTPS_PROXY: `http://u:${password}@127.0.0.1:${guarded.port}` }, []);
    expect(run.stderr).not.toContain('internal error');
    expect(run.code).toBe(0);
    expect(run.stdout + run.stderr).not.toContain(PROXY_PASSWORD);
    expect(guarded.connects[0]?.headers['proxy-authorization']).toBe(
      `Basic ${Buffer.from(`u:${password}`).toString('base64')}`,
    );
  });

  it('explains a 407 as the proxy asking for a login, and nothing reaches the server', async () => {
    const seen = server.received.length;
    const guarded = await withProxy({ kind: 'login', user: 'u', password: PROXY_PASSWORD });
    const run = await request({ HTTPS_PROXY: guarded.url });
    expect(run.code).toBe(4);
    expect(json(run)).toMatchObject({
      ok: false,
      outcome: 'network:proxy-auth',
      title: 'Proxy login needed',
      status: null,
    });
    expect(JSON.stringify(json(run))).toContain('ERR_PROXY_AUTH_REQUIRED');
    expect(server.received.length).toBe(seen);
    const text = await request({ HTTPS_PROXY: guarded.url }, []);
    expect(text.stdout).toContain('Proxy login needed');
    expect(text.stdout).toContain('ERR_PROXY_AUTH_REQUIRED');
  });

  it.each([403, 502])(
    'explains a CONNECT refused with %i as the proxy’s refusal, with its status',
    async (status) => {
      const seen = server.received.length;
      const refusing = await withProxy({ kind: 'refuse', status });
      const run = await request({ HTTPS_PROXY: refusing.url });
      expect(run.code).toBe(4);
      expect(json(run)).toMatchObject({
        outcome: 'network:proxy-refused',
        title: 'Proxy refused the connection',
      });
      expect(JSON.stringify(json(run))).toContain(`ERR_PROXY_CONNECT_${status}`);
      expect(server.received.length).toBe(seen);
    },
  );

  it('times out after --timeout seconds when the proxy never answers the CONNECT', async () => {
    // Node emits nothing for a request destroyed before it has a socket, and the proxy agent
    // gives it one only once the proxy has answered: the deadline and Cancel did nothing, and
    // the command waited for as long as the proxy kept the connection open.
    const silent = await withProxy({ kind: 'silent' });
    const started = Date.now();
    const run = await request({ HTTPS_PROXY: silent.url }, ['--json', '--timeout', '1']);
    expect(run.code).toBe(4);
    expect(json(run)).toMatchObject({ ok: false, outcome: 'timeout' });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(silent.connects.map((c) => c.target)).toEqual(['token.test:443']);
  });

  it.each([
    ['closes the connection without answering', '', 'ERR_PROXY_CLOSED'],
    [
      'answers with a web page instead of HTTP',
      '<html>\r\n<body>Blocked by Corp Web Filter</body>\r\n\r\n</html>',
      'ERR_PROXY_INVALID_RESPONSE',
    ],
    [
      'answers with a header line that is not one',
      'HTTP/1.1 403 Forbidden\r\n<html>blocked</html>\r\n\r\n',
      'ERR_PROXY_INVALID_RESPONSE',
    ],
  ])('names a proxy that %s, not as one that is down', async (_what, raw, code) => {
    // Both were ERR_PROXY_CONNECTION_FAILED, as for a proxy that cannot be reached at all.
    const seen = server.received.length;
    const odd = await withProxy({ kind: 'answer', raw });
    const run = await request({ HTTPS_PROXY: odd.url });
    expect(run.code).toBe(4);
    expect(json(run)).toMatchObject({ ok: false, outcome: 'network:proxy', title: 'Proxy failed' });
    expect((json(run).failure as { networkCode: string }).networkCode).toBe(code);
    expect(server.received.length).toBe(seen);
  });

  it('names a 200 to CONNECT that carries a page (a captive portal) at once, not at the deadline', async () => {
    // The agent dropped the page and handed the socket to TLS, which waited for the server's
    // first bytes until --timeout: "No complete answer in time", with no word of the proxy.
    const page = '<html><body>Sign in to the guest network</body></html>';
    const portal = await withProxy({
      kind: 'answer',
      raw: `HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: ${page.length}\r\n\r\n${page}`,
      keepOpen: true,
    });
    const run = await request({ HTTPS_PROXY: portal.url }, ['--json', '--timeout', '5']);
    expect(run.code).toBe(4);
    expect(json(run)).toMatchObject({ ok: false, outcome: 'network:proxy' });
    expect((json(run).failure as { networkCode: string }).networkCode).toBe('ERR_PROXY_INVALID_RESPONSE');
  });

  it('tells a refused login from none given, and a proxy that takes no Basic login', async () => {
    const guarded = await withProxy({ kind: 'login', user: 'u', password: PROXY_PASSWORD });
    const wrong = await request({ HTTPS_PROXY: `http://u:not-${PROXY_PASSWORD}@127.0.0.1:${guarded.port}` });
    expect(json(wrong)).toMatchObject({ outcome: 'network:proxy-auth', title: 'Proxy login needed' });
    expect((json(wrong).failure as { networkCode: string }).networkCode).toBe('ERR_PROXY_AUTH_REJECTED');
    expect(JSON.stringify(json(wrong))).toContain('The proxy refused the login in the proxy address');
    expect(wrong.stdout + wrong.stderr).not.toContain(PROXY_PASSWORD);
    await proxy?.close();
    const kerberos = await withProxy({
      kind: 'answer',
      raw: 'HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Negotiate\r\nProxy-Authenticate: NTLM\r\nContent-Length: 0\r\n\r\n',
    });
    for (const login of ['', `u:${PROXY_PASSWORD}@`]) {
      const run = await request({ HTTPS_PROXY: `http://${login}127.0.0.1:${kerberos.port}` });
      expect(json(run)).toMatchObject({ outcome: 'network:proxy-auth' });
      expect((json(run).failure as { networkCode: string }).networkCode).toBe('ERR_PROXY_AUTH_UNSUPPORTED');
      expect(run.stdout + run.stderr).not.toContain(PROXY_PASSWORD);
    }
  });

  it('names a failed handshake with an https:// proxy as the proxy’s, not as one that is down', async () => {
    // Both were ERR_PROXY_CONNECTION_FAILED: "the proxy is down, or its address is wrong".
    const plain = await withProxy({ kind: 'tunnel' });
    const wrongScheme = await request({ HTTPS_PROXY: `https://127.0.0.1:${plain.port}` });
    expect(json(wrongScheme)).toMatchObject({ outcome: 'network:proxy', title: 'Proxy failed' });
    expect((json(wrongScheme).failure as { networkCode: string }).networkCode).toBe('ERR_PROXY_TLS_FAILED');
    await proxy?.close();
    proxy = await startConnectProxy(upstreamPort(), { kind: 'tunnel' }, { tls: selfSignedCertificate() });
    const untrusted = await request({ HTTPS_PROXY: proxy.url });
    expect(json(untrusted)).toMatchObject({ outcome: 'network:proxy', title: 'Proxy failed' });
    expect((json(untrusted).failure as { networkCode: string }).networkCode).toBe(
      'ERR_PROXY_CERTIFICATE_INVALID',
    );
    expect(proxy.connects).toEqual([]);
  });

  it('names a proxy that cannot be reached, and one it cannot use (SOCKS)', async () => {
    const down = await request({ HTTPS_PROXY: `http://127.0.0.1:${await closedPort()}` });
    expect(down.code).toBe(4);
    expect(json(down)).toMatchObject({ outcome: 'network:proxy' });
    expect(JSON.stringify(json(down))).toContain('ERR_PROXY_CONNECTION_FAILED');
    const socks = await request({ ALL_PROXY: 'socks5://127.0.0.1:1080' });
    expect(json(socks)).toMatchObject({ outcome: 'network:proxy' });
    expect(JSON.stringify(json(socks))).toContain('ERR_PROXY_UNSUPPORTED');
  });
});

describe('NO_PROXY', () => {
  it.each(['token.test', '.token.test', 'test', '*', 'example.com, token.test:443'])(
    '%s sends the request directly (here: the name does not resolve outside the proxy)',
    async (noProxy) => {
      const through = await withProxy({ kind: 'tunnel' });
      const run = await request({ HTTPS_PROXY: through.url, NO_PROXY: noProxy });
      expect(run.code).toBe(4);
      expect(json(run)).toMatchObject({ outcome: 'network:dns' });
      expect(through.connects).toEqual([]);
    },
  );

  it('a list that does not match keeps the proxy', async () => {
    const through = await withProxy({ kind: 'tunnel' });
    const run = await request({
      HTTPS_PROXY: through.url,
      no_proxy: 'example.com,oken.test,token.test:8443',
    });
    expect(run.code).toBe(0);
    expect(through.connects).toHaveLength(1);
  });
});

describe('browser mode', () => {
  it('sends the window’s requests through the same proxy', async () => {
    const { spawn } = await import('node:child_process');
    const { CLI_PATH } = await import('../support/cli');
    const through = await withProxy({ kind: 'tunnel' });
    const data = await mkdtemp(path.join(tmpdir(), 'proxy-ui-'));
    const child = spawn(process.execPath, [CLI_PATH, 'ui', '--json', '--no-open'], {
      env: {
        ...process.env,
        HTTPS_PROXY: through.url,
        NODE_EXTRA_CA_CERTS: caFile,
        TOKEN_TESTER_USER_DATA_DIR: data,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const api = await pairedApi((await firstJsonLine(child)).url);
      const answer = await api('token:request', typedRequest('p-1'));
      expect(((await answer.json()) as { value: unknown }).value).toMatchObject({ ok: true });
      expect(through.connects.map((c) => c.target)).toEqual(['token.test:443']);
    } finally {
      child.kill('SIGINT');
      await new Promise((resolve) => child.once('exit', resolve));
      await rm(data, { recursive: true, force: true });
    }
  });

  it('keeps running when the proxy URL’s login has a "%" that starts no escape', async () => {
    // Before, the proxy agent's decodeURIComponent threw inside its connect, after it had opened
    // the socket: that socket's error had no listener, and browser mode ended (status 70).
    const { spawn } = await import('node:child_process');
    const { CLI_PATH } = await import('../support/cli');
    const data = await mkdtemp(path.join(tmpdir(), 'proxy-ui-'));
    const child = spawn(process.execPath, [CLI_PATH, 'ui', '--json', '--no-open'], {
      env: {
        ...process.env,
        HTTPS_PROXY: `http://u:50%off@127.0.0.1:${await closedPort()}`,
        NODE_EXTRA_CA_CERTS: caFile,
        TOKEN_TESTER_USER_DATA_DIR: data,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    try {
      const api = await pairedApi((await firstJsonLine(child)).url);
      const answer = await api('token:request', typedRequest('p-2'));
      expect(((await answer.json()) as { value: unknown }).value).toMatchObject({
        ok: false,
        outcome: 'network:proxy',
      });
      // Still serving: the next call is answered.
      const listed = await api('profiles:list');
      expect(listed.status).toBe(200);
      expect(child.exitCode).toBeNull();
      expect(stderr).not.toContain('internal error');
    } finally {
      child.kill('SIGINT');
      await new Promise((resolve) => child.once('exit', resolve));
      await rm(data, { recursive: true, force: true });
    }
  });
});
