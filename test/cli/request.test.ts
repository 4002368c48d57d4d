// `telstra-token request`, the built CLI in a child process, against real servers on 127.0.0.1:
// a token, a 401, a 503, a timeout and a refused connection — the text, the JSON and the exit
// status of each, and never the secret, whatever the server echoes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { assertBuiltCli, CLI_PATH, onlyJson, REQUEST_JSON_KEYS, runCli, type CliRun } from '../support/cli';
import { closedPort, sendJson, startRawServer, startServer, type TestServer } from '../support/servers';

// Quotes, a backslash, form-special characters, non-ASCII and a trailing space: every form in
// which a secret could leak (raw, URL-encoded, form-encoded, JSON-escaped) differs.
const SECRET = 'Sup3r s3cret/+&="é\\ ';
const TOKEN = 'tok-7f3a9c2e51d84b06';
const SECRET_FORMS = [
  SECRET,
  SECRET.trim(),
  encodeURIComponent(SECRET),
  new URLSearchParams({ s: SECRET }).toString().slice(2),
  JSON.stringify(SECRET).slice(1, -1),
];

function expectNoSecret(run: CliRun): void {
  for (const form of SECRET_FORMS) {
    expect(run.stdout).not.toContain(form);
    expect(run.stderr).not.toContain(form);
  }
}

const servers: TestServer[] = [];
let ok: TestServer;
let rejecting: TestServer;
let failing: TestServer;
let silent: TestServer;
let oversized: TestServer;
let refusedUrl: string;
let switching: TestServer;
let controls: TestServer;
/**
 * What a hostile server puts in its error's description: C1 CSI and OSC, and a zero-width space
 * (its bidirectional controls are U+FFFD by then, as everywhere: app/bidi.ts).
 */
const CONTROLS = '\u009b2J\u009d0;pwned\u009c \u200bevil';

beforeAll(async () => {
  assertBuiltCli();
  ok = await startServer((_req, res) =>
    sendJson(res, 200, { access_token: TOKEN, token_type: 'Bearer', expires_in: '3599' }),
  );
  // Echoes the secret back in the body and a header, as a careless server might.
  rejecting = await startServer((_req, res) =>
    sendJson(
      res,
      401,
      { error: 'invalid_client', error_description: `Wrong secret: ${SECRET}` },
      { 'WWW-Authenticate': `Basic realm="${encodeURIComponent(SECRET)}"` },
    ),
  );
  failing = await startServer((_req, res) =>
    sendJson(res, 503, { code: '503', message: 'Service Unavailable' }),
  );
  silent = await startServer(() => undefined);
  // A 200 whose body (2 MiB) is over the 1 MiB cap.
  oversized = await startServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json', 'X-Request-Id': 'req-oversized' });
    res.end(Buffer.alloc(2 * 1024 * 1024, 'a'));
  });
  // Answers 101 Switching Protocols to a token request, which asked for no upgrade.
  switching = await startRawServer((socket) =>
    socket.write('HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n'),
  );
  controls = await startServer((_req, res) =>
    sendJson(res, 400, { error: 'invalid_request', error_description: CONTROLS }),
  );
  servers.push(ok, rejecting, failing, silent, oversized, switching, controls);
  refusedUrl = `http://127.0.0.1:${await closedPort()}/v2/oauth/token`;
});

afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
});

/** --json's one object for an internal error of the CLI itself. */
const INTERNAL_ERROR = { ok: false, exitCode: 70, outcome: 'internal-error', title: 'Internal error' };

const viaStdin = (url: string, ...more: string[]) =>
  runCli(['request', '--endpoint', url, '--client-id', 'client-abc', '--secret-stdin', ...more], {
    stdin: `${SECRET}\n`,
  });
const viaEnv = (url: string, ...more: string[]) =>
  runCli(['request', '--endpoint', url, '--client-id', 'client-abc', '--secret-env', 'TT_SECRET', ...more], {
    env: { TT_SECRET: SECRET },
  });

/** The signals a process catches (SigCgt in /proc/PID/status, bit N-1 for signal N); 0 if gone. */
function caughtSignals(pid: number): bigint {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return BigInt(`0x${/^SigCgt:\s*([0-9a-f]+)$/m.exec(status)?.[1] ?? '0'}`);
  } catch {
    return 0n;
  }
}

/** `request --json` with the secret from the environment, sent SIGINT once `ready` holds. */
async function interruptedOnce(
  args: readonly string[],
  ready: () => boolean,
): Promise<{ code: number | null; stdout: string }> {
  const child = spawn(
    process.execPath,
    [CLI_PATH, 'request', '--client-id', 'id', '--secret-env', 'S', ...args, '--json'],
    { env: { ...process.env, S: SECRET }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  await expect.poll(ready, { timeout: 15_000 }).toBe(true);
  child.kill('SIGINT');
  return { code: await exited, stdout };
}

describe('a token', () => {
  it('sends the secret from stdin exactly as given, less one line break, and exits 0', async () => {
    const run = await viaStdin(ok.url());
    expect(run.code).toBe(0);
    const form = new URLSearchParams(ok.received.at(-1)?.body);
    expect(form.get('client_secret')).toBe(SECRET);
    expect(form.get('client_id')).toBe('client-abc');
    expect(form.get('grant_type')).toBe('client_credentials');
    expect(form.has('scope')).toBe(false);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toMatch(/^Token received · HTTP 200 OK · \d+ ms$/);
    expect(run.stdout).toContain(
      `${'•'.repeat(TOKEN.length)} (${TOKEN.length} characters; --show-token prints it)`,
    );
    expect(run.stdout).not.toContain(TOKEN);
    expect(run.stdout).toMatch(/Expires {7}.+\(59 minutes 5\d seconds left\)/);
    expect(run.stdout).toContain(`Token URL     ${ok.url()}`);
    expect(run.stderr).toBe('');
    expectNoSecret(run);
  });

  it('prints the token with --show-token', async () => {
    const run = await viaEnv(ok.url(), '--show-token', '--scope', 'NSMS');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Access token  ${TOKEN}\n`);
    expect(new URLSearchParams(ok.received.at(-1)?.body).get('scope')).toBe('NSMS');
    expectNoSecret(run);
  });

  it('reports one JSON object, with the token only when asked', async () => {
    const run = await viaEnv(ok.url(), '--json');
    expect(run.code).toBe(0);
    const report = onlyJson(run);
    expect(Object.keys(report)).toEqual(REQUEST_JSON_KEYS);
    expect(report).toMatchObject({
      ok: true,
      exitCode: 0,
      outcome: 'token-received',
      title: 'Token received',
      status: 200,
      tokenUrl: ok.url(),
      failure: null,
      token: { value: null, length: TOKEN.length, type: 'Bearer', expiresInSeconds: 3599 },
    });
    expect(Date.parse(String(report.receivedAt))).not.toBeNaN();
    expect(run.stdout).not.toContain(TOKEN);
    expect(onlyJson(await viaEnv(ok.url(), '--json', '--show-token'))).toMatchObject({
      token: { value: TOKEN },
    });
    expectNoSecret(run);
  });
});

describe('401 invalid_client', () => {
  it('explains the refusal with its likely causes, exits 2, and never repeats the echoed secret', async () => {
    const run = await viaStdin(rejecting.url());
    expect(run.code).toBe(2);
    expect(run.stdout.split('\n')[0]).toMatch(
      /^Client authentication failed · HTTP 401 Unauthorized · \d+ ms$/,
    );
    expect(run.stdout).toContain('Error code   invalid_client');
    expect(run.stdout).toContain('Description  Wrong secret: [secret removed]');
    // As in the window: what looks wrong in what was sent (this secret ends with a space).
    expect(run.stdout).toMatch(/In what was sent:\n {2}! The client secret ends with white space/);
    expect(run.stdout).toMatch(/Likely causes, most likely first:\n {2}1\. White space/);
    expect(run.stdout).toMatch(/What to try:\n {2}- /);
    expectNoSecret(run);
  });

  it('reports it as JSON', async () => {
    const run = await viaEnv(rejecting.url(), '--json');
    expect(run.code).toBe(2);
    const report = onlyJson(run);
    expect(Object.keys(report)).toEqual(REQUEST_JSON_KEYS);
    expect(report).toMatchObject({
      ok: false,
      exitCode: 2,
      outcome: 'oauth:invalid_client',
      status: 401,
      token: null,
      failure: { kind: 'http', error: 'invalid_client', errorDescription: 'Wrong secret: [secret removed]' },
    });
    expect((report.failure as { findings: unknown[] }).findings).toContainEqual({
      field: 'clientSecret',
      id: 'edge-whitespace',
      severity: 'warning',
      message: expect.stringMatching(/^The client secret ends with white space/) as string,
    });
    expect((report.explanation as { causes: string[] }).causes.length).toBeGreaterThan(2);
    expectNoSecret(run);
  });
});

describe('503', () => {
  it('is a server error: exit 3, in text and JSON', async () => {
    const text = await viaStdin(failing.url());
    expect(text.code).toBe(3);
    expect(text.stdout.split('\n')[0]).toMatch(/^Service unavailable \(503\) · HTTP 503 Service Unavailable/);
    expect(text.stdout).toMatch(/Likely causes, most likely first:/);
    expectNoSecret(text);
    const json = await viaEnv(failing.url(), '--json');
    expect(json.code).toBe(3);
    expect(onlyJson(json)).toMatchObject({ ok: false, exitCode: 3, outcome: 'http:503', status: 503 });
    expectNoSecret(json);
  });
});

describe('an answer too large', () => {
  it('keeps the status and headers that arrived: exit 3, "Answer too large · HTTP 200"', async () => {
    const text = await viaStdin(oversized.url());
    expect(text.code).toBe(3);
    expect(text.stdout.split('\n')[0]).toMatch(/^Answer too large · HTTP 200 OK · \d+ ms$/);
    const json = await viaEnv(oversized.url(), '--json');
    expect(json.code).toBe(3);
    const reported = onlyJson(json);
    expect(reported).toMatchObject({
      exitCode: 3,
      outcome: 'too-large',
      status: 200,
      statusText: 'OK',
      failure: { kind: 'too-large', contentType: 'application/json' },
    });
    expect(reported.headers).toContainEqual(['x-request-id', 'req-oversized']);
  });
});

describe('no HTTP answer', () => {
  it('times out after --timeout seconds: exit 4', async () => {
    const started = performance.now();
    const run = await viaStdin(silent.url(), '--timeout', '1');
    expect(run.code).toBe(4);
    expect(performance.now() - started).toBeLessThan(8000);
    expect(run.stdout.split('\n')[0]).toMatch(/^No complete answer in time · no HTTP answer · \d+ ms$/);
    expectNoSecret(run);
    const json = await viaEnv(silent.url(), '--timeout', '1', '--json');
    expect(json.code).toBe(4);
    expect(onlyJson(json)).toMatchObject({
      exitCode: 4,
      outcome: 'timeout',
      status: null,
      failure: { kind: 'timeout' },
    });
  });

  it('Ctrl-C while it waits cancels the request and still prints the one JSON object: exit 130', async () => {
    const before = silent.received.length;
    // The request is on the server before the signal: the signal cancels it, not the process.
    const { code, stdout } = await interruptedOnce(
      ['--endpoint', silent.url()],
      () => silent.received.length === before + 1,
    );
    expect(code).toBe(130);
    expect(JSON.parse(stdout)).toMatchObject({
      ok: false,
      exitCode: 130,
      outcome: 'cancelled',
      status: null,
    });
    expect(stdout).not.toContain(SECRET.trim());
  });

  it.runIf(process.platform === 'linux').each(['SIGTERM', 'SIGINT'] as const)(
    '%s while the secret is read from a pipe: exit 130, one JSON object, nothing sent',
    async (signal) => {
      const before = silent.received.length;
      // The pipe stays open and empty: the command waits on it, as behind `slow-command |`.
      const child = spawn(
        process.execPath,
        [CLI_PATH, 'request', '--client-id', 'id', '--secret-stdin', '--endpoint', silent.url(), '--json'],
        { stdio: ['pipe', 'pipe', 'pipe'] },
      );
      let stdout = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      // The command listens for signals once it catches SIGHUP (Node itself catches only SIGINT
      // and SIGTERM, to reset the terminal): before, a signal killed it with nothing said.
      await expect
        .poll(() => caughtSignals(child.pid ?? 0) & 1n, { timeout: 15_000, message: 'SIGHUP caught' })
        .toBe(1n);
      child.kill(signal);
      expect(await exited).toBe(130);
      expect(JSON.parse(stdout)).toEqual({
        ok: false,
        exitCode: 130,
        outcome: 'interrupted',
        title: 'Interrupted',
        message: 'Interrupted while the secret was read: nothing was sent.',
      });
      child.stdin.end(SECRET);
      expect(silent.received).toHaveLength(before);
    },
  );

  it.runIf(process.platform === 'linux')(
    'refuses a --secret-env variable whose bytes are not UTF-8, sending nothing, as it refuses such stdin',
    async () => {
      const before = ok.received.length;
      // A shell can set bytes no JavaScript string passed to spawn can: Latin-1 "pässwörd".
      const args = ['request', '--client-id', 'id', '--secret-env', 'S', '--endpoint', ok.url(), '--json'];
      const script = `S=$'p\\xe4ssw\\xf6rd' exec "$0" "$@"`;
      // Not spawnSync: this process's server must be free to answer, were anything sent.
      const child = spawn('bash', ['-c', script, process.execPath, CLI_PATH, ...args]);
      let stdout = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      expect(await new Promise((resolve) => child.on('close', resolve))).toBe(1);
      expect(JSON.parse(stdout)).toMatchObject({
        exitCode: 1,
        outcome: 'usage-error',
        message: expect.stringContaining('not UTF-8') as unknown,
      });
      expect(ok.received).toHaveLength(before);
      // The same variable in UTF-8 goes as it is.
      const utf8 = await runCli(args, { env: { S: 'pässwörd' } });
      expect(utf8.code).toBe(0);
      expect(new URLSearchParams(ok.received.at(-1)?.body).get('client_secret')).toBe('pässwörd');
    },
  );

  it.runIf(process.platform === 'linux')(
    'refuses a --client-id or --scope whose bytes are not UTF-8 (a Latin-1 terminal), sending nothing, as it refuses such a secret',
    async () => {
      const before = ok.received.length;
      // Latin-1 "café": Node reads the e9 byte as U+FFFD, which went to the server as the client ID.
      for (const [option, value] of [
        ['--client-id', `$'caf\\xe9'`],
        ['--scope', `$'NSMS caf\\xe9'`],
      ] as const) {
        const args = ['request', '--secret-env', 'S', '--endpoint', ok.url(), '--json'];
        if (option !== '--client-id') args.push('--client-id', 'id');
        const script = `S=secret exec "$0" "$@" ${option} ${value}`;
        const child = spawn('bash', ['-c', script, process.execPath, CLI_PATH, ...args], {
          env: { ...process.env, LANG: 'de_DE.ISO-8859-1' },
        });
        let stdout = '';
        child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
        expect(await new Promise((resolve) => child.on('close', resolve))).toBe(1);
        expect(JSON.parse(stdout)).toMatchObject({
          exitCode: 1,
          outcome: 'usage-error',
          message: expect.stringMatching(`^The value of ${option} is not UTF-8 text`) as unknown,
        });
        expect(ok.received).toHaveLength(before);
      }
      // A U+FFFD typed in UTF-8 is text like any other, and goes as it is.
      const typed = await runCli(
        ['request', '--client-id', 'caf\uFFFD', '--secret-env', 'S', '--endpoint', ok.url(), '--json'],
        { env: { S: 'secret' } },
      );
      expect(typed.code).toBe(0);
      expect(new URLSearchParams(ok.received.at(-1)?.body).get('client_id')).toBe('caf\uFFFD');
      // Also with a process title set, which /proc shows in place of the command line's bytes.
      const titled = await runCli(
        ['request', '--client-id', 'caf\uFFFD', '--secret-env', 'S', '--endpoint', ok.url(), '--json'],
        { env: { S: 'secret', NODE_OPTIONS: '--title=telstra-token' } },
      );
      expect(titled.code).toBe(0);
      expect(new URLSearchParams(ok.received.at(-1)?.body).get('client_id')).toBe('caf\uFFFD');
    },
  );

  it('Ctrl-C while the access check waits cancels it: exit 130, the check cancelled', async () => {
    // A token at once; the Messaging API never answers.
    const api = await startServer((req, res) => {
      if (req.method === 'POST')
        sendJson(res, 200, { access_token: TOKEN, token_type: 'Bearer', expires_in: '3599' });
    });
    servers.push(api);
    const { code, stdout } = await interruptedOnce(
      ['--endpoint', api.url(), '--check-access', '--messaging-url', `${api.origin}/messaging/v3`],
      () => api.received.some((r) => r.method === 'GET'),
    );
    expect(code).toBe(130);
    expect(JSON.parse(stdout)).toMatchObject({
      ok: true,
      exitCode: 130,
      outcome: 'token-received',
      accessCheck: { outcome: 'cancelled' },
    });
    expect(stdout).not.toContain(TOKEN);
  });

  it('reports a refused connection with its network code: exit 4', async () => {
    const run = await viaStdin(refusedUrl);
    expect(run.code).toBe(4);
    expect(run.stdout.split('\n')[0]).toMatch(/^Connection refused · no HTTP answer/);
    expect(run.stdout).toContain('Network code  ECONNREFUSED');
    expectNoSecret(run);
    const json = await viaEnv(refusedUrl, '--json');
    expect(json.code).toBe(4);
    expect(onlyJson(json)).toMatchObject({
      exitCode: 4,
      outcome: 'network:refused',
      failure: { kind: 'network', networkCode: 'ECONNREFUSED' },
    });
    expectNoSecret(json);
  });
});

describe('answers meant to trip a script up', () => {
  it('a 101 instead of an answer is no token: exit 4, with the one JSON object', async () => {
    const run = await viaStdin(switching.url());
    expect(run.code).toBe(4);
    expect(run.stdout).toContain('Network code  ERR_UNEXPECTED_UPGRADE');
    const json = await viaEnv(switching.url(), '--json');
    expect(json.code).toBe(4);
    expect(onlyJson(json)).toMatchObject({
      exitCode: 4,
      outcome: 'network:bad-answer',
      failure: { kind: 'network', networkCode: 'ERR_UNEXPECTED_UPGRADE' },
    });
  });

  it('--json escapes the C1 controls and invisible characters a server sends, and keeps them as data', async () => {
    const json = await viaEnv(controls.url(), '--json');
    expect(json.code).toBe(2);
    expect(json.stdout).not.toMatch(/[\u0080-\u009f\u200b]/);
    expect(json.stdout).toContain('\\u009b2J\\u009d0;pwned\\u009c \\u200bevil');
    expect(onlyJson(json)).toMatchObject({ failure: { errorDescription: CONTROLS } });
  });
});

describe('the built-in sandbox for one request', () => {
  it('starts, answers and stops: a token for its credentials, invalid_client otherwise', async () => {
    const good = await runCli(
      ['request', '--endpoint', 'sandbox', '--client-id', 'sandbox-client-id', '--secret-stdin', '--json'],
      { stdin: 'sandbox-client-secret\n' },
    );
    expect(good.code).toBe(0);
    expect(onlyJson(good)).toMatchObject({
      outcome: 'token-received',
      tokenUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\//) as unknown,
    });
    const bad = await runCli(
      ['request', '--endpoint', 'sandbox', '--client-id', 'sandbox-client-id', '--secret-stdin'],
      {
        stdin: SECRET,
      },
    );
    expect(bad.code).toBe(2);
    expect(bad.stdout).toMatch(/^Client authentication failed/);
    expectNoSecret(bad);
  });
});

describe('settings from the environment', () => {
  it('says on standard error when one cannot be used, and goes on with the default', async () => {
    const run = await runCli(
      ['request', '--endpoint', ok.url(), '--client-id', 'abc', '--secret-env', 'TT_SECRET', '--json'],
      { env: { TT_SECRET: SECRET, TOKEN_TESTER_TIMEOUT_MS: '20s' } },
    );
    expect(run.code).toBe(0);
    expect(onlyJson(run)).toMatchObject({ outcome: 'token-received' });
    expect(run.stderr).toMatch(
      /^telstra-token: TOKEN_TESTER_TIMEOUT_MS is set to "20s", which is not a whole number of milliseconds from 100 to 300000: the default, 20000 ms applies instead\.\n$/,
    );
    const usable = await runCli(
      ['request', '--endpoint', ok.url(), '--client-id', 'abc', '--secret-env', 'TT_SECRET'],
      {
        env: { TT_SECRET: SECRET, TOKEN_TESTER_TIMEOUT_MS: '5000' },
      },
    );
    expect(usable.code).toBe(0);
    expect(usable.stderr).toBe('');
  });
});

describe('usage errors (exit 1, nothing sent)', () => {
  it('has no --secret option, says why, and never echoes the value', async () => {
    const before = ok.received.length;
    const run = await runCli(['request', '--endpoint', ok.url(), '--client-id', 'abc', '--secret', SECRET]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/There is no --secret option/);
    expect(run.stderr).toMatch(/visible to every user of this machine\s+in the process list/);
    expect(ok.received.length).toBe(before);
    expectNoSecret(run);
  });

  it('never echoes a secret given where it does not belong', async () => {
    for (const args of [
      ['request', '--client-id', 'abc', '--secret-stdin', SECRET],
      ['request', '--client-id', 'abc', '--secret-env', SECRET],
      ['request', '--profile', SECRET, '--client-id', 'abc'],
      ['request', '--endpoint', SECRET, '--client-id', 'abc', '--secret-stdin'],
      [SECRET],
    ]) {
      const run = await runCli(args, { stdin: 'x' });
      expect(run.code, args.join(' ')).toBe(1);
      expect(run.stderr).toMatch(/^telstra-token: /);
      expectNoSecret(run);
    }
  });

  it('with --json, also reports the usage error as the one JSON object', async () => {
    const run = await runCli(['request', '--client-id', 'abc', '--json']);
    expect(run.code).toBe(1);
    expect(onlyJson(run)).toEqual({
      ok: false,
      exitCode: 1,
      outcome: 'usage-error',
      title: 'Usage error',
      message: 'Give the secret with exactly one of --secret-stdin or --secret-env VAR.',
    });
  });

  it('takes --secret-env naming a variable every object has (constructor, __proto__) as unset: exit 1', async () => {
    const before = ok.received.length;
    for (const name of ['constructor', '__proto__', 'toString']) {
      const run = await runCli([
        'request',
        '--endpoint',
        ok.url(),
        '--client-id',
        'abc',
        '--secret-env',
        name,
        '--json',
      ]);
      expect(run.code, name).toBe(1);
      expect(onlyJson(run)).toMatchObject({
        outcome: 'usage-error',
        message: 'The environment variable named by --secret-env is not set.',
      });
    }
    expect(ok.received.length).toBe(before);
  });

  it('a request left unfinished with nothing to wait for is an internal error (70), never a silent 0', async () => {
    const run = await runCli(
      ['request', '--endpoint', ok.url(), '--client-id', 'abc', '--secret-env', 'TT_SECRET', '--json'],
      { env: { TT_SECRET: SECRET }, stallRequests: true },
    );
    expect(run.code).toBe(70);
    expect(run.stderr).toContain('internal error (the command stopped without finishing)');
    expect(onlyJson(run)).toEqual(INTERNAL_ERROR);
    expectNoSecret(run);
  });

  it('an internal error exits 70 without quoting its message, which may hold the secret', async () => {
    const run = await runCli(
      ['request', '--endpoint', silent.url(), '--client-id', 'abc', '--secret-env', 'TT_SECRET', '--json'],
      { env: { TT_SECRET: SECRET }, crashWith: SECRET },
    );
    expect(run.code).toBe(70);
    expect(run.stderr).toMatch(/^telstra-token: internal error \(Error\)\. Its message is not shown/);
    expect(run.stderr).toMatch(/^\s+at /m);
    expect(onlyJson(run)).toEqual(INTERNAL_ERROR);
    expectNoSecret(run);
  });

  it('refuses an empty secret from stdin', async () => {
    const run = await runCli(['request', '--endpoint', ok.url(), '--client-id', 'abc', '--secret-stdin'], {
      stdin: '\n',
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/The client secret is empty/);
  });

  it('says so when standard input is a folder (`< /tmp`), not that the secret is empty', async () => {
    // Node gives a folder on stdin as a stream that is simply empty.
    const folder = openSync(tmpdir(), 'r');
    try {
      const run = spawnSync(
        process.execPath,
        [CLI_PATH, 'request', '--endpoint', ok.url(), '--client-id', 'abc', '--secret-stdin'],
        {
          stdio: [folder, 'pipe', 'pipe'],
          encoding: 'utf8',
        },
      );
      expect(run.status).toBe(1);
      expect(run.stderr).toContain('Standard input is a folder, not a file or a pipe');
      expect(run.stderr).not.toMatch(/empty/);
    } finally {
      closeSync(folder);
    }
  });
});
