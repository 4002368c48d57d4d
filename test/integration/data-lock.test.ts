// The data folder's lock (main/browser/data-lock.ts) between real processes: two that start at
// the same moment over a lock file a crashed app left must never both take the folder, or each
// would write its own copy of the profiles over the other's.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lockDataFolder, LOCK_FILE } from '../../main/browser/data-lock';

const CONTENDER = fileURLToPath(new URL('../support/lock-contender.ts', import.meta.url));

interface Contender {
  /** Sends a command and resolves with the line it prints. */
  ask(command: string): Promise<string>;
  readonly child: ChildProcessWithoutNullStreams;
}

function contender(): Contender {
  const child = spawn(process.execPath, ['--import', 'tsx', CONTENDER], { stdio: 'pipe' });
  const waiting: Array<(line: string) => void> = [];
  createInterface({ input: child.stdout }).on('line', (line) => waiting.shift()?.(line));
  return {
    child,
    ask: (command) =>
      new Promise((resolve) => {
        waiting.push(resolve);
        child.stdin.write(`${command}\n`);
      }),
  };
}

/** A process id no process has now: one that has exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.once('exit', resolve));
  return child.pid!;
}

let dir: string;
let both: Contender[];
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'data-lock-'));
  both = [contender(), contender()];
  // Each has started and answers (its module loaded) before any race.
  for (const one of both) expect(await one.ask('release')).toBe('released');
});
afterAll(async () => {
  for (const one of both) one.child.kill();
  await rm(dir, { recursive: true, force: true });
});

describe('the data folder lock', () => {
  it('is taken by exactly one of two processes starting together over a crashed app’s lock file', async () => {
    const dead = await deadPid();
    for (let trial = 0; trial < 25; trial += 1) {
      const folder = path.join(dir, `race-${trial}`);
      await rm(folder, { recursive: true, force: true });
      await mkdir(folder, { recursive: true });
      await writeFile(path.join(folder, LOCK_FILE), `${dead}\nbrowser mode\n`);
      const at = Date.now() + 150;
      const outcomes = await Promise.all(both.map((one) => one.ask(`take ${folder} ${at}`)));
      expect(outcomes.sort(), `trial ${trial}`).toEqual(['ok', 'refused']);
      for (const one of both) await one.ask('release');
      // Nothing of the takeover is left behind.
      expect(await readdir(folder)).toEqual([]);
    }
  }, 60_000);

  it('takes over a takeover lock a process that died while taking over left behind', async () => {
    const folder = path.join(dir, 'left-mid-takeover');
    await mkdir(folder, { recursive: true });
    await writeFile(path.join(folder, LOCK_FILE), `${await deadPid()}\nbrowser mode\n`);
    const guard = path.join(folder, `${LOCK_FILE}.takeover`);
    await writeFile(guard, `${await deadPid()}\n`);
    const longAgo = new Date(Date.now() - 60_000);
    await utimes(guard, longAgo, longAgo);
    const lock = await lockDataFolder(folder, 'a profiles import');
    expect(lock.ok).toBe(true);
    if (lock.ok) await lock.release();
    expect(await readdir(folder)).toEqual([]);
  });
});
