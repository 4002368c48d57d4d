// JSON files in the user-data folder, written atomically (temporary file, flush, rename, flush
// the folder) so a crash leaves either the old file or the new one, never a partial one.
import { isUtf8 } from 'node:buffer';
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fstatSync,
  fsyncSync,
  lstatSync,
  openSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import {
  constants as fsConstants,
  lstat,
  open,
  readdir,
  realpath,
  rename,
  stat,
  unlink,
} from 'node:fs/promises';
import type { Stats } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { makeFolder, makeFolderSync } from './make-folder';

/**
 * `damaged`: the contents are not JSON (or absurdly large). Otherwise the file could not be read
 * at all (permissions, a lock), and may be perfectly fine.
 */
export type JsonRead =
  | { kind: 'missing' }
  /** `lossy`: bytes that are not UTF-8 were read as U+FFFD (the file is kept before a write). */
  | { kind: 'ok'; data: unknown; lossy?: true }
  | { kind: 'unreadable'; reason: string; damaged: boolean };

/** A file larger than this is taken for damaged (TOO_LARGE): a store keeps its own well under it. */
export const MAX_FILE_BYTES = 16 * 1024 * 1024;

/**
 * Opened without waiting for a writer: a named pipe in the file's place would otherwise hold the
 * app for good. (Windows has no such flag, nor pipes in a folder.)
 */
const READ_FLAGS = fsConstants.O_RDONLY | (fsConstants.O_NONBLOCK ?? 0);

/** Only a regular file is read: a pipe or a device (/dev/zero) has no end to read to. */
const NOT_A_FILE: JsonRead = {
  kind: 'unreadable',
  reason: 'it is not a regular file (a pipe, a device or a folder)',
  damaged: false,
};
const TOO_LARGE: JsonRead = { kind: 'unreadable', reason: 'it is too large', damaged: true };

export async function readJsonFile(file: string): Promise<JsonRead> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(file, READ_FLAGS);
    const info = await handle.stat();
    if (!info.isFile()) return NOT_A_FILE;
    // Judged by its size before anything is read into memory.
    if (info.size > MAX_FILE_BYTES) return TOO_LARGE;
    return decode(await handle.readFile());
  } catch (error) {
    return readFailure(error, file);
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/** The same, for the start-up moment that cannot wait for a promise (the window's state). */
export function readJsonFileSync(file: string): JsonRead {
  let fd: number | undefined;
  try {
    fd = openSync(file, READ_FLAGS);
    const info = fstatSync(fd);
    if (!info.isFile()) return NOT_A_FILE;
    if (info.size > MAX_FILE_BYTES) return TOO_LARGE;
    return decode(readFileSync(fd));
  } catch (error) {
    return readFailure(error, file);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function decode(buffer: Buffer): JsonRead {
  // It may have grown since its size was judged.
  if (buffer.byteLength > MAX_FILE_BYTES) return TOO_LARGE;
  try {
    // A byte-order mark, as some Windows editors save UTF-8, is not part of the JSON.
    const text = buffer.toString('utf8').replace(/^\uFEFF/, '');
    const data = JSON.parse(text) as unknown;
    // Read as far as it goes (a name typed in another encoding), but said, and kept (json-store).
    return text.includes('\uFFFD') && !isUtf8(buffer)
      ? { kind: 'ok', data, lossy: true }
      : { kind: 'ok', data };
  } catch {
    return { kind: 'unreadable', reason: 'it is not valid JSON', damaged: true };
  }
}

/**
 * Not there at all, or there but not readable (which says nothing about its contents). A link to
 * a file that is not there (on a drive not mounted now) is not a missing file: left alone.
 */
function readFailure(error: unknown, file: string): JsonRead {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') {
    let link = false;
    try {
      link = lstatSync(file).isSymbolicLink();
    } catch {
      // Not there at all.
    }
    if (!link) return { kind: 'missing' };
    return { kind: 'unreadable', reason: 'it is a link to a file that is not there', damaged: false };
  }
  return { kind: 'unreadable', reason: `it could not be read (${code ?? 'error'})`, damaged: false };
}

/**
 * Where a write goes: through a link the user made (the file kept on another drive, or in a synced
 * folder) to the file it names, so the link stays a link and that file gets the new contents. Only
 * to a regular file: a write renames a new file over what the link names, and a link to a device
 * or a pipe (/dev/zero) is no data file kept elsewhere; the stores never write over one (it is
 * left as it is), and were that ever to slip, the link is replaced, never the device itself.
 */
async function writeTarget(file: string): Promise<string> {
  try {
    if (!(await lstat(file)).isSymbolicLink() || !(await onlyOwnerWrites(path.dirname(file)))) return file;
    const target = await realpath(file);
    return (await stat(target)).isFile() ? target : file;
  } catch {
    // Not there yet, or a link to nothing: the file itself (a store does not write over the latter).
  }
  return file;
}

/**
 * Whether only this user can change what is in the folder: otherwise someone else could put a
 * link to any of this user's files in a data file's place, and a write through it would replace
 * that file. (Windows: the folder inherits the user profile's rules.)
 */
const onlyOwnerWrites = async (dir: string) => onlyOwnerChanges(await stat(dir));

/** The same judgement, of a folder's `stat` (where it leads, if it is itself a link). */
function onlyOwnerChanges(folder: Stats): boolean {
  // Windows: a folder's access rules are not modes, and other users may change some folders (one
  // made under C:\, a network share): a link is never followed there.
  if (process.platform === 'win32') return false;
  return folder.isDirectory() && folder.uid === process.getuid?.() && (folder.mode & 0o022) === 0;
}

export const writeJsonFileAtomic = (linkOrFile: string, data: unknown): Promise<void> =>
  writeFileAtomic(linkOrFile, `${JSON.stringify(data, null, 2)}\n`);

/**
 * `text` as the file's whole contents, or the file as it was: a new file (private to this user)
 * beside it, renamed over it once written, so a crash or a full disk midway never leaves half.
 */
export async function writeFileAtomic(linkOrFile: string, text: string): Promise<void> {
  const file = await writeTarget(linkOrFile);
  const dir = path.dirname(file);
  await makeFolder(dir, 0o700);
  const temporary = temporaryBeside(file);
  try {
    const handle = await open(temporary, 'wx', 0o600);
    try {
      await handle.writeFile(text, 'utf8');
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

/**
 * A new name beside `file`: its own name and a random part, or the random part alone for a name
 * too long to take 18 more bytes (most systems allow 255): a report named so in the save dialog
 * could not be saved (ENAMETOOLONG), where a plain write had saved it.
 */
function temporaryBeside(file: string): string {
  const random = randomBytes(6).toString('hex');
  return Buffer.byteLength(path.basename(file)) + 18 > 255
    ? path.join(path.dirname(file), `.${random}.tmp`)
    : `${file}.${random}.tmp`;
}

/** The same, for the moment the app is closing and cannot wait for a promise. */
export function writeJsonFileAtomicSync(linkOrFile: string, data: unknown): void {
  let file = linkOrFile;
  try {
    if (onlyOwnerChanges(statSync(path.dirname(linkOrFile))) && lstatSync(linkOrFile).isSymbolicLink()) {
      const target = realpathSync(linkOrFile);
      if (statSync(target).isFile()) file = target;
    }
  } catch {
    // As writeTarget.
  }
  makeFolderSync(path.dirname(file), 0o700);
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

/** A temporary file this old is a crash's leftover, not another process's write in progress. */
const STALE_AFTER_MS = 60_000;

/** The temporary files beside `file` old enough to be a crash's leftovers (see STALE_AFTER_MS). */
export async function staleTemporaries(file: string, now: number = Date.now()): Promise<string[]> {
  const dir = path.dirname(file);
  const prefix = `${path.basename(file)}.`;
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const stale = await Promise.all(
    names
      .filter((name) => name.startsWith(prefix) && name.endsWith('.tmp'))
      .map(async (name) => {
        const leftover = path.join(dir, name);
        const { mtimeMs } = await stat(leftover).catch(() => ({ mtimeMs: now }));
        return now - mtimeMs >= STALE_AFTER_MS ? [leftover] : [];
      }),
  );
  return stale.flat();
}

/** Removes temporary files a crash left behind mid-write (the CLI may be writing right now). */
export async function removeStaleTemporaries(file: string, now: number = Date.now()): Promise<void> {
  await Promise.all(
    (await staleTemporaries(file, now)).map((leftover) => unlink(leftover).catch(() => undefined)),
  );
}

export function removeStaleTemporariesSync(file: string, now: number = Date.now()): void {
  const dir = path.dirname(file);
  const prefix = `${path.basename(file)}.`;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names.filter((each) => each.startsWith(prefix) && each.endsWith('.tmp'))) {
    const leftover = path.join(dir, name);
    try {
      if (now - statSync(leftover).mtimeMs >= STALE_AFTER_MS) unlinkSync(leftover);
    } catch {
      // Gone already, or not ours to remove.
    }
  }
}
