// What a file system's refusal to write (its error code) means, in words: for the notices and
// messages of the data folder and the files in it.

export const FILE_PROBLEMS: Readonly<Record<string, string>> = {
  EACCES: 'permission denied',
  EPERM: 'not permitted',
  EROFS: 'a read-only file system',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'over the disk quota',
  ENOTDIR: 'a file is where a folder should be',
  EEXIST: 'a file is where the folder should be',
  EISDIR: 'a folder is where a file should be',
  EIO: 'the disk reported an error',
  // A limit on the size of a file (ulimit -f, a file system's largest file): any write at 0.
  EFBIG: 'a file over the size this system allows',
};

/** The error's code when it is a file system's refusal FILE_PROBLEMS knows, else null. */
export function fileProblemOf(error: unknown): string | null {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return typeof code === 'string' && Object.hasOwn(FILE_PROBLEMS, code) ? code : null;
}
