// Credentials other than the client secret written into a URL (an API key a gateway asks for, a
// signature, the token the check itself sends): the main process's own handlers against a real
// server on 127.0.0.1 that records what arrives. The token request goes as typed; its result, the
// report, the history and a batch's rows show a marker instead. A Messaging URL holding the token
// is refused, and its report does not say the URL was called.
import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, expect, it, vi } from 'vitest';
import type { MainServices } from '../../main/services';
import { ok } from '../support/answers';
import { memoryApp, typedRequest } from '../support/memory-app';
import { sendJson, startServer, type TestServer } from '../support/servers';
import { UNTIL_IT_HOLDS } from '../support/until';

const TOKEN = 'tok-UrlCred-0123456789abcdefXYZ';
const KEY = 'Gw4yK3y-0123456789abcdefXYZ';
let server: TestServer;
const opened: MainServices[] = [];

beforeAll(async () => {
  server = await startServer((req, res) =>
    req.method === 'POST'
      ? sendJson(res, 200, { access_token: TOKEN, expires_in: 3599, scope: 'messages:read' })
      : sendJson(res, 200, { virtualNumbers: [] }),
  );
});
afterAll(() => server.close());
afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.dispose()));
  server.received.length = 0;
});

/** Every file the data folder holds, as text. */
async function dataFolder(dir: string): Promise<string> {
  const names = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = names.filter((entry) => entry.isFile());
  return (await Promise.all(files.map((f) => readFile(path.join(f.parentPath, f.name), 'utf8')))).join('\n');
}

const keyUrl = () => server.url(`/v2/oauth/token?api_key=${KEY}&region=au`);

it('sends a token URL with an API key as typed, and keeps and shows it with a marker', async () => {
  const { h, copies, userDataDir } = await memoryApp(opened, 'credentials-in-url-');
  const result = await h.requestToken(typedRequest('k1', keyUrl(), 'Sup3r-Secret+Value/9'));
  expect(result).toMatchObject({
    ok: true,
    tokenUrl: server.url('/v2/oauth/token?api_key=[masked]&region=au'),
  });
  expect(server.received.map((r) => r.path)).toEqual([`/v2/oauth/token?api_key=${KEY}&region=au`]);
  ok(await h.copyReport({ requestId: 'k1' }));
  expect(copies.join('\n')).toContain('api_key=[masked]');
  expect(copies.join('\n')).not.toContain(KEY);
  // Copy as curl: for sharing, so with the marker; and it still runs (no globbing of "[masked]").
  ok(await h.copyCurl({ requestId: 'k1' }));
  const command = copies.at(-1) ?? '';
  expect(command).toContain(`'${server.url('/v2/oauth/token?api_key=[masked]&region=au')}'`);
  expect(command).not.toContain(KEY);
  await promisify(execFile)('/bin/sh', ['-c', command], {
    env: { PATH: process.env.PATH, TELSTRA_CLIENT_SECRET: 'Sup3r-Secret+Value/9' },
  });
  expect(server.received.at(-1)?.path).toBe('/v2/oauth/token?api_key=[masked]&region=au');
  // The history is written after the answer.
  const file = path.join(userDataDir, 'history.json');
  await vi.waitFor(async () => expect(await readFile(file, 'utf8')).toContain('"entries"'), UNTIL_IT_HOLDS);
  expect(await dataFolder(userDataDir)).not.toContain(KEY);
});

it('shows a refused token URL without the password, however its user info is spelled', async () => {
  const { h, copies } = await memoryApp(opened, 'credentials-in-url-');
  const { host } = new URL(server.url('/'));
  const typed = [
    `https:user:Pa55word-X@${host}/t`,
    `https://user:Pa55@word-X@${host}/t`,
    ` https:\\\\user:Pa55word-X@${host}/t`,
    `user:Pa55word-X@${host}/t`,
  ];
  for (const [i, tokenUrl] of typed.entries()) {
    const result = await h.requestToken(typedRequest(`u${i}`, tokenUrl, 'Sup3r-Secret+Value/9'));
    expect(result).toMatchObject({ ok: false, outcome: 'invalid-input' });
    expect(JSON.stringify(result)).toContain('[masked]@');
    expect(JSON.stringify(result)).not.toContain('word-X');
    ok(await h.copyReport({ requestId: `u${i}` }));
  }
  expect(`${copies.join('\n')}`).not.toMatch(/word-X/);
  expect(server.received).toHaveLength(0);
});

it('refuses a Messaging URL holding the token it would send, and its report says nothing was called', async () => {
  const { h, copies } = await memoryApp(opened, 'credentials-in-url-');
  ok(await h.requestToken(typedRequest('t1', server.url('/v2/oauth/token'), 'Sup3r-Secret+Value/9')));
  const check = ok(
    await h.checkMessagingAccess({ requestId: 't1', messagingUrl: server.url(`/m/${TOKEN}/v3`) }),
  );
  expect(check).toMatchObject({ ok: false, outcome: 'invalid-input' });
  expect(check.message).toMatch(/holds the access token/);
  expect(check.checkUrl).toBe(server.url('/m/[token removed]/v3/virtual-numbers'));
  expect(server.received.map((r) => r.method)).toEqual(['POST']);
  ok(await h.copyReport({ requestId: 't1' }));
  const report = copies.join('\n');
  expect(report).toMatch(
    /- Called: nothing \(`GET [^`]+\[token removed\][^`]*` was refused before sending\)/,
  );
  expect(report).not.toContain(TOKEN);
});

it('refuses a Messaging URL holding the token percent-encoded in part, as the server reads it', async () => {
  const { h } = await memoryApp(opened, 'credentials-in-url-');
  ok(await h.requestToken(typedRequest('t2', server.url('/v2/oauth/token'), 'Sup3r-Secret+Value/9')));
  const spelled = [`%74${TOKEN.slice(1)}`, TOKEN.replaceAll('-', '%2d')];
  for (const path of spelled) {
    const check = ok(
      await h.checkMessagingAccess({ requestId: 't2', messagingUrl: server.url(`/m/${path}`) }),
    );
    expect(check).toMatchObject({ ok: false, outcome: 'invalid-input' });
    expect(check.checkUrl).toContain('[token removed]');
    expect(check.checkUrl).not.toContain(path);
  }
  expect(server.received.map((r) => r.method)).toEqual(['POST']);
});

it('sends a Messaging URL with an API key in a path parameter as typed, and shows it with a marker', async () => {
  const { h, copies } = await memoryApp(opened, 'credentials-in-url-');
  ok(await h.requestToken(typedRequest('t3', server.url('/v2/oauth/token'), 'Sup3r-Secret+Value/9')));
  const check = ok(
    await h.checkMessagingAccess({ requestId: 't3', messagingUrl: server.url(`/m;api_key=${KEY}`) }),
  );
  expect(check).toMatchObject({ ok: true, checkUrl: server.url('/m;api_key=[masked]/virtual-numbers') });
  expect(server.received.at(-1)?.path).toBe(`/m;api_key=${KEY}/virtual-numbers`);
  ok(await h.copyReport({ requestId: 't3' }));
  expect(copies.join('\n')).toContain(';api_key=[masked]');
  expect(copies.join('\n')).not.toContain(KEY);
});

it('shows a batch row’s token URL with a marker, in its answer and its report', async () => {
  const { h, copies, userDataDir } = await memoryApp(opened, 'credentials-in-url-');
  const saved = ok(
    await h.saveProfile({
      profileId: null,
      fields: {
        name: 'gateway',
        clientId: 'abcdefghij',
        preset: 'custom',
        tokenUrl: keyUrl(),
        grantType: 'client_credentials',
        scope: '',
      },
      secret: 'Sup3r-Secret+Value/9',
    }),
  );
  if (!saved.ok) throw new Error('not saved');
  ok(await h.startBatch({ runId: 'run-key', profileIds: [saved.profile.id], checkAccess: false }));
  let progress = ok(await h.batchProgress({ runId: 'run-key', seen: 0 }));
  while (!progress.finished) progress = ok(await h.batchProgress({ runId: 'run-key', seen: 1 }));
  expect(server.received.map((r) => r.path)).toEqual([`/v2/oauth/token?api_key=${KEY}&region=au`]);
  const full = ok(await h.batchAnswer({ runId: 'run-key', index: 0 }));
  expect(full.result.tokenUrl).toBe(server.url('/v2/oauth/token?api_key=[masked]&region=au'));
  ok(await h.copyBatchReport({ runId: 'run-key' }));
  expect(copies.join('\n')).not.toContain(KEY);
  // The profile keeps the URL it is sent to (profiles.json); the history does not.
  const history = await readFile(path.join(userDataDir, 'history.json'), 'utf8').catch(() => '');
  expect(history).not.toContain(KEY);
});

it('imports nothing from a file where one row’s token URL holds another row’s secret', async () => {
  const { h, userDataDir } = await memoryApp(opened, 'credentials-in-url-');
  const other = 'Other-S3cret+Value/42';
  const file = (tokenUrl: string) =>
    [
      '[gateway]',
      'client_id = gateway-client-id',
      'client_secret = Gateway-S3cret+Value/1',
      `token_url = ${tokenUrl}`,
      '[other]',
      'client_id = other-client-id',
      `client_secret = ${other}`,
      `token_url = ${server.url('/v2/oauth/token')}`,
      '',
    ].join('\n');
  const preview = await h.previewImport({
    fileName: 'credentials',
    text: file(server.url(`/v2/oauth/token?client_secret=${encodeURIComponent(other)}`)),
  });
  expect(preview).toMatchObject({ ok: false });
  expect(JSON.stringify(preview)).toMatch(/holds the client secret of another set of credentials/);
  expect(JSON.stringify(preview)).not.toContain(encodeURIComponent(other));
  expect(ok(await h.listProfiles()).profiles).toEqual([]);
  expect(await dataFolder(userDataDir)).not.toContain(encodeURIComponent(other));
  // The same rows with a URL of their own are offered.
  expect(
    await h.previewImport({ fileName: 'credentials', text: file(server.url('/v2/oauth/token')) }),
  ).toMatchObject({ ok: true });
  expect(server.received).toHaveLength(0);
});
