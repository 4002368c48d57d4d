// keytar is an optional dependency: where its build was skipped (no libsecret, no C++ toolchain),
// `npm install` still succeeds, and the CLI and browser mode run with the keychain marked "not
// installed" and a one-line remedy, while one-off requests work as before.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, expect, it } from 'vitest';
import { assertBuiltCli, CLI_PATH, HIDE_KEYTAR, onlyJson, runCli } from '../support/cli';
import { firstJsonLine, pairedApi, sandboxTokenRequest } from '../support/pair';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dirs: string[] = [];
beforeAll(() => assertBuiltCli());
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});
const dataDir = async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'no-keytar-'));
  dirs.push(dir);
  return dir;
};

it('keytar is optional for installation (package.json)', () => {
  const pkg = JSON.parse(
    readFileSync(fileURLToPath(new URL('../../package.json', import.meta.url)), 'utf8'),
  ) as {
    dependencies?: Record<string, string>;
    optionalDependencies?: Record<string, string>;
  };
  expect(pkg.optionalDependencies?.keytar).toBeDefined();
  expect(pkg.dependencies?.keytar).toBeUndefined();
});

it('profiles: says in one line that keychain support is not installed, and how to get it', async () => {
  const run = await runCli(['profiles'], {
    withoutKeytar: true,
    env: { TOKEN_TESTER_USER_DATA_DIR: await dataDir() },
  });
  expect(run.code).toBe(0);
  const lines = run.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toContain('Keychain support not installed');
  expect(lines[0]).toContain('libsecret-1-dev');
  const json = await runCli(['profiles', '--json'], {
    withoutKeytar: true,
    env: { TOKEN_TESTER_USER_DATA_DIR: await dataDir() },
  });
  expect(onlyJson(json)).toMatchObject({ keychain: { available: false, problem: 'not-installed' } });
});

it('a one-off request still works', async () => {
  const run = await runCli(
    ['request', '--endpoint', 'sandbox', '--client-id', 'sandbox-client-id', '--secret-env', 'S', '--json'],
    { withoutKeytar: true, env: { S: 'sandbox-client-secret' } },
  );
  expect(run.code).toBe(0);
  expect(onlyJson(run)).toMatchObject({ ok: true, outcome: 'token-received' });
});

it('browser mode starts, reports the keychain as not installed, and gets a sandbox token', async () => {
  // Through NODE_OPTIONS, so its keychain helper process is started without keytar too.
  const child = spawn(process.execPath, [CLI_PATH, 'ui', '--json', '--no-open'], {
    env: {
      ...process.env,
      NODE_OPTIONS: `--import=${HIDE_KEYTAR}`,
      TOKEN_TESTER_USER_DATA_DIR: await dataDir(),
      BROWSER: 'none',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    const api = await pairedApi((await firstJsonLine(child)).url);
    const call = async (channel: string, arg?: unknown) =>
      ((await (await api(channel, arg)).json()) as { value: Record<string, unknown> }).value;
    expect(await call('profiles:list')).toMatchObject({
      keychain: { available: false, problem: 'not-installed' },
    });
    const sandbox = (await call('sandbox:info')).sandbox as { tokenUrl: string };
    const token = await call('token:request', sandboxTokenRequest('k-1', sandbox.tokenUrl));
    expect(token).toMatchObject({ ok: true });
  } finally {
    child.kill('SIGINT');
    await new Promise((resolve) => child.once('exit', resolve));
  }
});
