// `telstra-token request --endpoint URL` with the client secret written into the URL: nothing is
// sent, and neither the text nor the --json output repeats the secret (the built command line
// against a recording server on 127.0.0.1).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { assertBuiltCli, onlyJson, runCli } from '../support/cli';
import { sendJson, startServer, type TestServer } from '../support/servers';

const SECRET = 'cli-Secret+in/URL-0123';
let server: TestServer;

beforeAll(async () => {
  assertBuiltCli();
  server = await startServer((_req, res) =>
    sendJson(res, 200, { access_token: 'tok-abcdefgh', expires_in: 3599 }),
  );
});
afterAll(() => server.close());

const request = (tokenUrl: string, ...more: string[]) =>
  runCli(
    [
      'request',
      '--client-id',
      'abcdefghij',
      '--secret-env',
      'URL_TEST_SECRET',
      '--endpoint',
      tokenUrl,
      ...more,
    ],
    {
      env: { URL_TEST_SECRET: SECRET },
    },
  );

it('refuses a token URL holding the secret, in text and JSON, without printing it', async () => {
  for (const tokenUrl of [
    server.url(`/v2/oauth/token?client_secret=${encodeURIComponent(SECRET)}`),
    server.url(`/v2/oauth/token#${SECRET}`),
  ]) {
    const text = await request(tokenUrl);
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(/Token URL +\S+\[secret removed\]/);
    expect(text.stdout).toMatch(/holds the client secret/);
    const json = await request(tokenUrl, '--json');
    expect(json.code).toBe(1);
    expect(onlyJson(json)).toMatchObject({ ok: false, outcome: 'invalid-input' });
    for (const out of [text.stdout, text.stderr, json.stdout, json.stderr]) {
      expect(out).not.toContain(SECRET);
      expect(out).not.toContain(encodeURIComponent(SECRET));
    }
  }
  expect(server.received).toHaveLength(0);
});
