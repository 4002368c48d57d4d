// `mkdir -p` without Node's endless loop (main/storage/make-folder.ts): what it makes, what it
// refuses and why, and a folder under /proc (Linux), which Node's recursive mkdir tried forever.
// That one runs in a child process, so a loop is a failed run, not a stuck test worker.
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeFolder, makeFolderSync } from '../../main/storage/make-folder';

const root = fileURLToPath(new URL('../..', import.meta.url));
let base: string;
beforeAll(async () => {
  base = await mkdtemp(path.join(tmpdir(), 'make-folder-'));
});
afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

const codeOf = (run: () => unknown) => {
  try {
    run();
    return null;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code;
  }
};

describe('makeFolder and makeFolderSync', () => {
  it('make every missing folder with the mode given, and accept one that is there', async () => {
    const deep = path.join(base, 'a', 'b', 'c');
    await makeFolder(deep, 0o700);
    await makeFolder(deep, 0o700);
    expect((await stat(path.join(base, 'a'))).mode & 0o777).toBe(0o700);
    makeFolderSync(path.join(base, 'd', 'e'), 0o700);
    makeFolderSync(path.join(base, 'd', 'e'), 0o700);
    expect((await stat(path.join(base, 'd', 'e'))).isDirectory()).toBe(true);
  });

  it('say why a name cannot be a folder: a file, a link to nothing', async () => {
    await writeFile(path.join(base, 'file'), '');
    await symlink(path.join(base, 'nowhere', 'x'), path.join(base, 'dangling'));
    await expect(makeFolder(path.join(base, 'file'), 0o700)).rejects.toMatchObject({ code: 'EEXIST' });
    await expect(makeFolder(path.join(base, 'file', 'x'), 0o700)).rejects.toMatchObject({ code: 'ENOTDIR' });
    await expect(makeFolder(path.join(base, 'dangling'), 0o700)).rejects.toMatchObject({ code: 'ENOENT' });
    expect(codeOf(() => makeFolderSync(path.join(base, 'file'), 0o700))).toBe('EEXIST');
    expect(codeOf(() => makeFolderSync(path.join(base, 'dangling', 'y'), 0o700))).toBe('ENOENT');
  });

  it.runIf(process.platform === 'linux')('refuse a folder under /proc (ENOENT), and return', () => {
    const script = `
      import { makeFolder, makeFolderSync } from './main/storage/make-folder.ts';
      let sync = null;
      try { makeFolderSync('/proc/1/token-tester-x/y', 0o700); } catch (error) { sync = error.code; }
      const later = await makeFolder('/proc/1/token-tester-x/y', 0o700).then(() => null, (error) => error.code);
      console.log(JSON.stringify([sync, later]));`;
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: root,
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(run.signal, 'the child was stopped: it did not return').toBeNull();
    expect(JSON.parse(run.stdout.trim())).toEqual(['ENOENT', 'ENOENT']);
  });
});
