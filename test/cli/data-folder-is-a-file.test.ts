// A data folder given as a path that is a file (a typo in --user-data-dir, a variable pointing at
// the credentials file): each command says so and what to do, instead of an internal error with
// a stack trace (exit 70), and nothing is written or changed.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertBuiltCli, runCli } from '../support/cli';

const NOTICE = 'is a file, not a folder';

describe('a data folder that is a file', () => {
  let file: string;
  let env: Record<string, string>;
  const contents = '[default]\nclient_id = abc123\nclient_secret = s3cretvalue99\n';

  beforeAll(async () => {
    assertBuiltCli();
    file = path.join(await mkdtemp(path.join(tmpdir(), 'data-file-')), 'credentials');
    await writeFile(file, contents);
    env = { TOKEN_TESTER_USER_DATA_DIR: file };
  });

  it('profiles: the notice, and that none could be read, not the advice to save one', async () => {
    const run = await runCli(['profiles'], { env });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(`the data folder “${file}” ${NOTICE}`);
    expect(run.stdout).toContain(`No profiles could be read from ${file}; the notice above says why.`);
    expect(run.stdout + run.stderr).not.toContain('internal error');
  });

  it('request --all-profiles and --profile: a usage error naming it (exit 1)', async () => {
    for (const args of [
      ['request', '--all-profiles', '--json'],
      ['request', '--profile', 'default', '--json'],
    ]) {
      const run = await runCli(args, { env });
      expect(run.code, args.join(' ')).toBe(1);
      expect(JSON.parse(run.stdout)).toMatchObject({
        outcome: 'usage-error',
        message: `No profiles could be read from ${file}; the notice above says why.`,
      });
      expect(run.stderr).toContain(NOTICE);
    }
  });

  it('profiles import --yes: writes nothing, and the file is as it was', async () => {
    const run = await runCli(['profiles', 'import', file, '--yes'], { env });
    expect(run.code).not.toBe(0);
    expect(run.code).not.toBe(70);
    expect(run.stdout + run.stderr).not.toContain('internal error');
    expect(await readFile(file, 'utf8')).toBe(contents);
  });
});
