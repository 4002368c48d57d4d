// Reading the data folder's lock file (./data-lock.ts), safely whatever is in its place.
import { closeSync, constants as fsConstants, fstatSync, openSync, readSync } from 'node:fs';
import { open } from 'node:fs/promises';

/** The most of a lock file read: its text is a few short lines. */
const LOCK_READ_BYTES = 4096;
/**
 * Opened without following a link or waiting for a writer, and read only if a regular file: a
 * pipe in the lock's place held the app for good (deaf to Ctrl-C), a link to /dev/zero read on
 * without end.
 */
const LOCK_READ_FLAGS = fsConstants.O_RDONLY | (fsConstants.O_NONBLOCK ?? 0) | (fsConstants.O_NOFOLLOW ?? 0);

/**
 * Failures of an open that say what is, or is not, in the lock's place: nothing, a link, something
 * that is not a file, a file not this user's. Any other (out of file descriptors, a network
 * share's I/O error) says nothing about the lock.
 */
const SAYS_WHAT_IS_THERE = new Set([
  'ENOENT',
  'ENOTDIR',
  'ELOOP',
  'EMLINK',
  'ENXIO',
  'EISDIR',
  'EACCES',
  'EPERM',
]);

/**
 * The lock file's text; null when it is not there or not a regular file (see data-lock.ts,
 * lockState). `strict`: a failure that says nothing about the lock (see SAYS_WHAT_IS_THERE) is
 * thrown, not taken for its absence: a holder asking whether it still holds the folder, out of
 * file descriptors for a moment, was told no, and its save refused as if another had taken over.
 */
export async function readLock(file: string, strict = false): Promise<string | null> {
  const handle = await open(file, LOCK_READ_FLAGS).catch((error: NodeJS.ErrnoException) => {
    if (strict && !SAYS_WHAT_IS_THERE.has(error.code ?? '')) throw error;
    return null;
  });
  if (handle === null) return null;
  try {
    if (!(await handle.stat()).isFile()) return null;
    const buffer = Buffer.alloc(LOCK_READ_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, LOCK_READ_BYTES, 0);
    return buffer.subarray(0, bytesRead).toString('utf8');
  } catch (error) {
    if (strict) throw error;
    return null;
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/** The same, for the moment the process exits and cannot wait for a promise. */
export function readLockSync(file: string): string | null {
  let fd: number | undefined;
  try {
    fd = openSync(file, LOCK_READ_FLAGS);
    if (!fstatSync(fd).isFile()) return null;
    const buffer = Buffer.alloc(LOCK_READ_BYTES);
    return buffer.subarray(0, readSync(fd, buffer, 0, LOCK_READ_BYTES, 0)).toString('utf8');
  } catch {
    return null;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
