// Setting a damaged data file aside, or keeping a copy of one, under a new name beside it
// ("settings.damaged-<time>.json"), so nothing in it is lost when the app starts that file afresh.
import { closeSync, openSync, renameSync, unlinkSync } from 'node:fs';
import { chmod, copyFile, constants as fsConstants, link, open, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import { FILE_PROBLEMS } from './file-problems';

/**
 * How many copies of one file may be made at one time stamp: the clock may repeat it (or be set
 * back to it), and each later copy then gets a number (-2, -3, …) instead of replacing the first.
 */
const MAX_COPIES = 1000;

/**
 * The name a copy of a file was made under (in the same folder), or, when none could be made,
 * why the folder did not take it, in words: "a read-only file system".
 */
export type Kept = { readonly name: string } | { readonly name: null; readonly problem: string };

/** Where a copy or a moved file is, said after its name. */
export const FOLDER_NOTE = 'in the app’s data folder';

/**
 * Said when a file is readable but no copy of it could be made beside it (set-aside.ts, Kept): it
 * is the folder that is the trouble, not the file.
 */
export const notWritten = (problem: string) => `the data folder could not be written (${problem})`;
export const NOT_UNTIL_WRITABLE =
  'Nothing will be saved until the app is restarted with the data folder writable.';

const ALL_NAMES_TAKEN: Kept = { name: null, problem: 'every name for a copy is taken' };

function notKept(error: unknown): Kept {
  const code = (error as NodeJS.ErrnoException).code;
  const problem = code === undefined ? 'an unknown error' : (FILE_PROBLEMS[code] ?? code.slice(0, 20));
  return { name: null, problem };
}

/** `make` makes the copy under the name it is given, failing with EEXIST when that name is taken. */
async function underNewName(
  file: string,
  now: number,
  make: (target: string) => Promise<void>,
): Promise<Kept> {
  for (let n = 1; n <= MAX_COPIES; n += 1) {
    const target = damagedName(file, now, n);
    try {
      await make(target);
      return { name: path.basename(target) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') return notKept(error);
    }
  }
  return ALL_NAMES_TAKEN;
}

/**
 * Moves a damaged file out of the way under a new name, so nothing in it is lost and the app can
 * start afresh.
 */
export function setAside(file: string, now: number): Promise<Kept> {
  return underNewName(file, now, async (target) => {
    // The name is taken first, by a new empty file (never one already there), and the file renamed
    // over that: a rename alone would replace a copy set aside earlier under the same name.
    await (await open(target, 'wx', 0o600)).close();
    await rename(file, target).catch(async (error: unknown) => {
      await unlink(target).catch(() => undefined);
      throw error;
    });
  });
}

/**
 * Keeps a copy of the file under the set-aside name and leaves the file itself in place: until a
 * new version has been written over it (atomically), the original is still where the app looks.
 */
export function keepCopy(file: string, now: number): Promise<Kept> {
  return underNewName(file, now, async (target) => {
    await copyFile(file, target, fsConstants.COPYFILE_EXCL);
    await chmod(target, 0o600);
  });
}

/**
 * Gives the file a second name, the set-aside one (a hard link: nothing is copied), and leaves it
 * in place: until a new version has been written over it (atomically), the original is still
 * where the app looks. A folder that takes no links (some network or FAT drives) says why.
 */
export function linkAside(file: string, now: number): Promise<Kept> {
  return underNewName(file, now, (target) => link(file, target));
}

/** The same as setAside, for the start-up moment that cannot wait for a promise. */
export function setAsideSync(file: string, now: number): Kept {
  for (let n = 1; n <= MAX_COPIES; n += 1) {
    const target = damagedName(file, now, n);
    try {
      closeSync(openSync(target, 'wx', 0o600));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue;
      return notKept(error);
    }
    try {
      renameSync(file, target);
      return { name: path.basename(target) };
    } catch (error) {
      try {
        unlinkSync(target);
      } catch {
        // The name stays taken by an empty file; nothing of the damaged one is lost.
      }
      return notKept(error);
    }
  }
  return ALL_NAMES_TAKEN;
}

function damagedName(file: string, now: number, n: number): string {
  const stamp = new Date(now).toISOString().replace(/[:.]/g, '-');
  const { dir, name, ext } = path.parse(file);
  return path.join(dir, `${name}.damaged-${stamp}${n === 1 ? '' : `-${n}`}${ext}`);
}
