// JSON files in the user-data folder, written atomically (temporary file, flush, rename, flush
// the folder) so a crash leaves either the old file or the new one, never a partial one.
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';

/**
 * `damaged`: the contents are not JSON (or absurdly large). Otherwise the file could not be read
 * at all (permissions, a lock), and may be perfectly fine.
 */
export type JsonRead =
  | { kind: 'missing' }
  | { kind: 'ok'; data: unknown }
  | { kind: 'unreadable'; reason: string; damaged: boolean };

const MAX_FILE_BYTES = 16 * 1024 * 1024;

export async function readJsonFile(file: string): Promise<JsonRead> {
  let text: string;
  try {
    const buffer = await readFile(file);
    if (buffer.byteLength > MAX_FILE_BYTES)
      return { kind: 'unreadable', reason: 'it is too large', damaged: true };
    text = buffer.toString('utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    return {
      kind: 'unreadable',
      reason: `it could not be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
      damaged: false,
    };
  }
  try {
    return { kind: 'ok', data: JSON.parse(text) as unknown };
  } catch {
    return { kind: 'unreadable', reason: 'it is not valid JSON', damaged: true };
  }
}

export async function writeJsonFileAtomic(file: string, data: unknown): Promise<void> {
  const dir = path.dirname(file);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const temporary = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    const handle = await open(temporary, 'wx', 0o600);
    try {
      await handle.writeFile(`${JSON.stringify(data, null, 2)}\n`, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, file);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
  await syncFolder(dir);
}

/** The same, for the moment the app is closing and cannot wait for a promise. */
export function writeJsonFileAtomicSync(file: string, data: unknown): void {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    const fd = openSync(temporary, 'wx', 0o600);
    try {
      writeSync(fd, `${JSON.stringify(data, null, 2)}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, file);
  } catch (error) {
    try {
      unlinkSync(temporary);
    } catch {
      // Nothing was left behind.
    }
    throw error;
  }
}

/** Makes the rename itself durable. Not possible on every platform (Windows), so best effort. */
async function syncFolder(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // A folder cannot be opened for syncing here; the rename is still atomic.
  }
}

/**
 * Moves a damaged file out of the way under a new name, so nothing in it is lost and the app can
 * start afresh. Returns the new file name, or null if even that failed.
 */
export async function setAside(file: string, now: number): Promise<string | null> {
  const stamp = new Date(now).toISOString().replace(/[:.]/g, '-');
  const { dir, name, ext } = path.parse(file);
  const target = path.join(dir, `${name}.damaged-${stamp}${ext}`);
  try {
    await rename(file, target);
    return path.basename(target);
  } catch {
    return null;
  }
}

/** A temporary file this old is a crash's leftover, not another process's write in progress. */
const STALE_AFTER_MS = 60_000;

/** Removes temporary files a crash left behind mid-write (the CLI may be writing right now). */
export async function removeStaleTemporaries(file: string, now: number = Date.now()): Promise<void> {
  const dir = path.dirname(file);
  const prefix = `${path.basename(file)}.`;
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return;
  }
  await Promise.all(
    names
      .filter((name) => name.startsWith(prefix) && name.endsWith('.tmp'))
      .map(async (name) => {
        const leftover = path.join(dir, name);
        const { mtimeMs } = await stat(leftover).catch(() => ({ mtimeMs: now }));
        if (now - mtimeMs >= STALE_AFTER_MS) await unlink(leftover).catch(() => undefined);
      }),
  );
}
