// The support workflow through the main process's own handlers, against real local servers: the
// HTTP Basic probe, the diagnostic report, "Copy as curl" run with real curl, and the history.
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EXPLANATIONS } from '../../app/explanations';
import type { IpcRequest, TokenRequestInput } from '../../app/ipc-contract';
import { SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET } from '../../app/sandbox';
import { createMainServices, type MainServices } from '../../main/services';
import { memoryKeychain } from '../support/memory-keychain';
import { sendJson, startServer, type TestServer } from '../support/servers';
import { UNTIL_IT_HOLDS } from '../support/until';

const SECRET = 'sëcret with space & symbols/+';
const opened: Array<MainServices | TestServer> = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((o) => ('dispose' in o ? o.dispose() : o.close())));
});

async function app() {
  const clipboard = { text: '' };
  const userDataDir = await mkdtemp(path.join(tmpdir(), 'support-'));
  const reportDir = await mkdtemp(path.join(tmpdir(), 'reports-'));
  const services = createMainServices({
    fetch: (url, init) => fetch(url, init),
    clipboard: {
      writeText: async (text) => void (clipboard.text = text),
      readText: async () => clipboard.text,
      clear: async () => void (clipboard.text = ''),
    },
    openExternal: async () => undefined,
    chooseReportPath: async (name) => path.join(reportDir, name),
    appInfo: { version: '9.9.9', os: 'TestOS 1.0 (x64)' },
    keychain: memoryKeychain().keychain,
    env: {},
    userDataDir,
  });
  opened.push(services);
  return { h: services.handlers, clipboard, userDataDir, reportDir };
}

let counter = 0;
const request = (
  tokenUrl: string,
  overrides: Partial<TokenRequestInput> = {},
): IpcRequest<'requestToken'> => ({
  requestId: `s-${(counter += 1)}`,
  preset: 'custom',
  tokenUrl,
  clientId: 'client-4711-abc',
  secret: { source: 'typed', value: SECRET },
  grantType: 'client_credentials',
  scope: 'NSMS',
  ...overrides,
});

/** A token server that accepts one way of sending the credentials only. */
async function strictServer(accepts: 'body' | 'basic') {
  const server = await startServer((req, res, body) => {
    const form = new URLSearchParams(body);
    const header = req.headers.authorization ?? '';
    let ok = false;
    if (accepts === 'body') ok = form.get('client_secret') === SECRET && !header;
    else if (header.startsWith('Basic ')) {
      const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      const id = new URLSearchParams(`v=${decoded.slice(0, colon)}`).get('v');
      const secret = new URLSearchParams(`v=${decoded.slice(colon + 1)}`).get('v');
      ok = id === 'client-4711-abc' && secret === SECRET && !form.has('client_secret');
    }
    if (ok)
      sendJson(res, 200, { access_token: 'tok-from-server-123', token_type: 'Bearer', expires_in: '3599' });
    else sendJson(res, 401, { error: 'invalid_client', error_description: 'Client authentication failed' });
  });
  opened.push(server);
  return server;
}

describe('the HTTP Basic probe', () => {
  it('reports that a server accepting only Basic refused the form body but took Basic, encoded per RFC 6749 §2.3.1', async () => {
    const server = await strictServer('basic');
    const { h } = await app();
    const first = await h.requestToken(request(server.url()));
    expect(first).toMatchObject({ ok: false, outcome: 'oauth:invalid_client' });
    const probe = await h.probeBasicAuth({ requestId: (first as { requestId: string }).requestId });
    expect(probe).toMatchObject({
      ok: true,
      body: { ok: false, status: 401 },
      basic: { ok: true, status: 200 },
    });
    const [sentBody, sentBasic] = server.received;
    expect(new URLSearchParams(sentBody?.body).get('client_secret')).toBe(SECRET);
    expect(sentBasic?.headers.authorization).toMatch(/^Basic [A-Za-z0-9+/=]+$/);
    expect(Object.fromEntries(new URLSearchParams(sentBasic?.body))).toEqual({
      grant_type: 'client_credentials',
      scope: 'NSMS',
    });
    expect(JSON.stringify(probe)).not.toContain(SECRET);
  });

  it('reports that a server accepting only the form body refused Basic', async () => {
    const server = await strictServer('body');
    const { h } = await app();
    const first = await h.requestToken(
      request(server.url(), { secret: { source: 'typed', value: 'wrong' } }),
    );
    const probe = await h.probeBasicAuth({ requestId: (first as { requestId: string }).requestId });
    expect(probe).toMatchObject({ ok: true, body: { ok: false }, basic: { ok: false, status: 401 } });
    // The history says which attempt was the app's own try with HTTP Basic.
    await expect
      .poll(async () => {
        const listed = await h.listHistory(undefined);
        return listed.ok ? listed.entries.map((entry) => entry.title) : [];
      })
      .toEqual([
        `Tried with HTTP Basic: ${EXPLANATIONS['oauth:invalid_client'].title}`,
        EXPLANATIONS['oauth:invalid_client'].title,
      ]);
  });

  it('answers "not found" for a request it does not know', async () => {
    const { h } = await app();
    expect(await h.probeBasicAuth({ requestId: 'never-sent' })).toMatchObject({
      ok: false,
      kind: 'not-found',
    });
  });
});

describe('the diagnostic report', () => {
  it('tells support what they need and never holds the secret or the token', async () => {
    const server = await strictServer('body');
    const { h, clipboard, reportDir } = await app();
    const failed = await h.requestToken(
      request(server.url(), {
        clientId: 'client-4711-abc',
        secret: { source: 'typed', value: ` ${SECRET}` },
      }),
    );
    const requestId = (failed as { requestId: string }).requestId;
    await h.copyReport({ requestId });
    const report = clipboard.text;
    expect(report).toContain('9.9.9');
    expect(report).toContain('TestOS 1.0 (x64)');
    expect(report).toContain('Client ID: `clie…bc` (15 characters)');
    expect(report).toMatch(
      new RegExp(`Client secret: ${[...SECRET].length + 1} characters, keyed fingerprint \`[0-9a-f]{12}\``),
    );
    expect(report).toContain('invalid_client');
    expect(report).toContain('401');
    expect(report).toMatch(/white space/i);
    expect(report).not.toContain(SECRET);
    expect(report).not.toContain('client-4711-abc');

    const ok = await h.requestToken(request(server.url()));
    const saved = await h.saveReport({ requestId: (ok as { requestId: string }).requestId });
    expect(saved).toMatchObject({
      ok: true,
      saved: expect.stringMatching(/token-tester-report-.*\.md$/) as string,
    });
    const [file] = await readdir(reportDir);
    const text = await readFile(path.join(reportDir, file ?? ''), 'utf8');
    expect(text).toContain('200');
    expect(text).not.toContain('tok-from-server-123');
    expect(text).not.toContain(SECRET);
  });
});

describe('Copy as curl', () => {
  it('gives a command that gets a token from the sandbox when the secret is in the environment', async () => {
    const { h, clipboard } = await app();
    const ok = await h.requestToken(
      request('', {
        preset: 'sandbox',
        clientId: SANDBOX_CLIENT_ID,
        secret: { source: 'typed', value: SANDBOX_CLIENT_SECRET },
      }),
    );
    expect(ok).toMatchObject({ ok: true });
    await h.copyCurl({ requestId: (ok as { requestId: string }).requestId });
    const command = clipboard.text;
    expect(command).not.toContain(SANDBOX_CLIENT_SECRET);
    expect(command).toContain('printf \'%s\' "$TELSTRA_CLIENT_SECRET" | curl ');
    expect(command).toContain('--data-urlencode client_secret@-');
    const output = await new Promise<string>((resolve, reject) => {
      execFile(
        '/bin/sh',
        ['-c', command],
        { env: { PATH: process.env.PATH, TELSTRA_CLIENT_SECRET: SANDBOX_CLIENT_SECRET }, encoding: 'utf8' },
        (error, stdout, stderr) =>
          error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout),
      );
    });
    expect(output).toMatch(/"access_token":"[\w-]{20,}"/);
    expect(output).toContain('"expires_in":"3599"');
  });
});

describe('the history', () => {
  it('records each attempt with profile, host, outcome and timing, never a token or a secret', async () => {
    const server = await strictServer('body');
    const { h, userDataDir } = await app();
    await h.requestToken(request(server.url()));
    await h.requestToken(request(server.url(), { secret: { source: 'typed', value: 'nope-nope' } }));
    const list = await h.listHistory(undefined);
    expect(list).toMatchObject({
      ok: true,
      entries: [
        {
          ok: false,
          status: 401,
          error: 'invalid_client',
          host: `127.0.0.1:${new URL(server.url()).port}`,
          title: 'Client authentication failed',
        },
        { ok: true, status: 200, outcome: 'token-received', title: 'Token received' },
      ],
    });
    // The file is written in the background, after the answer.
    const file = await vi.waitFor(async () => {
      const text = await readFile(path.join(userDataDir, 'history.json'), 'utf8');
      expect((JSON.parse(text) as { entries: unknown[] }).entries).toHaveLength(2);
      return text;
    }, UNTIL_IT_HOLDS);
    expect(file).not.toContain('tok-from-server-123');
    expect(file).not.toContain(SECRET);
    expect(file).not.toContain('nope-nope');
  });

  it('keeps no client ID a server echoed in its error code', async () => {
    const server = await startServer((_req, res, body) => {
      const clientId = new URLSearchParams(body).get('client_id') ?? '';
      sendJson(res, 401, { error: `no_such_client:${clientId}` });
    });
    opened.push(server);
    const { h, userDataDir } = await app();
    await h.requestToken(request(server.url()));
    expect(await h.listHistory(undefined)).toMatchObject({
      entries: [{ status: 401, error: 'no_such_client:[client ID removed]' }],
    });
    const file = await vi.waitFor(async () => {
      const text = await readFile(path.join(userDataDir, 'history.json'), 'utf8');
      expect(text).toContain('no_such_client');
      return text;
    }, UNTIL_IT_HOLDS);
    expect(file).not.toContain('client-4711-abc');
  });
});
