// The data folder's lock file, by name, and what the folder's refusals (it or the lock cannot be
// made or written) are said as: in words, never a crash (data-lock.ts takes the lock).
import { lstatSync } from 'node:fs';
import path from 'node:path';
import { shellQuoted } from '../shell-quoted';
import { FILE_PROBLEMS, fileProblemOf } from '../storage/file-problems';

export const LOCK_FILE = 'browser-mode.lock';

/**
 * What a recursive mkdir of the data folder answers, beyond FILE_PROBLEMS: ENOENT where a folder
 * on the path cannot be made (Node's answer on a read-only file system, or for a link to a folder
 * that is not there), a link that leads to itself, a path too long. Each was an internal error.
 */
const FOLDER_PROBLEMS: Readonly<Record<string, string>> = {
  /** Said by lockState: nothing the app writes, so not the app's to remove either. */
  NOT_A_LOCK_FILE: `its ${LOCK_FILE} is not a file the app wrote but a pipe, a device, a folder or a link; remove it`,
  /** The same, of the second lock a takeover is made under (underTakeover). */
  NOT_A_TAKEOVER_FILE: `its ${LOCK_FILE}.takeover is not a file the app wrote but a pipe, a device, a folder or a link; remove it`,
  ENOENT: 'a folder on its path cannot be made: a read-only disk, or a link to a folder that is not there',
  ELOOP: 'too many symbolic links: a link on its path leads back to itself',
  ENAMETOOLONG: 'its path, or a name in it, is too long',
};

/** The data folder (or the lock in it) could not be made or written: said in words, never a crash. */
export class DataFolderUnwritable extends Error {
  constructor(
    readonly dir: string,
    readonly code: string,
  ) {
    super(
      `The data folder ${dir} cannot be written (${FOLDER_PROBLEMS[code] ?? FILE_PROBLEMS[code] ?? code}): check it and its permissions, or pick another folder with TOKEN_TESTER_USER_DATA_DIR.`,
    );
    this.name = 'DataFolderUnwritable';
  }
}

/** For a `.catch`: DataFolderUnwritable as a value, anything else thrown on. */
export const unwritable = (error: unknown): DataFolderUnwritable => {
  if (error instanceof DataFolderUnwritable) return error;
  throw error;
};

/** A file-system refusal of the folder as DataFolderUnwritable; anything else as it is. */
export function folderError(dir: string, error: unknown): unknown {
  const code = fileProblemOf(error);
  return code === null ? error : new DataFolderUnwritable(dir, code);
}

/** `work`, with a file-system refusal of the folder turned into DataFolderUnwritable. */
export async function inFolder<T>(dir: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw folderError(dir, error);
  }
}

/** What a recursive mkdir of the data folder threw, as DataFolderUnwritable where it says why. */
export function notMade(dir: string, error: unknown): unknown {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return typeof code === 'string' && Object.hasOwn(FOLDER_PROBLEMS, code)
    ? new DataFolderUnwritable(dir, code)
    : folderError(dir, error);
}

/**
 * A refusal's way out when the process it names is not the app. Where a process's start time
 * cannot be read (macOS, Windows), a lock a crash left names whatever process was given its id
 * since, and the command line said only "stop it first" (another program, then) or "wait for it
 * to finish" (an import that had ended). The files that hold the folder now, by path, each quoted
 * for the shell of `platform` where it must be (a folder named with a space or a quote).
 */
export function ifNotTheApp(dir: string, pid: number, platform: NodeJS.Platform): string {
  const files = [LOCK_FILE, 'SingletonLock']
    .map((name) => path.join(dir, name))
    .filter((file) => lstatSync(file, { throwIfNoEntry: false }) !== undefined)
    .map((file) => shellQuoted(file, platform));
  if (files.length === 0) return '';
  const who = pid
    ? `process ${pid} is not telstra-token or Telstra Token Tester (a crash can leave a lock naming a process started since)`
    : 'no telstra-token or Telstra Token Tester is running';
  return ` If ${who}, delete ${files.join(' and ')} and try again.`;
}
