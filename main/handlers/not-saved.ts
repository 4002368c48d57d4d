// A change to a data file that was not made, said as such: a file the store will not write over
// (its notice says why), or a folder or disk that refused the write (an error with a system code).
// And a report the folder the user chose (or its disk) refused, with the same words for the code.
// Anything else is thrown on, to the IPC router's general message: it is not known to be the disk.
import { ipcFailure } from '../ipc/router';
import { FILE_PROBLEMS, fileProblemOf } from '../storage/file-problems';
import { NotWritable } from '../storage/json-store';

export function notSaved(error: unknown, what: string) {
  if (error instanceof NotWritable) return ipcFailure('app-error', `${what}. ${error.message}`);
  const problem = problemOf(error);
  return ipcFailure(
    'app-error',
    `${what}: the data folder could not be written (${problem}). Check that the disk has room and that the folder may be written, then try again.`,
  );
}

/** Save report's write, refused by the folder the user chose or its disk (not the data folder). */
export function reportNotSaved(error: unknown) {
  return ipcFailure(
    'app-error',
    `The report was not saved: the file could not be written there (${problemOf(error)}). Choose another folder, or check that the disk has room, then try again.`,
  );
}

/** The system's refusal in words (its code where no words are known); anything else is thrown on. */
function problemOf(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (typeof code !== 'string') throw error;
  return fileProblemOf(error) === null ? code.slice(0, 20) : (FILE_PROBLEMS[code] ?? code);
}
