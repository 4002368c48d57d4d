// The data folder's lock when the computer's name changes while the lock is held (a Mac takes the
// name the network it joins gives it): the holder still knows the lock as its own, keeps its time
// fresh and removes it at the end. Judged afresh by name, it looked foreign to its own holder.
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { lockDataFolder, LOCK_FILE } from '../../main/browser/data-lock';

const name = vi.hoisted(() => ({ current: null as string | null }));
vi.mock('node:os', async (original) => {
  const os = await original<typeof import('node:os')>();
  const hostname = () => name.current ?? os.hostname();
  return { ...os, hostname, default: { ...os, hostname } };
});

const folders: string[] = [];
afterEach(async () => {
  name.current = null;
  await Promise.all(folders.splice(0).map((f) => rm(f, { recursive: true, force: true })));
});

describe('the lock when the computer is renamed', () => {
  it('stays its holder’s: kept fresh, then removed on release', async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'tt-lock-rename-'));
    folders.push(folder);
    const file = path.join(folder, LOCK_FILE);
    const lock = await lockDataFolder(folder, 'browser mode', null, 20);
    if (!lock.ok) throw new Error('not locked');
    const written = await readFile(file, 'utf8');
    const before = (await stat(file)).mtimeMs;
    name.current = 'renamed-by-the-network.local';
    // The heartbeat still touches it: wait for a newer time than the lock was written with.
    await vi.waitFor(async () => expect((await stat(file)).mtimeMs).toBeGreaterThan(before), {
      timeout: 10_000,
      interval: 20,
    });
    expect(await readFile(file, 'utf8')).toBe(written);
    await lock.release();
    await expect(stat(file)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
