// `profiles import --yes` killed (SIGKILL: the laptop's lid, the OS, kill -9) at each step of
// saving its rows: the real command line, the shared private keyring, secret-tool checking it from
// outside. Whatever step it dies at, no secret is left in the keychain without a profile the app
// lists (the user could neither see nor remove it); a profile saved without its secret is listed,
// and said to be missing it. The process is stopped at the step by stop-at-profiles-write.mjs and
// killed once it says so: never after a delay.
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { assertBuiltCli, CLI_PATH, onlyJson, runCli } from '../support/cli';
import { requireTestKeyring, secretToolLookup, testService } from '../support/keyring';
import { UNTIL_IT_HOLDS } from '../support/until';

const STOP_AT = fileURLToPath(new URL('../support/stop-at-profiles-write.mjs', import.meta.url));
const SECRETS: Readonly<Record<string, string>> = { one: 'one-S3cret!', two: 'two-S3cret!' };
const CREDENTIALS = Object.entries(SECRETS)
  .map(([name, secret]) => `[${name}]\nclient_id = ${name}-client-id-123\nclient_secret = ${secret}\n`)
  .join('\n');

/** The accounts secret-tool finds under `service`. */
function accountsUnder(service: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    execFile(
      'secret-tool',
      ['search', '--all', 'service', service],
      { encoding: 'utf8' },
      (error, stdout, stderr) => {
        // secret-tool exits 1 with nothing printed when nothing matches.
        if (error && (error as { code?: unknown }).code !== 1)
          return reject(new Error('secret-tool search failed', { cause: error }));
        const text = `${stdout}${stderr}`;
        resolve([...text.matchAll(/^attribute\.account = (.+)$/gm)].map((m) => m[1] ?? ''));
      },
    );
  });
}

/** The import, stopped at `step` and killed there with its keychain helper (its process group). */
async function importKilledAt(step: string, env: Record<string, string>, marker: string): Promise<void> {
  const child = spawn(
    process.execPath,
    ['--import', STOP_AT, CLI_PATH, 'profiles', 'import', env.FILE!, '--yes'],
    {
      env: { ...process.env, ...env, STOP_AT: step, STOP_MARKER: marker },
      stdio: 'ignore',
      detached: true,
    },
  );
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let code: number | null | undefined;
  void exited.then((c) => (code = c));
  // An import that ends before the step (it should not) fails here instead of waiting.
  await vi.waitFor(() => {
    expect(code).toBeUndefined();
    expect(existsSync(marker)).toBe(true);
  }, UNTIL_IT_HOLDS);
  process.kill(-child.pid!, 'SIGKILL');
  await exited;
}

describe.runIf(requireTestKeyring('profiles import killed midway'))('profiles import killed midway', () => {
  let dir: string;
  beforeAll(async () => {
    assertBuiltCli();
    dir = await mkdtemp(path.join(tmpdir(), 'killed-import-'));
    await writeFile(path.join(dir, 'credentials'), CREDENTIALS);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  // open:N, the Nth write of profiles.json about to start; renamed:N, just done.
  // What is left, each row's secret state: the file is written first, then the secret.
  it.each([
    ['open:1', {}],
    ['renamed:1', { one: 'missing' }],
    ['open:2', { one: 'stored' }],
    ['renamed:2', { one: 'stored', two: 'missing' }],
  ])(
    'killed at %s, leaves no secret the app does not list',
    async (step, left) => {
      const data = await mkdtemp(path.join(dir, 'data-'));
      const service = testService();
      const env = {
        TOKEN_TESTER_USER_DATA_DIR: data,
        TOKEN_TESTER_KEYCHAIN_SERVICE: service,
        FILE: path.join(dir, 'credentials'),
      };
      await importKilledAt(step, env, path.join(dir, `${path.basename(data)}.stopped`));

      const listed = onlyJson(await runCli(['profiles', '--json'], { env }));
      const profiles = listed.profiles as { id: string; name: string; secret: string }[];
      const accounts = await accountsUnder(service);
      // Every secret in the keychain is a listed profile's, and the one its row had.
      for (const account of accounts) expect(profiles.map((p) => p.id)).toContain(account);
      for (const p of profiles) {
        const stored = await secretToolLookup(service, p.id);
        expect(stored).toBe(p.secret === 'stored' ? SECRETS[p.name] : null);
      }
      expect(Object.fromEntries(profiles.map((p) => [p.name, p.secret]))).toEqual(left);
      // A profile saved without its secret is said to be missing it, where the user looks.
      const missing = profiles.filter((p) => p.secret === 'missing').map((p) => p.name);
      const words = (await runCli(['profiles'], { env })).stdout;
      for (const name of missing)
        expect(words).toMatch(new RegExp(`^\\s*${name} .*missing from the keychain$`, 'm'));
    },
    60_000,
  );
});
