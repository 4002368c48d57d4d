// A process killed in the middle of saving leaves the old file or the new one, never a partial
// one: the app's atomic writer, killed with SIGKILL at random moments, many times over.
import { fork } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../support/launch';

async function killMidWrite(file: string, kind: 'profiles' | 'history', afterMs: number): Promise<void> {
  const child = fork(path.join(projectRoot, 'test/support/write-forever.ts'), [file, kind], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
  });
  await new Promise<void>((resolve) => child.once('message', () => resolve()));
  await new Promise((resolve) => setTimeout(resolve, afterMs));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGKILL');
  await exited;
}

describe.each(['profiles', 'history'] as const)('killing a process that is saving %s', (kind) => {
  it('always leaves a whole file, from one generation', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'crash-'));
    const file = path.join(dir, `${kind}.json`);
    const generations: number[] = [];
    for (let round = 0; round < 12; round += 1) {
      await killMidWrite(file, kind, 20 + ((round * 37) % 180));
      const data = JSON.parse(await readFile(file, 'utf8')) as Record<string, Array<{ generation: number }>>;
      const items = data[kind === 'history' ? 'entries' : 'profiles'] ?? [];
      expect(items).toHaveLength(200);
      expect(new Set(items.map((item) => item.generation)).size).toBe(1);
      generations.push(items[0]?.generation ?? 0);
    }
    expect(Math.max(...generations)).toBeGreaterThan(1);
  }, 120_000);
});
