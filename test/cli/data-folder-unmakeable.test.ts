// A data folder that cannot be made for a reason other than permissions: a link to a folder that
// is not there (the recursive mkdir answers ENOENT, as it does on a read-only file system), a link
// that leads back to itself (ELOOP), a name too long (ENAMETOOLONG). Browser mode and an import
// say so and what to do, instead of an internal error with a stack trace (exit 70), or a hang (a
// folder under /proc).
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuiltCli, CLI_PATH, runCli } from '../support/cli';

let base: string;
let credentials: string;
const folders: Record<string, () => string> = {
  'a link to a folder that is not there': () => path.join(base, 'dangling'),
  'a link that leads back to itself': () => path.join(base, 'loop-a'),
  'a name too long': () => path.join(base, 'n'.repeat(300)),
};
const WORDS: Record<string, string> = {
  'a link to a folder that is not there': 'a folder on its path cannot be made',
  'a link that leads back to itself': 'too many symbolic links',
  'a name too long': 'its path, or a name in it, is too long',
};
// Linux: /proc answers ENOENT for any new name in a folder that is there, and Node's recursive
// mkdir then tried the parent and the child again, forever, at full CPU: the command never ended.
if (process.platform === 'linux') {
  folders['a folder under /proc'] = () => '/proc/1/token-tester-data/deeper';
  WORDS['a folder under /proc'] = 'a folder on its path cannot be made';
}

beforeAll(async () => {
  assertBuiltCli();
  base = await mkdtemp(path.join(tmpdir(), 'data-unmakeable-'));
  await symlink(path.join(base, 'missing', 'deeper'), path.join(base, 'dangling'));
  await symlink(path.join(base, 'loop-b'), path.join(base, 'loop-a'));
  await symlink(path.join(base, 'loop-a'), path.join(base, 'loop-b'));
  credentials = path.join(base, 'credentials');
  await writeFile(credentials, '[default]\nclient_id = abc123\nclient_secret = s3cretvalue99\n');
});
afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

describe.each(Object.keys(folders))('a data folder that is %s', (kind) => {
  it('ui: does not start, and says why (exit 1, not an internal error)', async () => {
    const dir = folders[kind]!();
    const run = await runCli(['ui', '--json', '--no-open'], { env: { TOKEN_TESTER_USER_DATA_DIR: dir } });
    expect(run.stdout + run.stderr).not.toContain('internal error');
    expect(run.code).toBe(1);
    const answer = JSON.parse(run.stdout.trim().split('\n')[0] ?? '') as Record<string, unknown>;
    expect(answer).toMatchObject({ ok: false, outcome: 'not-started' });
    expect(answer.message).toContain(`The data folder ${dir} cannot be written (${WORDS[kind]}`);
  });

  it('profiles import --yes: writes nothing, and says why (exit 1)', async () => {
    const dir = folders[kind]!();
    const run = await runCli(['profiles', 'import', credentials, '--yes', `--user-data-dir=${dir}`]);
    expect(run.stdout + run.stderr).not.toContain('internal error');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(WORDS[kind]);
  });
});

// A folder where every write stops at once: a limit on the size of files (ulimit -f 0, with the
// signal it sends ignored, as a shell script may run it). The lock's file was made, then not
// written: it was left in the folder, and its write's EFBIG ended browser mode as an internal error.
describe.skipIf(process.platform === 'win32')(
  'a data folder where no file can be written past 0 bytes',
  () => {
    const limited = (args: readonly string[], dir: string) =>
      new Promise<{ code: number | null; out: string }>((resolve) => {
        const quoted = [CLI_PATH, ...args].map((arg) => `'${arg}'`).join(' ');
        const child = spawn(
          'bash',
          ['-c', `trap '' XFSZ; ulimit -f 0; exec '${process.execPath}' ${quoted}`],
          {
            env: { ...process.env, TOKEN_TESTER_USER_DATA_DIR: dir, BROWSER: 'none' },
          },
        );
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
        child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
        child.on('close', (code) => resolve({ code, out }));
      });

    it('ui: does not start, says why (exit 1, not an internal error), and leaves no file behind', async () => {
      const dir = path.join(base, 'size-limited');
      await mkdir(dir);
      const run = await limited(['ui', '--json', '--no-open'], dir);
      expect(run.out).not.toContain('internal error');
      expect(run.code).toBe(1);
      expect(run.out).toContain(
        `The data folder ${dir} cannot be written (a file over the size this system allows)`,
      );
      expect(await readdir(dir)).toEqual([]);
    });
  },
);
