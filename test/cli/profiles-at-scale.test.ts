// A support desk's data folder at the app's limits: the most profiles the app keeps (MAX_PROFILES),
// v3 ones with the preset's whole scope and names at their 80-character limit. `profiles export`
// writes them, and `profiles import` must read that file back (README: "a file from `profiles
// export`" works the same way); the import's size limit once refused it as "too large to be a
// credentials file", so the app could not read back what it had just written. And an import into
// a folder already at MAX_PROFILES is refused with the preview, before any question (at a terminal
// it once asked "Import 500 profiles? [y/N]" and refused the "y").
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { V3_SCOPE, V3_TOKEN_URL } from '../../app/endpoints';
import { LIMITS } from '../../app/limits';
import { MAX_PROFILES } from '../../app/profiles';
import { assertBuiltCli, CLI_PATH, onlyJson, runCli } from '../support/cli';

const FULL = `At most ${MAX_PROFILES} profiles can be saved and ${MAX_PROFILES} are, so only 0 more can be imported`;

/** The CLI on a pseudo-terminal (util-linux `script`), answering "y" to any [y/N] question. */
function atTerminal(args: readonly string[]) {
  const quote = (word: string) => `'${word.replaceAll("'", `'\\''`)}'`;
  const command = [process.execPath, CLI_PATH, ...args].map(quote).join(' ');
  const child = spawn('script', ['-qfec', command, '/dev/null'], {
    env: { ...process.env, NO_COLOR: '1', TERM: 'xterm-256color' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let seen = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    const asked = !seen.includes('[y/N]');
    seen += chunk;
    if (asked && seen.includes('[y/N]')) child.stdin.write('y\r');
  });
  return new Promise<{ code: number | null; output: string }>((resolve) =>
    child.on('close', (code) => resolve({ code, output: seen })),
  );
}

describe('profiles export and import at MAX_PROFILES', () => {
  let dir: string;
  let full: string;
  let empty: string;

  beforeAll(async () => {
    assertBuiltCli();
    dir = await mkdtemp(path.join(tmpdir(), 'cli-scale-'));
    full = path.join(dir, 'full');
    empty = path.join(dir, 'empty');
    await mkdir(full, { mode: 0o700 });
    await mkdir(empty, { mode: 0o700 });
    const profiles = Array.from({ length: MAX_PROFILES }, (_, i) => ({
      name: `Customer ${String(i).padStart(3, '0')} `.padEnd(LIMITS.profileName, 'Enterprise account '),
      preset: 'v3',
      clientId: `c${String(i).padStart(31, '0')}`,
      tokenUrl: V3_TOKEN_URL,
      grantType: 'client_credentials',
      scope: V3_SCOPE,
      id: randomUUID(),
      createdAt: 1_790_000_000_000 + i,
      updatedAt: 1_790_000_000_000 + i,
    }));
    await writeFile(path.join(full, 'profiles.json'), JSON.stringify({ version: 1, profiles }, null, 2), {
      mode: 0o600,
    });
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  let file: string;

  it('reads back every profile of its own export', async () => {
    const exported = await runCli(['profiles', 'export', `--user-data-dir=${full}`]);
    expect(exported.code).toBe(0);
    file = path.join(dir, 'export.json');
    await writeFile(file, exported.stdout);
    expect((JSON.parse(exported.stdout) as { profiles: unknown[] }).profiles).toHaveLength(MAX_PROFILES);

    const run = await runCli(['profiles', 'import', file, '--json', `--user-data-dir=${empty}`]);
    const answer = onlyJson(run) as {
      ok: boolean;
      message?: string;
      preview?: { rows: { suggestedName: string }[] };
    };
    expect(answer.message).toBeUndefined();
    expect(run.code).toBe(0);
    expect(answer.ok).toBe(true);
    expect(answer.preview?.rows).toHaveLength(MAX_PROFILES);
    expect(answer.preview?.rows.at(-1)?.suggestedName).toMatch(/^Customer 499 Enterprise/);
  });

  it('into a full folder, says with the preview that nothing can be imported, and asks nothing', async () => {
    const run = await runCli(['profiles', 'import', file, `--user-data-dir=${full}`]);
    expect(run.stdout.split('\n')[0]).toContain(FULL);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Nothing was written.');
    expect(run.stderr).not.toContain('Run again with --yes');

    const typed = await atTerminal(['profiles', 'import', file, `--user-data-dir=${full}`]);
    expect(typed.output).toContain(FULL);
    expect(typed.output).not.toContain('[y/N]');
    expect(typed.code).toBe(1);
    expect(typed.output).toContain('Nothing was written.');
  });

  it('counts only the rows that can be imported against the cap, in every preview alike', async () => {
    // One place left; the file's second row has no client ID, so it is never written (the window
    // cannot choose it, the command line skips it). The --json preview's summary (the window's
    // words) once counted it and said only 1 more could be imported, while the same command
    // without --json, and with --yes, found the import fitting.
    const nearlyFull = path.join(dir, 'nearly-full');
    await mkdir(nearlyFull, { mode: 0o700 });
    const saved = JSON.parse(await readFile(path.join(full, 'profiles.json'), 'utf8')) as {
      profiles: unknown[];
    };
    await writeFile(
      path.join(nearlyFull, 'profiles.json'),
      JSON.stringify({ version: 1, profiles: saved.profiles.slice(1) }),
      { mode: 0o600 },
    );
    const credentials = path.join(dir, 'one-fits');
    await writeFile(
      credentials,
      '[fits]\nclient_id = c-new\nclient_secret = s1\n[no-id]\nclient_secret = s2\n',
    );

    const shown = await runCli(['profiles', 'import', credentials, `--user-data-dir=${nearlyFull}`]);
    expect(shown.code).toBe(0);
    expect(shown.stdout.split('\n')[0]).toBe('Telstra credentials file (INI): 2 found.');
    const run = await runCli(['profiles', 'import', credentials, '--json', `--user-data-dir=${nearlyFull}`]);
    const answer = onlyJson(run) as { preview?: { summary: string; rows: { importable: boolean }[] } };
    expect(run.code).toBe(0);
    expect(answer.preview?.rows.map((row) => row.importable)).toEqual([true, false]);
    expect(answer.preview?.summary).toMatch(/^Telstra credentials file \(INI\): 2 found\. Secrets go/);
  });
});
