// `telstra-token request --check-access`, the built command line against the sandbox and local
// servers: the verdict in text and JSON, the exit status for each (0 only when access is
// confirmed), and the token in no output without --show-token.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuiltCli, onlyJson, runCli } from '../support/cli';
import { closedPort, sendJson, startServer, type TestServer } from '../support/servers';

const TOKEN = 'cli-token-QwErTy0123456789abcdef';
let server: TestServer;

beforeAll(async () => {
  assertBuiltCli();
  server = await startServer((req, res) => {
    if (req.method === 'POST')
      return sendJson(res, 200, {
        access_token: TOKEN,
        // A type other than Bearer where the token URL asks for one (RFC 6749 §7.1).
        token_type: (req.url ?? '').startsWith('/dpop/') ? 'DPoP' : 'Bearer',
        expires_in: '3599',
        scope: 'messages:read',
      });
    const scenario = (req.url ?? '').split('/')[1];
    if (scenario === 'fail')
      return sendJson(res, 503, { errors: [{ code: 'INTERNAL_SERVER_ERR', issue: TOKEN }] });
    if (scenario === 'scope-spells') {
      // A scope the check's own words around it join into the secret ("needs qqqqq: it was").
      res.writeHead(403, { 'WWW-Authenticate': 'Bearer error="insufficient_scope", scope="qqqqq"' });
      return void res.end();
    }
    if (scenario === 'bearer-403') {
      // RFC 6750 §3 to the letter: the refusal only in the challenge, the token echoed escaped.
      const echoed = TOKEN.replace(/./g, (char) => `\\${char}`);
      res.writeHead(403, {
        'WWW-Authenticate': `Bearer error="invalid_token", error_description="revoked: ${echoed}"`,
      });
      return void res.end();
    }
    return sendJson(
      res,
      200,
      { virtualNumbers: [{ virtualNumber: '0400000001' }] },
      { 'X-Request-Id': TOKEN },
    );
  });
});
afterAll(() => server.close());

const sandbox = (clientId: string, ...more: string[]) =>
  runCli(
    [
      'request',
      '--endpoint',
      'sandbox',
      '--client-id',
      clientId,
      '--secret-stdin',
      '--check-access',
      ...more,
    ],
    {
      stdin: clientId === 'sandbox-client-id' ? 'sandbox-client-secret' : 'any-secret',
    },
  );

/** `request --check-access` of a token from `tokenUrl`, checked at `messagingUrl`. */
const checkAccess = (messagingUrl: string, tokenUrl = server.url(), secret = 'x', ...more: string[]) =>
  runCli(
    [
      'request',
      '--endpoint',
      tokenUrl,
      '--client-id',
      'abc',
      '--secret-env',
      'S',
      '--check-access',
      '--messaging-url',
      messagingUrl,
      ...more,
    ],
    { env: { S: secret } },
  );

describe('request --check-access against the sandbox', () => {
  it('confirms access for the normal client (exit 0), in text', async () => {
    const run = await sandbox('sandbox-client-id');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Token received/);
    expect(run.stdout).toContain('Messaging access check');
    expect(run.stdout).toMatch(/Messaging access confirmed · HTTP 200/);
    expect(run.stdout).toMatch(/Virtual numbers\s+2/);
  });

  it.each([
    ['sandbox-no-messaging', 2, 'access:not-set-up', 'Key not set up for Messaging'],
    ['sandbox-no-scope', 2, 'access:scope-missing', 'Scope missing'],
    ['sandbox-token-expired', 2, 'access:token-refused', 'Token refused by Messaging'],
    ['sandbox-messaging-502', 3, 'access:telstra-side', 'Messaging API failed on Telstra’s side'],
  ])('%s: exit %i, “%s”, in JSON', async (clientId, code, outcome, title) => {
    const run = await sandbox(clientId, '--json');
    expect(run.code).toBe(code);
    const json = onlyJson(run) as { ok: boolean; exitCode: number; accessCheck: Record<string, unknown> };
    expect(json).toMatchObject({ ok: true, exitCode: code, accessCheck: { ok: false, outcome, title } });
  });
});

describe('request --check-access against a custom URL', () => {
  it('uses --messaging-url, and never prints the token without --show-token', async () => {
    const args = [
      'request',
      '--endpoint',
      server.url(),
      '--client-id',
      'abc',
      '--secret-env',
      'S',
      '--check-access',
    ];
    const good = await runCli([...args, '--messaging-url', `${server.origin}/ok/messaging/v3`], {
      env: { S: 'x' },
    });
    expect(good.code).toBe(0);
    expect(good.stdout).toContain('Granted but not requested: messages:read (no scope was requested).');
    const failed = await runCli(
      [...args, '--messaging-url', `${server.origin}/fail/messaging/v3`, '--json'],
      {
        env: { S: 'x' },
      },
    );
    expect(failed.code).toBe(3);
    for (const run of [good, failed]) expect(run.stdout + run.stderr).not.toContain(TOKEN);
    const shown = await runCli(
      [...args, '--show-token', '--messaging-url', `${server.origin}/ok/messaging/v3`],
      {
        env: { S: 'x' },
      },
    );
    expect(shown.stdout).toContain(TOKEN);
  });

  it('reads an RFC 6750 Bearer challenge: a 403 invalid_token is a refused token (exit 2)', async () => {
    const run = await checkAccess(`${server.origin}/bearer-403/messaging/v3`);
    expect(run.code).toBe(2);
    expect(run.stdout).toMatch(/Token refused by Messaging · HTTP 403/);
    expect(run.stdout).toContain('Code: invalid_token (from the WWW-Authenticate header)');
    expect(run.stdout).toContain('Issue: revoked: [token removed]');
    expect(run.stdout + run.stderr).not.toContain(TOKEN);
  });

  it('never lets its own words around a scope the challenge names spell the secret, in text or --json', async () => {
    const secret = 'needs qqqqq: it was';
    const url = `${server.origin}/scope-spells/messaging/v3`;
    const text = await checkAccess(url, server.url(), secret);
    const json = await checkAccess(url, server.url(), secret, '--json');
    for (const run of [text, json]) {
      expect(run.code).toBe(2);
      expect(run.stdout + run.stderr).not.toContain(secret);
    }
    expect(text.stdout).toContain(
      'The server’s WWW-Authenticate header says the call needs the scope: qqqqq',
    );
    expect(text.stdout).toMatch(/This call needs \[withheld\]: it was not requested/);
    expect(onlyJson(json)).toMatchObject({
      accessCheck: { outcome: 'access:scope-missing', scope: { needed: 'qqqqq', requested: false } },
    });
  });

  it('sends no check with a token whose type is not Bearer (RFC 6749 §7.1), and says why', async () => {
    const before = server.received.length;
    const run = await checkAccess(`${server.origin}/ok/messaging/v3`, server.url('/dpop/v2/oauth/token'));
    // Nothing on the command line is wrong: not the usage error's 1, but 3, a token it cannot use.
    expect(run.code).toBe(3);
    expect(run.stdout).toContain('a token of type “DPoP”, not Bearer. Nothing was sent');
    expect(run.stdout).toContain('Check not sent: not a Bearer token · nothing sent');
    expect(run.stdout).not.toContain('Correct the value');
    expect(server.received.slice(before).map((sent) => sent.method)).toEqual(['POST']);
  });

  it('exits 4 when Messaging does not answer', async () => {
    const port = await closedPort();
    const run = await checkAccess(`http://127.0.0.1:${port}/messaging/v3`);
    expect(run.code).toBe(4);
    expect(run.stdout).toContain('ECONNREFUSED');
  });

  it('refuses, before sending anything, --messaging-url without --check-access, plain http: elsewhere, and v2', async () => {
    const before = server.received.length;
    for (const extra of [
      ['--messaging-url', 'https://products.api.telstra.com/messaging/v3'],
      ['--check-access', '--messaging-url', 'http://example.com/messaging/v3'],
    ]) {
      const run = await runCli(
        ['request', '--endpoint', server.url(), '--client-id', 'a', '--secret-env', 'S', ...extra],
        {
          env: { S: 'x' },
        },
      );
      expect(run.code).toBe(1);
    }
    // The sandbox answers the check itself: a Messaging URL given with it is said, not ignored.
    const sandbox = await runCli(
      [
        'request',
        '--endpoint',
        'sandbox',
        '--client-id',
        'a',
        '--secret-env',
        'S',
        '--check-access',
        '--messaging-url',
        `${server.origin}/ok/messaging/v3`,
      ],
      { env: { S: 'x' } },
    );
    expect(sandbox.code).toBe(1);
    expect(sandbox.stderr).toContain('--messaging-url does not go with the sandbox');
    const v2 = await runCli(['request', '--client-id', 'a', '--secret-env', 'S', '--check-access'], {
      env: { S: 'x' },
    });
    expect(v2.code).toBe(1);
    expect(v2.stderr).toMatch(/decommissioned/);
    expect(server.received.length).toBe(before);
  });
});
