// Credentials other than the client secret written into a URL (an API key, a signature, a token in
// OAuth's implicit style, the very token the check sends), with the built command line against a
// recording server on 127.0.0.1: a token URL's request goes as typed, and neither the text nor the
// --json output repeats what was written in it; a Messaging URL holding the token is refused, and
// a refused check is not said to have called anything.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuiltCli, onlyJson, runCli } from '../support/cli';
import { requireKeyringTools, testService } from '../support/keyring';
import { sendJson, startServer, type TestServer } from '../support/servers';

const TOKEN = 'cli-token-UrlCred0123456789abcdef';
const KEY = 'Gw4yK3y-0123456789abcdefXYZ';
const SIG = 'sig0123abcd';
const SECRET = 'cli-Secret+in/Messaging-0123';
let server: TestServer;

beforeAll(async () => {
  assertBuiltCli();
  server = await startServer((req, res) =>
    req.method === 'POST'
      ? sendJson(res, 200, { access_token: TOKEN, expires_in: 3599, scope: 'messages:read' })
      : sendJson(res, 200, { virtualNumbers: [] }),
  );
});
afterAll(() => server.close());

const request = (tokenUrl: string, ...more: string[]) =>
  runCli(['request', '--client-id', 'abcdefghij', '--secret-env', 'S', '--endpoint', tokenUrl, ...more], {
    env: { S: SECRET },
  });

const printed = (...runs: Array<{ stdout: string; stderr: string }>) =>
  runs.map((run) => run.stdout + run.stderr).join('\n');

it('sends a token URL with an API key and a signature as typed, and prints neither', async () => {
  server.received.length = 0;
  const tokenUrl = server.url(`/v2/oauth/token?api_key=${KEY}&sig=${SIG}&region=au`);
  const text = await request(tokenUrl);
  const json = await request(tokenUrl, '--json');
  expect([text.code, json.code]).toEqual([0, 0]);
  expect(server.received.map((r) => r.path)).toEqual([
    `/v2/oauth/token?api_key=${KEY}&sig=${SIG}&region=au`,
    `/v2/oauth/token?api_key=${KEY}&sig=${SIG}&region=au`,
  ]);
  expect(text.stdout).toContain('?api_key=[masked]&sig=[masked]&region=au');
  expect(onlyJson(json)).toMatchObject({
    tokenUrl: server.url('/v2/oauth/token?api_key=[masked]&sig=[masked]&region=au'),
  });
  const out = printed(text, json);
  expect(out).not.toContain(KEY);
  expect(out).not.toContain(SIG);
});

it('prints a token URL without the token written in its fragment (OAuth implicit style)', async () => {
  const implicit = 'implicit-Tok3n-0123456789abcdef';
  const run = await request(
    server.url(`/v2/oauth/token#access_token=${implicit}&token_type=bearer`),
    '--json',
  );
  expect(run.code).toBe(0);
  expect(onlyJson(run)).toMatchObject({
    tokenUrl: server.url('/v2/oauth/token#access_token=[masked]&token_type=bearer'),
  });
  expect(printed(run)).not.toContain(implicit);
});

it('refuses a Messaging URL holding the token it would send, and says nothing was called', async () => {
  server.received.length = 0;
  const run = await request(
    server.url('/v2/oauth/token'),
    '--check-access',
    '--messaging-url',
    server.url(`/messaging/${TOKEN}/v3`),
  );
  expect(run.code).toBe(1);
  expect(server.received.map((r) => r.method)).toEqual(['POST']);
  expect(run.stdout).toMatch(/holds the access token/);
  expect(run.stdout).toMatch(/Not called +GET \S+\[token removed\]/);
  expect(run.stdout).not.toMatch(/Called +GET/);
  expect(run.stdout).toMatch(/nothing sent/);
  expect(run.stdout + run.stderr).not.toContain(TOKEN);
});

it('does not say a Messaging check refused for the client secret in its URL called it', async () => {
  server.received.length = 0;
  const messagingUrl = server.url(`/messaging/${encodeURIComponent(SECRET)}/v3`);
  const run = await request(server.url('/v2/oauth/token'), '--check-access', '--messaging-url', messagingUrl);
  expect(server.received.map((r) => r.method)).toEqual(['POST']);
  expect(run.stdout).toMatch(/Nothing was sent/);
  expect(run.stdout).toMatch(/Not called +GET \S+\[secret removed\]/);
  expect(run.stdout).not.toMatch(/Called +GET/);
  expect(run.stdout).not.toMatch(/no HTTP answer/);
});

describe.runIf(requireKeyringTools('a saved profile whose token URL holds an API key'))(
  'a saved profile whose token URL holds an API key (private keyring)',
  () => {
    it('is sent as saved, and listed and named with a marker', async () => {
      const dir = await mkdtemp(path.join(tmpdir(), 'cli-url-credentials-'));
      const env = {
        TOKEN_TESTER_USER_DATA_DIR: path.join(dir, 'data'),
        TOKEN_TESTER_KEYCHAIN_SERVICE: testService(),
      };
      const file = path.join(dir, 'credentials');
      const tokenUrl = server.url(`/v2/oauth/token?api_key=${KEY}`);
      await writeFile(
        file,
        `[gateway]\nclient_id = gateway-client-id\nclient_secret = ${SECRET}\ntoken_url = ${tokenUrl}\n`,
      );
      expect((await runCli(['profiles', 'import', file, '--yes'], { env })).code).toBe(0);
      server.received.length = 0;
      const runs = [
        await runCli(['profiles'], { env }),
        await runCli(['profiles', '--json'], { env }),
        await runCli(['request', '--profile', 'gateway'], { env }),
        await runCli(['request', '--profile', 'gateway', '--endpoint', 'v3'], { env }),
      ];
      expect(runs.map((run) => run.code)).toEqual([0, 0, 0, 1]);
      expect(server.received.map((r) => r.path)).toEqual([`/v2/oauth/token?api_key=${KEY}`]);
      expect(runs[0]?.stdout).toContain('api_key=[masked]');
      expect(runs[3]?.stderr).toContain('(' + server.url('/v2/oauth/token?api_key=[masked]') + ')');
      expect(printed(...runs)).not.toContain(KEY);
    });
  },
);
