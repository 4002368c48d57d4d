// The other commands, run as a user would: help, explain, the foreground sandbox, profiles; and
// what each loads (the profile code only when a profile is used, keytar never in the CLI's own process).
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { beforeAll, describe, expect, it } from 'vitest';
import { EXPLANATIONS } from '../../app/explanations';
import { forCli } from '../../main/cli/format/cli-wording';
import { SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET, SANDBOX_SCENARIOS } from '../../app/sandbox';
import { assertBuiltCli, CLI_PATH, loadedModules, onlyJson, runCli } from '../support/cli';
import { sendJson, startServer } from '../support/servers';

beforeAll(() => assertBuiltCli());

/** A keychain that cannot be reached, so no test here touches a real one. */
const NO_KEYCHAIN = { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus' };

describe('--version', () => {
  it("prints package.json's version, as text or JSON, and takes nothing else", async () => {
    const { version } = JSON.parse(readFileSync(path.join(__dirname, '../../package.json'), 'utf8')) as {
      version: string;
    };
    const text = await runCli(['--version']);
    expect([text.code, text.stdout, text.stderr]).toEqual([0, `telstra-token ${version}\n`, '']);
    expect((await runCli(['-V'])).stdout).toBe(text.stdout);
    const json = await runCli(['--version', '--json']);
    expect(onlyJson(json)).toEqual({ program: 'telstra-token', version });
    const extra = await runCli(['--version', 'request']);
    expect(extra.code).toBe(1);
    expect(extra.stdout).toBe('');
    expect(extra.stderr).toMatch(/--version takes no other argument/);
  });
});

describe('help', () => {
  it('lists the commands and the exit statuses', async () => {
    const run = await runCli(['--help']);
    expect(run.code).toBe(0);
    for (const command of ['request', 'profiles', 'sandbox', 'explain'])
      expect(run.stdout).toContain(`  ${command} `);
    expect(run.stdout).toMatch(/2 {3}rejected by the server \(4xx\)/);
    expect(run.stdout).toMatch(/4 {3}no HTTP answer/);
  });

  it('says in the request help why there is no --secret option', async () => {
    const run = await runCli(['help', 'request']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /There is no --secret option: command-line arguments are visible to every user/,
    );
    expect(run.stdout).toContain('--secret-stdin');
    expect(run.stdout).toContain('--secret-env VAR');
    // Every --all-profiles usage error sends the user here: it is described here too.
    expect(run.stdout).toContain('request --all-profiles [--timeout SECONDS] [--user-data-dir DIR] [--json]');
    expect(run.stdout).toContain('--all-profiles does it for every profile saved in the app');
  });

  it('says in the request help how to reach the network from a company: proxy and root certificate', async () => {
    // Only `help ui` named the proxy variables, and nothing named NODE_EXTRA_CA_CERTS: a user
    // behind a TLS-inspecting proxy had only "Certificate not trusted" to go on.
    const run = await runCli(['help', 'request']);
    expect(run.stdout).toContain('requests follow HTTPS_PROXY / https_proxy / ALL_PROXY and NO_PROXY');
    expect(run.stdout).toContain('NODE_EXTRA_CA_CERTS=/path/to/root.pem');
  });

  it('writes its commands as they run here: npx in a clone, bare when on PATH, else node and the path', async () => {
    const examples = (run: { stdout: string }) => run.stdout.split('Examples:')[1] ?? '';
    // In the clone (these tests' working folder), with no telstra-token on PATH.
    const inClone = await runCli(['help', 'request']);
    expect(inClone.stdout).toContain('  npx telstra-token request --profile NAME [options]');
    expect(examples(inClone)).toContain('| npx telstra-token request --client-id "$ID" --secret-stdin');
    expect(examples(inClone)).not.toMatch(/(^|[^x] )telstra-token request/m);
    // Installed globally: npm's link to the script on PATH.
    const bin = await mkdtemp(path.join(tmpdir(), 'cli-global-bin-'));
    await symlink(CLI_PATH, path.join(bin, 'telstra-token'));
    const global = await runCli(['help', 'request'], {
      env: { PATH: `${bin}${path.delimiter}${process.env.PATH}` },
    });
    expect(examples(global)).toContain('printf \'%s\' "$SECRET" | telstra-token request --client-id');
    expect(global.stdout).not.toContain('npx');
    // Elsewhere, where npx would fetch an unknown package from the registry.
    const elsewhere = await runCli(['help'], { cwd: tmpdir() });
    expect(elsewhere.stdout).toContain(`  node ${CLI_PATH} request --profile NAME [options]`);
    expect(elsewhere.stdout).toContain(`"node ${CLI_PATH} help request" lists the request options.`);
  });

  it('without a command is a usage error', async () => {
    const run = await runCli([]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^telstra-token: Name a command\./);
  });
});

describe('explain', () => {
  it('gives the app’s own explanation of a status and code', async () => {
    const run = await runCli(['explain', '401', 'invalid_client']);
    expect(run.code).toBe(0);
    // In the command line's words: options where the window has buttons (main/cli/format/cli-wording.ts).
    const explanation = forCli(EXPLANATIONS['oauth:invalid_client']);
    expect(run.stdout.split('\n')[0]).toBe(`${explanation.title} · oauth:invalid_client`);
    expect(run.stdout).toContain(explanation.meaning);
    expect(run.stdout).toContain(`  1. ${explanation.causes[0]}`);
    expect(run.stdout).toContain(`  - ${explanation.nextSteps[0]}`);
  });

  it('passes no terminal escape from the error code it is given (often pasted from a server)', async () => {
    const run = await runCli(['explain', '401', 'bad\u001b]52;c;SGVsbG8=\u0007\u001b[2Jcode']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('bad');
    // eslint-disable-next-line no-control-regex
    expect(run.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  });

  it('reports it as JSON, straight from the catalog', async () => {
    const run = await runCli(['explain', '503', '--json']);
    expect(run.code).toBe(0);
    const { title, meaning, causes, nextSteps } = forCli(EXPLANATIONS['http:503']);
    expect(onlyJson(run)).toEqual({
      outcome: 'http:503',
      title,
      explanation: { meaning, causes, nextSteps, details: [] },
    });
  });

  it('prints the same keys, and the same explanation, as a failure of request --json', async () => {
    const server = await startServer((_req, res) =>
      sendJson(res, 401, { error: 'invalid_client', error_description: 'no such client' }),
    );
    try {
      const request = onlyJson(
        await runCli(
          ['request', '--endpoint', server.url(), '--client-id', 'abc', '--secret-stdin', '--json'],
          {
            stdin: 'wrong-secret',
          },
        ),
      );
      const explained = onlyJson(await runCli(['explain', '401', 'invalid_client', '--json']));
      // Every key of explain's object is one of request's, with the same value for this answer.
      expect(Object.keys(explained).filter((key) => !(key in request))).toEqual([]);
      expect(Object.keys(explained.explanation as object)).toEqual(
        Object.keys(request.explanation as object),
      );
      const { outcome, title, explanation } = request;
      expect(explained).toEqual({ outcome, title, explanation });
    } finally {
      await server.close();
    }
  });

  it('adds what the window adds for a code outside the standard ones', async () => {
    const run = await runCli(['explain', '401', 'bad_key', '--json']);
    expect(onlyJson(run)).toMatchObject({
      outcome: 'http:401',
      explanation: {
        details: [expect.stringContaining('“bad_key” is not one of the standard OAuth 2.0 codes') as unknown],
      },
    });
  });

  it('explains the outcome a usage error and an internal error print, by the name they print', async () => {
    const usage = onlyJson(await runCli(['request', '--client-id', 'abc', '--json']));
    // A request left waiting, so the crash comes while the CLI runs.
    const silent = await startServer(() => undefined);
    const crash = onlyJson(
      await runCli(
        ['request', '--endpoint', silent.url(), '--client-id', 'abc', '--secret-stdin', '--json'],
        {
          stdin: 'secret',
          crashWith: 'boom',
        },
      ),
    );
    await silent.close();
    for (const printed of [usage, crash]) {
      const run = await runCli(['explain', String(printed.outcome), '--json']);
      expect(run.code, String(printed.outcome)).toBe(0);
      expect(onlyJson(run)).toMatchObject({ outcome: printed.outcome, title: printed.title });
    }
    expect([usage.outcome, crash.outcome]).toEqual(['usage-error', 'internal-error']);
  });

  it('refuses what is not a status', async () => {
    const run = await runCli(['explain', '1000']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/Not a status|number from 100 to 599/);
  });
});

describe('sandbox', () => {
  function startSandbox(args: string[]) {
    const child = spawn(process.execPath, [CLI_PATH, 'sandbox', ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines = createInterface({ input: child.stdout });
    const firstLine = new Promise<string>((resolve) => lines.once('line', resolve));
    const exit = new Promise<number | null>((resolve) => child.on('close', resolve));
    return { child, firstLine, exit };
  }

  it('runs in the foreground, answers requests, and stops cleanly on a signal', async () => {
    const sandbox = startSandbox(['--json']);
    try {
      const info = JSON.parse(await sandbox.firstLine) as { tokenUrl: string };
      expect(info).toEqual({
        tokenUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/v2\/oauth\/token$/) as unknown,
        clientId: SANDBOX_CLIENT_ID,
        clientSecret: SANDBOX_CLIENT_SECRET,
        scenarios: SANDBOX_SCENARIOS.map(({ clientId, description }) => ({ clientId, description })),
      });
      const request = await runCli(
        [
          'request',
          '--endpoint',
          info.tokenUrl,
          '--client-id',
          SANDBOX_CLIENT_ID,
          '--secret-stdin',
          '--json',
        ],
        { stdin: SANDBOX_CLIENT_SECRET },
      );
      expect(request.code).toBe(0);
      expect(onlyJson(request)).toMatchObject({ outcome: 'token-received', tokenUrl: info.tokenUrl });
    } finally {
      sandbox.child.kill('SIGTERM');
    }
    expect(await sandbox.exit).toBe(0);
  });

  it('prints its URL and credentials for people, and stops on Ctrl-C', async () => {
    const sandbox = startSandbox([]);
    let output = '';
    sandbox.child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    try {
      expect(await sandbox.firstLine).toMatch(
        /^Sandbox running at http:\/\/127\.0\.0\.1:\d+\/v2\/oauth\/token \(Ctrl-C stops it\)$/,
      );
      await expect.poll(() => output).toContain('--secret-stdin');
      expect(output).toMatch(new RegExp(`Client secret {2}${SANDBOX_CLIENT_SECRET}`));
      expect(output).toContain('sandbox-503');
      // "Try it:" shows a command that runs here, in a clone, where telstra-token is not on PATH.
      const tryIt = output.split('\n').find((line) => line.startsWith('  printf %s')) ?? '';
      expect(tryIt).toContain('| npx telstra-token request --endpoint http://127.0.0.1:');
      const tried = spawnSync('sh', ['-c', tryIt], { encoding: 'utf8', timeout: 60_000 });
      expect(tried.status, tried.stderr).toBe(0);
      expect(tried.stdout).toMatch(/^Token received · HTTP 200/);
    } finally {
      sandbox.child.kill('SIGINT');
    }
    expect(await sandbox.exit).toBe(0);
  });
});

describe('profiles', () => {
  it('says where it looked when there are none, and what is wrong with the keychain', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'cli-profiles-'));
    const run = await runCli(['profiles'], { env: { ...NO_KEYCHAIN, TOKEN_TESTER_USER_DATA_DIR: dataDir } });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      new RegExp(
        `^No profiles are saved in ${dataDir}\\. Save one in the app, or import them: .*telstra-token\\S* profiles import FILE \\(or --from-env\\)\\.\\n$`,
      ),
    );
    expect(run.stderr).toMatch(/No keychain service/);
  });

  it('shows the data folder’s name with its control characters as text, never acted on', async () => {
    // A folder name may hold anything but "/" and NUL: one from an archive or a clone, as a
    // relative --user-data-dir resolves it, could retitle the terminal or rewrite the line.
    const parent = await mkdtemp(path.join(tmpdir(), 'cli-profiles-esc-'));
    const dataDir = path.join(parent, 'data\u001b]0;pwned\u0007\u202e');
    const saved = {
      id: '00000000-aaaa-4aaa-8aaa-aaaaaaaaaaab',
      name: 'listed',
      clientId: 'id-1',
      preset: 'v3',
      tokenUrl: 'https://products.api.telstra.com/v2/oauth/token',
      grantType: 'client_credentials',
      scope: '',
      createdAt: 1,
      updatedAt: 1,
    };
    const env = { ...NO_KEYCHAIN, TOKEN_TESTER_USER_DATA_DIR: dataDir };
    const none = await runCli(['profiles'], { env });
    expect(none.stdout).toContain(`No profiles are saved in ${parent}/data\\x1b]0;pwned\\x07\\u202e.`);
    await mkdir(dataDir);
    await writeFile(path.join(dataDir, 'profiles.json'), JSON.stringify({ version: 1, profiles: [saved] }));
    const listed = await runCli(['profiles'], { env });
    expect(listed.stdout).toContain(`Profiles saved in ${parent}/data\\x1b]0;pwned\\x07\\u202e:`);
    for (const run of [none, listed]) {
      expect(run.code).toBe(0);
      // eslint-disable-next-line no-control-regex
      expect(run.stdout).not.toMatch(/[\u001b\u0007\u202e]/);
    }
  });

  it('takes the data folder from --user-data-dir, as the app does, before TOKEN_TESTER_USER_DATA_DIR', async () => {
    const switched = await mkdtemp(path.join(tmpdir(), 'cli-switch-'));
    const variable = await mkdtemp(path.join(tmpdir(), 'cli-variable-'));
    const env = { ...NO_KEYCHAIN, TOKEN_TESTER_USER_DATA_DIR: variable };
    for (const args of [[`--user-data-dir=${switched}`], ['--user-data-dir', switched]]) {
      const run = await runCli(['profiles', '--json', ...args], { env });
      expect(run.code).toBe(0);
      expect(onlyJson(run)).toMatchObject({ dataDir: switched, profiles: [] });
    }
    const empty = await runCli(['profiles', '--user-data-dir='], { env });
    expect(empty.code).toBe(1);
    expect(empty.stderr).toContain('--user-data-dir must not be empty.');
  });

  it('request --profile with DBUS_SESSION_BUS_ADDRESS empty or not an address: no keychain service, not “unexpected”', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'cli-bus-address-'));
    await writeFile(
      path.join(dataDir, 'profiles.json'),
      JSON.stringify({
        version: 1,
        profiles: [
          {
            name: 'bus',
            preset: 'custom',
            clientId: 'bus-client-id',
            tokenUrl: 'http://127.0.0.1:9/v2/oauth/token',
            grantType: 'client_credentials',
            scope: '',
            id: '3f1c2b7a-5d4e-4f60-8a9b-0c1d2e3f4a5b',
            createdAt: 1,
            updatedAt: 1,
          },
        ],
      }),
    );
    for (const address of ['', 'garbage', 'nothing:x=1']) {
      const run = await runCli(['request', '--profile', 'bus', '--json'], {
        env: { DBUS_SESSION_BUS_ADDRESS: address, TOKEN_TESTER_USER_DATA_DIR: dataDir },
      });
      expect(run.code, address).toBe(5);
      expect(onlyJson(run), address).toMatchObject({
        outcome: 'keychain:unavailable',
        title: 'No keychain service',
      });
    }
  });

  it('import --yes --json without a keychain: not ok, nothing written, exit 5', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'cli-import-nokeychain-'));
    const file = path.join(dataDir, 'credentials');
    await writeFile(file, '[default]\nclient_id = nk-client-id-1\nclient_secret = nk-S3cret\n');
    const run = await runCli(['profiles', 'import', file, '--yes', '--json'], {
      env: { ...NO_KEYCHAIN, TOKEN_TESTER_USER_DATA_DIR: dataDir },
    });
    expect(run.code).toBe(5);
    expect(onlyJson(run)).toMatchObject({ ok: false, written: false, results: [{ status: 'failed' }] });
    expect(run.stdout).not.toContain('nk-S3cret');
  });

  it('import --yes without a keychain, in text: the keychain’s sentence once, then “as above”', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'cli-import-nokeychain-text-'));
    const file = path.join(dataDir, 'credentials');
    await writeFile(
      file,
      '[one]\nclient_id = nk-client-id-1\nclient_secret = nk-S3cret-1\n[two]\nclient_id = nk-client-id-2\nclient_secret = nk-S3cret-2\n[three]\nclient_id = nk-client-id-3\nclient_secret = nk-S3cret-3\n',
    );
    const run = await runCli(['profiles', 'import', file, '--yes'], {
      env: { ...NO_KEYCHAIN, TOKEN_TESTER_USER_DATA_DIR: dataDir },
    });
    expect(run.code).toBe(5);
    const rows = run.stdout.split('\n').filter((line) => /^(one|two|three): /.test(line));
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatch(/^one: .*keychain/i);
    expect(rows.slice(1)).toEqual(['two: not imported, as above.', 'three: not imported, as above.']);
    expect(run.stdout).not.toContain('nk-S3cret');
  });

  it('export --json of a damaged file: one JSON object saying why, exit 1, the file left alone', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'cli-export-damaged-'));
    await writeFile(path.join(dataDir, 'profiles.json'), '{ "version": 1, "profi');
    const run = await runCli(['profiles', 'export', '--json'], {
      env: { ...NO_KEYCHAIN, TOKEN_TESTER_USER_DATA_DIR: dataDir },
    });
    expect(run.code).toBe(1);
    expect(onlyJson(run)).toMatchObject({
      ok: false,
      exitCode: 1,
      outcome: 'usage-error',
      exported: false,
      message: expect.stringContaining(
        'cannot be exported as it is, because it is not valid JSON',
      ) as unknown,
    });
    expect(readFileSync(path.join(dataDir, 'profiles.json'), 'utf8')).toBe('{ "version": 1, "profi');
    // The command it suggests is written as it runs here (in the clone: through npx), as help's are.
    expect(run.stderr).toContain('“npx telstra-token profiles” shows what the app makes of it');
  });

  it('with HOME empty, looks in the account’s own home, never in the working folder', async () => {
    const run = await runCli(['profiles', '--json'], {
      env: { ...NO_KEYCHAIN, HOME: '', XDG_CONFIG_HOME: '', TOKEN_TESTER_USER_DATA_DIR: '' },
    });
    expect(run.code).toBe(0);
    expect(onlyJson(run)).toMatchObject({
      dataDir: path.join(userInfo().homedir, '.config', 'Telstra Token Tester'),
    });
  });
});

describe('what each command loads', () => {
  it('a request with --client-id loads nothing but the CLI itself: no keytar, no profile code', async () => {
    const api = await startServer((_req, res) => sendJson(res, 200, { access_token: 'tok' }));
    try {
      const run = await runCli(['request', '--endpoint', api.url(), '--client-id', 'abc', '--secret-stdin'], {
        stdin: 'secret',
        traceModules: true,
      });
      expect(run.code).toBe(0);
      expect(loadedModules(run)).toEqual([CLI_PATH]);
    } finally {
      await api.close();
    }
  });

  it('the sandbox adds only its own server code', async () => {
    const run = await runCli(
      ['request', '--endpoint', 'sandbox', '--client-id', SANDBOX_CLIENT_ID, '--secret-stdin'],
      { stdin: SANDBOX_CLIENT_SECRET, traceModules: true },
    );
    expect(run.code).toBe(0);
    const [cli, ...rest] = loadedModules(run);
    expect(cli).toBe(CLI_PATH);
    // The bundler's shared helpers (under 1 KB, needed once several chunks use them) may come along.
    expect(rest.filter((file) => !/[\\/]rolldown-runtime-[^\\/]+\.cjs$/.test(file))).toEqual([
      expect.stringMatching(/[\\/]dist[\\/]cli[\\/]sandbox-server-[^\\/]+\.cjs$/) as unknown,
    ]);
  });

  it('the profile commands load the profile code, and keytar only in their keychain helper', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'cli-profiles-'));
    const run = await runCli(['profiles'], {
      env: { ...NO_KEYCHAIN, TOKEN_TESTER_USER_DATA_DIR: dataDir },
      traceModules: true,
    });
    const modules = loadedModules(run);
    // keytar's calls block a thread Node waits for at exit: they run in a process of their own.
    expect(modules.some((file) => /[\\/]keytar[\\/]/.test(file))).toBe(false);
    expect(modules.some((file) => /[\\/]dist[\\/]cli[\\/]profile-access-[^\\/]+\.cjs$/.test(file))).toBe(
      true,
    );
  });
});
