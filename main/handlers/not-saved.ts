// A change to a data file that was not made, said as such: a file the store will not write over
// (its notice says why), or a folder or disk that refused the write (an error with a system code).
// Anything else is thrown on, to the IPC router's general message: it is not known to be the disk.
import { ipcFailure } from '../ipc/router';
import { FILE_PROBLEMS, fileProblemOf } from '../storage/file-problems';
import { NotWritable } from '../storage/json-store';

export function notSaved(error: unknown, what: string) {
  if (error instanceof NotWritable) return ipcFailure('app-error', `${what}. ${error.message}`);
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (typeof code !== 'string') throw error;
  const problem = fileProblemOf(error) === null ? code.slice(0, 20) : FILE_PROBLEMS[code];
  return ipcFailure(
    'app-error',
    `${what}: the data folder could not be written (${problem}). Check that the disk has room and that the folder may be written, then try again.`,
  );
}
