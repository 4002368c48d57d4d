// `mkdir -p`, as fs.mkdir with `recursive: true` does it, except where that never returns: a
// folder whose parent exists yet still answers "no such file" (a path under /proc, which refuses
// new names with ENOENT) made Node step back to the parent, find it there, and try the child
// again, forever, at full CPU (Node 20; `profiles import --yes --user-data-dir /proc/1/x` never
// ended). Here a child refused with ENOENT once its parent is there is refused for good.
import { mkdirSync, statSync } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';

const codeOf = (error: unknown) => (error as NodeJS.ErrnoException | null)?.code;

/**
 * A name that is there already (mkdir's EEXIST) is fine when it is a folder or a link to one;
 * otherwise the error says why, as Node's recursive mkdir does: a file (EEXIST), a link to
 * nothing (ENOENT), a link that leads back to itself (ELOOP).
 */
function existing(exists: unknown, info: { isDirectory(): boolean } | { error: unknown }): void {
  if ('error' in info) throw info.error;
  if (!info.isDirectory()) throw exists;
}

/** Makes `dir` and any missing parent with `mode`; a folder already there (or a link to one) is fine. */
export async function makeFolder(dir: string, mode: number): Promise<void> {
  const made = async (): Promise<void> => {
    try {
      await mkdir(dir, { mode });
    } catch (error) {
      if (codeOf(error) !== 'EEXIST') throw error;
      existing(error, await stat(dir).catch((failure: unknown) => ({ error: failure })));
    }
  };
  try {
    await made();
  } catch (error) {
    const parent = path.dirname(dir);
    if (codeOf(error) !== 'ENOENT' || parent === dir) throw error;
    await makeFolder(parent, mode);
    // Once only: the parent is there now, so another ENOENT is the answer.
    await made();
  }
}

/** The same, for the moment the app is closing and cannot wait for a promise. */
export function makeFolderSync(dir: string, mode: number): void {
  const made = (): void => {
    try {
      mkdirSync(dir, { mode });
    } catch (error) {
      if (codeOf(error) !== 'EEXIST') throw error;
      let info: { isDirectory(): boolean } | { error: unknown };
      try {
        info = statSync(dir);
      } catch (failure) {
        info = { error: failure };
      }
      existing(error, info);
    }
  };
  try {
    made();
  } catch (error) {
    const parent = path.dirname(dir);
    if (codeOf(error) !== 'ENOENT' || parent === dir) throw error;
    makeFolderSync(parent, mode);
    made();
  }
}
