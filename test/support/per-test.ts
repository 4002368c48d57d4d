// What a test file's tests start and make, undone after each test: the processes they started
// (killed) and the data folder they made (removed), so a failed test leaves nothing running.
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';

export function undoneAfterEach(): {
  /** Processes to kill after the test. */
  readonly started: ChildProcess[];
  /** A new temporary folder named from `prefix`, removed after the test. */
  readonly folder: (prefix: string) => Promise<string>;
} {
  const started: ChildProcess[] = [];
  const folders: string[] = [];
  afterEach(async () => {
    for (const child of started.splice(0)) child.kill('SIGKILL');
    await Promise.all(folders.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
  });
  const folder = async (prefix: string) => {
    const dir = await mkdtemp(path.join(tmpdir(), prefix));
    folders.push(dir);
    return dir;
  };
  return { started, folder };
}
