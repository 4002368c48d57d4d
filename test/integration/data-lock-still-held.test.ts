// Whether a process still holds the data folder (DataLock's stillHeld, asked before each save:
// main/storage/folder-taken-over.ts) is "no" only when the lock file is seen to be another's or
// gone. A read of it that failed for this process's own reasons (out of file descriptors, a
// network share's I/O error) said "no" too: the save was refused with "Another program took over
// this data folder… Restart the app", and the user, restarting, lost what they had typed, though
// nothing had taken the folder over. Now such a failure is the save's error, said as it is.
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const OUT_OF_FILES = fileURLToPath(new URL('../support/still-held-out-of-files.ts', import.meta.url));
let folder = '';
beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'still-held-'));
});
afterAll(() => rm(folder, { recursive: true, force: true }));

describe('stillHeld, when the lock file cannot be read for a moment', () => {
  it('fails with the reason instead of saying the folder was taken over', () => {
    // The soft limit set low in a shell of its own, so only that process runs out.
    const run = spawnSync(
      'bash',
      ['-c', 'ulimit -Sn 256 && exec "$0" --import tsx "$1" "$2"', process.execPath, OUT_OF_FILES, folder],
      { encoding: 'utf8' },
    );
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual({ outOfFiles: { failed: 'EMFILE' }, after: { held: true } });
  });
});
