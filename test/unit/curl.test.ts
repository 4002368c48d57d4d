import { execFile, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  curlCommand,
  SECRET_FROM_STDIN,
  SECRET_GUARD,
  SECRET_VARIABLE,
  shellQuote,
  type CurlInput,
} from '../../app/curl';
import { V3_SCOPE, V3_TOKEN_URL } from '../../app/endpoints';
import { sendJson, startServer, type TestServer } from '../support/servers';

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** The POSIX shells on this machine (dash as /bin/sh here; bash; zsh where installed). */
const SHELLS = ['/bin/sh', '/bin/bash', '/bin/zsh', '/usr/bin/zsh'].filter((shell) => existsSync(shell));

/** Runs a command line the way a pasted one runs: `shell -c`, with only the environment given. */
function sh(command: string, env: Record<string, string>, shell = '/bin/sh'): Promise<Run> {
  return new Promise((resolve) => {
    // No proxy variables from the test machine: the request must reach 127.0.0.1 directly.
    execFile(
      shell,
      ['-c', command],
      { env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env }, timeout: 15_000 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** Types the command into an interactive bash (history expansion on), as a paste would. */
function interactiveBash(command: string, env: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn('/bin/bash', ['--norc', '--noprofile', '-i'], {
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
    child.stdin.end(`${command}\necho still-open\nexit\n`);
  });
}

/** What the server decodes once the shell has passed the value through argv or the environment. */
const asSent = (value: string) => Buffer.from(value, 'utf8').toString('utf8');

let server: TestServer;
let home: string;
let redirecting = false;
/** Run while the request is in flight, before the answer: curl is still running then. */
let whileCurlRuns: (() => void) | null = null;

/** The arguments of every process on the machine, as `ps` shows them to any user. */
function everyCommandLine(): string[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .flatMap((pid) => {
      try {
        return [readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ')];
      } catch {
        return []; // the process ended meanwhile
      }
    });
}

beforeAll(async () => {
  server = await startServer((req, res) => {
    whileCurlRuns?.();
    if (redirecting) {
      res.writeHead(302, { Location: '/elsewhere' });
      res.end();
      return;
    }
    sendJson(res, 200, { access_token: 'not-a-real-token', token_type: 'Bearer', expires_in: '3599' });
  });
  home = await mkdtemp(join(tmpdir(), 'curl-test-home-'));
});
afterAll(async () => {
  await server.close();
  await rm(home, { recursive: true, force: true });
});
beforeEach(() => {
  server.received.length = 0;
  redirecting = false;
  whileCurlRuns = null;
});

const input = (over: Partial<CurlInput> = {}): CurlInput => ({
  tokenUrl: server.url(),
  clientId: 'my-client-id',
  grantType: 'client_credentials',
  scope: V3_SCOPE,
  ...over,
});

describe('shellQuote', () => {
  it('writes a quote as close, escaped quote, reopen', () => {
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
    expect(shellQuote('')).toBe(`''`);
    expect(shellQuote('$(id) `id` "x"')).toBe(`'$(id) \`id\` "x"'`);
  });
});

describe('curlCommand: shape', () => {
  it('is one line: guard, then curl with the form fields and the secret from the variable', () => {
    const command = curlCommand({
      tokenUrl: V3_TOKEN_URL,
      clientId: 'abc',
      grantType: 'client_credentials',
      scope: 'messages:write',
    });
    expect(command).toBe(
      `: "\${TELSTRA_CLIENT_SECRET:?Set TELSTRA_CLIENT_SECRET to the client secret first}" && printf '%s' "$TELSTRA_CLIENT_SECRET" | curl -q --globoff --silent --show-error --include` +
        ` --url 'https://products.api.telstra.com/v2/oauth/token' --header 'Accept: application/json'` +
        ` --data-urlencode 'client_id=abc' --data-urlencode client_secret@-` +
        ` --data-urlencode 'grant_type=client_credentials' --data-urlencode 'scope=messages:write'`,
    );
    expect(command.startsWith(SECRET_GUARD)).toBe(true);
    expect(SECRET_VARIABLE).toBe('TELSTRA_CLIENT_SECRET');
  });

  it('leaves the scope out when it is empty, and never follows redirects', () => {
    const command = curlCommand({ tokenUrl: V3_TOKEN_URL, clientId: 'abc', grantType: 'x', scope: '' });
    expect(command).not.toContain('scope=');
    expect(command).not.toMatch(/ -L\b|--location/);
  });

  it('has no way to take a secret: the only client_secret is read from standard input, fed from the variable', () => {
    // @ts-expect-error CurlInput has no secret field, on purpose.
    curlCommand({ tokenUrl: V3_TOKEN_URL, clientId: 'a', grantType: 'b', scope: '', clientSecret: 'c' });
    fc.assert(
      fc.property(
        fc.string(),
        fc.string(),
        fc.string(),
        fc.string(),
        (tokenUrl, clientId, grantType, scope) => {
          const command = curlCommand({ tokenUrl, clientId, grantType, scope });
          const secretPart = ' --data-urlencode client_secret@- ';
          expect(command.split(secretPart)).toHaveLength(2);
          // Every other mention of the variable is inside the guard or the printf feeding stdin.
          expect(command.replace(SECRET_GUARD, '').replace(SECRET_FROM_STDIN, '')).not.toContain(
            SECRET_VARIABLE,
          );
        },
      ),
      { numRuns: 500 },
    );
  });

  it('writes unpasteable values pre-encoded, and the URL the app would call', () => {
    const command = curlCommand({
      tokenUrl: ' https://Products.API.telstra.com/v2/oauth/token ',
      clientId: 'a\tb\u200b',
      grantType: 'client_credentials',
      scope: 'x\ny',
    });
    expect(command).toContain(`--url '${V3_TOKEN_URL}'`);
    expect(command).toContain(`--data 'client_id=a%09b%E2%80%8B'`);
    expect(command).toContain(`--data 'scope=x%0Ay'`);
    expect(command).not.toMatch(/[\t\n\u200b]/);
  });
});

describe('curlCommand: run for real in /bin/sh against a local server', () => {
  const secret = 'S3cr3t $(touch /tmp/pwned) `id` \'"\\ é';

  it('sends exactly the form, with the secret from the variable', async () => {
    const run = await sh(curlCommand(input()), { [SECRET_VARIABLE]: secret, HOME: home });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^HTTP\/1\.1 200/);
    expect(server.received).toHaveLength(1);
    const [request] = server.received;
    expect(request?.method).toBe('POST');
    expect(request?.headers.accept).toBe('application/json');
    expect(request?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect([...new URLSearchParams(request?.body)]).toEqual([
      ['client_id', 'my-client-id'],
      ['client_secret', secret],
      ['grant_type', 'client_credentials'],
      ['scope', V3_SCOPE],
    ]);
  });

  it.each(SHELLS)(
    'never puts the secret in any process’s arguments while curl runs (%s, finding 7)',
    async (shell) => {
      const distinctive = 'Zq7-secret-in-argv-check-Xw9';
      let seen: string[] = [];
      whileCurlRuns = () => (seen = everyCommandLine());
      const run = await sh(curlCommand(input()), { [SECRET_VARIABLE]: distinctive, HOME: home }, shell);
      expect(run.code).toBe(0);
      expect(new URLSearchParams(server.received[0]?.body).get('client_secret')).toBe(distinctive);
      // The check really saw curl running, with its arguments.
      expect(seen.some((line) => line.startsWith('curl -q '))).toBe(true);
      expect(seen.filter((line) => line.includes(distinctive))).toEqual([]);
    },
  );

  it('sends a secret with line breaks and trailing white space exactly (stdin keeps them)', async () => {
    const awkward = ' two\nlines\r\n\t ';
    const run = await sh(curlCommand(input()), { [SECRET_VARIABLE]: awkward, HOME: home });
    expect(run.code).toBe(0);
    expect(new URLSearchParams(server.received[0]?.body).get('client_secret')).toBe(awkward);
  });

  it.each(
    SHELLS.flatMap((shell) => [
      ['unset', shell, {}],
      ['empty', shell, { [SECRET_VARIABLE]: '' }],
    ]),
  )('sends nothing when the variable is %s (%s), and says why', async (_label, shell, env) => {
    const run = await sh(curlCommand(input()), { ...env, HOME: home }, shell);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('Set TELSTRA_CLIENT_SECRET to the client secret first');
    expect(server.received).toHaveLength(0);
  });

  it('works typed into an interactive bash, where ! would trigger history expansion', async () => {
    const clientId = 'id!!with!$bangs';
    const run = await interactiveBash(curlCommand(input({ clientId })), {
      [SECRET_VARIABLE]: 's!cr!!t',
      HOME: home,
    });
    expect(run.stdout).toContain('still-open');
    expect(new URLSearchParams(server.received[0]?.body).get('client_id')).toBe(clientId);
    expect(new URLSearchParams(server.received[0]?.body).get('client_secret')).toBe('s!cr!!t');
  });

  it('stops without closing an interactive shell when the variable is missing', async () => {
    const run = await interactiveBash(curlCommand(input()), { HOME: home });
    expect(run.stderr).toContain('Set TELSTRA_CLIENT_SECRET to the client secret first');
    expect(run.stdout).toContain('still-open');
    expect(server.received).toHaveLength(0);
  });

  it('does not follow a redirect, even when ~/.curlrc asks curl to', async () => {
    redirecting = true;
    await writeFile(join(home, '.curlrc'), 'location\n');
    try {
      const run = await sh(curlCommand(input()), { [SECRET_VARIABLE]: secret, HOME: home });
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^HTTP\/1\.1 302/);
      expect(server.received.map((r) => r.path)).toEqual(['/v2/oauth/token']);
    } finally {
      await rm(join(home, '.curlrc'));
    }
  });

  it('sends hostile values literally: quotes, substitutions, spaces, line breaks, Unicode', async () => {
    const pieces = [
      "'",
      '"',
      '$(id)',
      '`id`',
      '${HOME}',
      '$HOME',
      ' ',
      '\n',
      '\r\n',
      '\t',
      '\\',
      '!',
      '&',
      ';',
      '|',
      '*',
      '~',
      '#',
      '@',
      '=',
      '%',
      '+',
      '-',
      'é',
      '😀',
      '\u200b',
      '\u202e',
      '\u0000',
      '\ud800',
      'a',
    ];
    const hostile = fc.string({ unit: fc.constantFrom(...pieces), maxLength: 12 });
    const envSafe = hostile.map((value) => value.replaceAll('\u0000', ''));
    await fc.assert(
      fc.asyncProperty(
        hostile,
        hostile,
        hostile,
        envSafe,
        async (clientId, grantType, scope, secretValue) => {
          server.received.length = 0;
          const run = await sh(curlCommand(input({ clientId, grantType, scope })), {
            [SECRET_VARIABLE]: secretValue === '' ? 'x' : secretValue,
            HOME: home,
          });
          expect(run.stderr).toBe('');
          expect(run.code).toBe(0);
          expect(server.received).toHaveLength(1);
          const expected: Array<[string, string]> = [
            ['client_id', asSent(clientId)],
            ['client_secret', asSent(secretValue === '' ? 'x' : secretValue)],
            ['grant_type', asSent(grantType)],
          ];
          if (scope !== '') expected.push(['scope', asSent(scope)]);
          expect([...new URLSearchParams(server.received[0]?.body)]).toEqual(expected);
        },
      ),
      { numRuns: 25 },
    );
  }, 120_000);
});
