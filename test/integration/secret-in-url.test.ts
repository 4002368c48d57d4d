// A secret written into a URL the user typed (the client secret in a token URL's query, path or
// fragment; a password in user:password@host): never sent, never kept in the profiles file or its
// export, never put on the clipboard in the curl command, never shown back. The main process's own
// handlers, a real server on 127.0.0.1 that records whether anything arrived, the real profiles file.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { IPC_SCHEMAS } from '../../app/ipc-schemas';
import type { ProfileFields } from '../../app/profiles';
import type { MainServices } from '../../main/services';
import { readCredentialText } from '../../main/import/credential-formats';
import { createSentSecrets } from '../../main/token/sent-secrets';
import { createTokenService } from '../../main/token/token-service';
import { memoryApp, typedRequest } from '../support/memory-app';
import { sendJson, startServer, type TestServer } from '../support/servers';

const SECRET = 'Sup3r-Secret+Value/9';
let server: TestServer;
const opened: MainServices[] = [];

beforeAll(async () => {
  server = await startServer((_req, res) =>
    sendJson(res, 200, { access_token: 'tok-123456789', expires_in: 3599 }),
  );
});
afterAll(() => server.close());
afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.dispose()));
});

const app = () => memoryApp(opened, 'secret-in-url-');

/** The secret as typed, percent-encoded in a query, in the path, in a fragment. */
const urlsHoldingSecret = () => [
  server.url(`/v2/oauth/token?client_secret=${SECRET}`),
  server.url(`/v2/oauth/token?client_secret=${encodeURIComponent(SECRET)}`),
  server.url(`/${encodeURIComponent(SECRET)}/v2/oauth/token`),
  server.url(`/v2/oauth/token#${SECRET}`),
];

const noFormOfSecret = (text: string) => {
  expect(text).not.toContain(SECRET);
  expect(text).not.toContain(encodeURIComponent(SECRET));
};

describe('a token URL holding the client secret', () => {
  it('is not sent, and the result, report, history and curl command do not hold the secret', async () => {
    const { h, copies } = await app();
    for (const [i, tokenUrl] of urlsHoldingSecret().entries()) {
      const requestId = `r${i}`;
      const result = await h.requestToken(typedRequest(requestId, tokenUrl, SECRET));
      expect(result).toMatchObject({ ok: false, outcome: 'invalid-input' });
      expect(!result.ok && result.message).toMatch(/token URL holds the client secret.*Nothing was sent/);
      noFormOfSecret(JSON.stringify(result));
      expect('tokenUrl' in result && result.tokenUrl).toContain('[secret removed]');
      expect(await h.copyReport({ requestId })).toMatchObject({ ok: true });
      expect(await h.copyCurl({ requestId })).toMatchObject({ ok: false, kind: 'invalid-input' });
    }
    expect(server.received).toHaveLength(0);
    expect(copies).toHaveLength(urlsHoldingSecret().length);
    for (const copy of copies) expect(copy).toMatch(/^# Telstra Token Tester diagnostic report/);
    noFormOfSecret(copies.join('\n'));
    noFormOfSecret(JSON.stringify(await h.listHistory(undefined)));
  });

  it('is sent as before when the URL holds no form of the secret, nor a short one outside its query', async () => {
    const { h } = await app();
    const before = server.received.length;
    // A secret shorter than 8 characters is found wherever it stands alone: "1" in 127.0.0.1 and
    // "token" in /v2/oauth/token are the URL's own words, not a secret carried in it.
    const cases = [
      { tokenUrl: server.url('/v2/oauth/token?tenant=au'), secret: SECRET },
      { tokenUrl: server.url(), secret: '1' },
      { tokenUrl: server.url(), secret: 'token' },
    ];
    for (const [i, { tokenUrl, secret }] of cases.entries()) {
      const result = await h.requestToken(typedRequest(`plain${i}`, tokenUrl, secret));
      expect(result).toMatchObject({ ok: true, outcome: 'token-received' });
      expect(await h.copyCurl({ requestId: `plain${i}` })).toMatchObject({ ok: true });
    }
    // In the query, a short secret is the secret.
    const short = await h.requestToken(
      typedRequest('short', server.url('/v2/oauth/token?client_secret=abc'), 'abc'),
    );
    expect(short).toMatchObject({ ok: false, outcome: 'invalid-input' });
    expect(server.received.length).toBe(before + cases.length);
    server.received.length = before;
  });
});

const fields = (tokenUrl: string, name = 'Prod'): ProfileFields => ({
  name,
  preset: 'custom',
  clientId: 'abcdefghij',
  tokenUrl,
  grantType: 'client_credentials',
  scope: '',
});

describe('a token URL found to hold no secret', () => {
  it('is searched again once another secret has been sent: that one is refused in it too', async () => {
    // Two services on one list of secrets sent, as the app's token and Messaging services are.
    const sentSecrets = createSentSecrets();
    const [tokens, others] = [0, 1].map(() =>
      createTokenService({
        fetch: (url, init) => fetch(url, init),
        sandboxUrl: () => Promise.reject(new Error('unused')),
        sentSecrets,
      }),
    );
    const other = 'Another-Secret-Value-77';
    const noted = server.url(`/v2/oauth/token?note=${other}`);
    const input = (requestId: string, clientSecret: string, tokenUrl = noted) => ({
      requestId,
      preset: 'custom' as const,
      tokenUrl,
      clientId: 'abcdefghij',
      clientSecret,
      grantType: 'client_credentials',
      scope: '',
    });
    // Nothing known of `other` yet: the URL holds no secret, twice (the second time as remembered).
    expect(await tokens!.request(input('a1', SECRET))).toMatchObject({ ok: true });
    expect(await tokens!.request(input('a2', SECRET))).toMatchObject({ ok: true });
    expect(await others!.request(input('b1', other, server.url('/v2/oauth/token')))).toMatchObject({
      ok: true,
    });
    const again = await tokens!.request(input('a3', SECRET));
    expect(again).toMatchObject({ ok: false, outcome: 'invalid-input' });
    expect(JSON.stringify(again)).not.toContain(other);
  });
});

describe('a profile whose token URL holds a secret', () => {
  it('is not saved when the URL holds its client secret: nothing in the profiles file or the export', async () => {
    const { h, userDataDir } = await app();
    for (const [i, tokenUrl] of urlsHoldingSecret().entries()) {
      const saved = await h.saveProfile({
        profileId: null,
        fields: fields(tokenUrl, `P${i}`),
        secret: SECRET,
      });
      expect(saved).toMatchObject({ ok: false, kind: 'invalid-input', issues: [{ field: 'tokenUrl' }] });
      noFormOfSecret(JSON.stringify(saved));
    }
    // A profile saved first with a clean URL, then saved again with its secret in the URL.
    const first = await h.saveProfile({ profileId: null, fields: fields(server.url()), secret: SECRET });
    if (!first.ok) throw new Error(first.message);
    const again = await h.saveProfile({
      profileId: first.profile.id,
      fields: fields(urlsHoldingSecret()[0]!),
      secret: SECRET,
    });
    expect(again).toMatchObject({ ok: false, kind: 'invalid-input' });
    // A short secret standing alone in the host or path is the URL's own word ("1" in 127.0.0.1).
    expect(
      await h.saveProfile({ profileId: null, fields: fields(server.url(), 'Short'), secret: '1' }),
    ).toMatchObject({
      ok: true,
    });
    noFormOfSecret(await readFile(path.join(userDataDir, 'profiles.json'), 'utf8'));
    const exported = await h.exportProfiles(undefined);
    noFormOfSecret(JSON.stringify(exported));
  });

  it('is refused at the window’s boundary with a user name or password in the URL', () => {
    for (const tokenUrl of ['https://user:hunter2@example.com/token', 'https://hunter2@example.com/token']) {
      const parsed = IPC_SCHEMAS.saveProfile.safeParse({
        profileId: null,
        fields: fields(tokenUrl),
        secret: SECRET,
      });
      expect(parsed.success).toBe(false);
      const issues = parsed.error?.issues ?? [];
      expect(issues.map((issue) => issue.message)).toEqual([
        'The token URL must not contain a user name or password (user:password@host).',
      ]);
      expect(JSON.stringify(issues)).not.toContain('hunter2');
    }
    expect(
      IPC_SCHEMAS.saveProfile.safeParse({ profileId: null, fields: fields(server.url()), secret: SECRET })
        .success,
    ).toBe(true);
  });

  it('is not imported from a file whose token URL holds the row’s own secret', () => {
    const read = readCredentialText(
      `client_id=abcdefghij\nclient_secret=${SECRET}\ntoken_url=https://example.com/token?client_secret=${encodeURIComponent(SECRET)}\n`,
      'x.env',
    );
    expect(read).toMatchObject({ ok: false });
    expect(!read.ok && read.message).toMatch(/token URL in this file holds its client secret/);
    noFormOfSecret(JSON.stringify(read));
  });
});
