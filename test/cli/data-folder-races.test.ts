// The command line and another process on one data folder at the same moment, with real
// processes on a real folder: a command that only reads the profiles file finds it damaged, and
// a `profiles import --yes` (holding the folder) replaces it before the reader does anything about
// it. The reader must never set aside, or rewrite, a file it did not read.
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { LOCK_FILE } from '../../main/browser/data-lock';
import { assertBuiltCli, CLI_PATH, runCli } from '../support/cli';
import { requireKeyringTools, secretToolLookup, testService } from '../support/keyring';

const IMPORT_AFTER_READ = fileURLToPath(new URL('../support/import-after-read.mjs', import.meta.url));
const CREDENTIALS = ['[one]', 'client_id = one-client-id-123', 'client_secret = one-S3cret!', ''].join('\n');
const DAMAGED = '{ "version": 1, "profi';

/** The CLI with `args`, an import run inside its first read of profiles.json (import-after-read.mjs). */
function runWithImportInside(args: readonly string[], env: Record<string, string>) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', IMPORT_AFTER_READ, CLI_PATH, ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 40_000,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe.runIf(requireKeyringTools('the command line racing an import', 'secret-tool'))(
  'a reading command and an import at once (private keyring)',
  () => {
    let dir: string;
    beforeAll(async () => {
      assertBuiltCli();
      dir = await mkdtemp(path.join(tmpdir(), 'cli-races-'));
      await writeFile(path.join(dir, 'credentials'), CREDENTIALS);
    });

    // A file not JSON (set aside), and one with an entry that is no profile (copied aside, the
    // rest written back: over the import's file, that lost the import's profile).
    const cases = [
      { args: ['profiles', '--json'], before: DAMAGED, what: 'a file not JSON' },
      { args: ['request', '--all-profiles', '--json'], before: DAMAGED, what: 'a file not JSON' },
      {
        args: ['profiles', '--json'],
        before: '{ "version": 1, "profiles": [42] }',
        what: 'an entry that is no profile',
      },
    ];
    for (const [index, { args, before, what }] of cases.entries()) {
      it(`${args.join(' ')} never sets aside or rewrites the file an import wrote after it read ${what}`, async () => {
        const data = path.join(dir, `case-${index}`);
        await mkdir(data);
        await writeFile(path.join(data, 'profiles.json'), before);
        const service = testService();
        const resultFile = path.join(dir, `case-${index}-import.json`);
        const env = {
          TOKEN_TESTER_USER_DATA_DIR: data,
          TOKEN_TESTER_KEYCHAIN_SERVICE: service,
          IMPORT_FILE: path.join(dir, 'credentials'),
          IMPORT_RESULT: resultFile,
        };
        const reader = await runWithImportInside(args, env);
        const imported = JSON.parse(await readFile(resultFile, 'utf8')) as { code: number; stdout: string };
        expect(imported.code).toBe(0);
        // The import's profile is where the app looks, with its secret; the one file set aside
        // (by the import) holds what was there before, never the import's.
        const saved = JSON.parse(await readFile(path.join(data, 'profiles.json'), 'utf8')) as {
          profiles: { id: string; name: string }[];
        };
        expect(saved.profiles.map((p) => p.name)).toEqual(['one']);
        expect(await secretToolLookup(service, saved.profiles[0]!.id)).toBe('one-S3cret!');
        const aside = (await readdir(data)).filter((name) => name.includes('.damaged-'));
        expect(aside).toHaveLength(1);
        for (const name of aside) expect(await readFile(path.join(data, name), 'utf8')).toBe(before);
        // The reader kept nothing aside: what it read was gone by the time it held the folder.
        expect(reader.stderr).not.toContain('kept as');
      });
    }

    it('leaves a damaged file as it is while another process holds the folder, and says which', async () => {
      const data = path.join(dir, 'held');
      await mkdir(data);
      await writeFile(path.join(data, 'profiles.json'), DAMAGED);
      // Browser mode's lock, naming a live process (this test's).
      await writeFile(path.join(data, LOCK_FILE), `${process.pid}\nbrowser mode\n`);
      const env = { TOKEN_TESTER_USER_DATA_DIR: data, TOKEN_TESTER_KEYCHAIN_SERVICE: testService() };
      const listed = await runCli(['profiles'], { env });
      expect(listed.stderr).toContain(
        `telstra-token: Your saved profiles could not be loaded because the file is not valid JSON. The file was left as it is. Another process is using the data folder now (browser mode, process ${process.pid}), so nothing is changed from here.`,
      );
      expect((await readdir(data)).sort()).toEqual([LOCK_FILE, 'profiles.json']);
      expect(await readFile(path.join(data, LOCK_FILE), 'utf8')).toBe(`${process.pid}\nbrowser mode\n`);
    });

    it('says where the process holding the folder runs, when on another computer sharing it', async () => {
      const data = path.join(dir, 'held-elsewhere');
      await mkdir(data);
      await writeFile(path.join(data, 'profiles.json'), DAMAGED);
      // "process 1234" alone named no process of this computer's.
      await writeFile(path.join(data, LOCK_FILE), '1234\nbrowser mode\n\nother-computer.invalid\n\n');
      const env = { TOKEN_TESTER_USER_DATA_DIR: data, TOKEN_TESTER_KEYCHAIN_SERVICE: testService() };
      const listed = await runCli(['profiles'], { env });
      expect(listed.stderr).toContain(
        'Another process is using the data folder now (browser mode, process 1234 on the computer “other-computer.invalid”), so nothing is changed from here.',
      );
    });

    it('removes a crash’s temporary file only while no other process holds the folder', async () => {
      const data = path.join(dir, 'temporaries');
      await mkdir(data);
      await writeFile(path.join(data, 'profiles.json'), '{ "version": 1, "profiles": [] }');
      // Old enough to be a crash's, but it may be a slow write of the holder's: left to it.
      const temporary = path.join(data, 'profiles.json.0123456789ab.tmp');
      await writeFile(temporary, '{}');
      const long = new Date(Date.now() - 3_600_000);
      await utimes(temporary, long, long);
      await writeFile(path.join(data, LOCK_FILE), `${process.pid}\nbrowser mode\n`);
      const env = { TOKEN_TESTER_USER_DATA_DIR: data, TOKEN_TESTER_KEYCHAIN_SERVICE: testService() };
      expect((await runCli(['profiles'], { env })).code).toBe(0);
      expect((await readdir(data)).sort()).toEqual([LOCK_FILE, 'profiles.json', path.basename(temporary)]);
      // Nothing holds it now: removed, under the folder's lock, let go after.
      await rm(path.join(data, LOCK_FILE));
      expect((await runCli(['profiles'], { env })).code).toBe(0);
      expect(await readdir(data)).toEqual(['profiles.json']);
    });
  },
);
