// A data file that holds what looks like a secret or a token pasted in by hand: it is moved aside
// as it is (a copy would write the secret anew), and what was read, without it, written in its
// place (json-store.ts decides when; this is how).
import { lstat, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { Loaded } from './json-store';
import { FOLDER_NOTE, linkAside, notWritten, setAside } from './set-aside';

export interface SecretsAside<T> {
  readonly file: string;
  readonly now: () => number;
  /** Writes what was read, without the secrets, in the file's place. */
  readonly write: () => Promise<void>;
  /** The file left where it was, and nothing saved over it: `notice` said. */
  readonly leftAsItIs: (notice: string) => Loaded<T>;
}

/**
 * `value` (read without the secrets) written in place of the file, which is moved aside whole.
 * Should that write fail, the original is left (or put back) where it was, and nothing is saved
 * over it (it is the only copy). `left`: what was left out, said first.
 */
export async function withoutSecrets<T>(
  { file, now, write, leftAsItIs }: SecretsAside<T>,
  value: T,
  left: string,
): Promise<Loaded<T>> {
  const movedTo = (name: string, after = '') => ({
    value,
    notices: [
      `${left} The original file was moved to “${name}” ${FOLDER_NOTE}: delete it once you have what you need from it.${after}`,
    ],
    writable: true,
  });
  const written = () =>
    write().then(
      () => true,
      () => false,
    );
  // Given its new name first, as a second name for it, so that the file is never missing where
  // the app looks: renamed, a crash (or the other of the command line and browser mode, reading
  // it then) before the new file was written found no file, and no profiles, and no notice.
  // A link is renamed instead (its target is what the new file is written into).
  const linked = (await lstat(file).then(
    (info) => !info.isSymbolicLink(),
    () => false,
  ))
    ? await linkAside(file, now())
    : null;
  if (linked?.name != null) {
    if (await written()) return movedTo(linked.name);
    await unlink(path.join(path.dirname(file), linked.name)).catch(() => undefined);
    return leftAsItIs(`${left} The file could not be rewritten without it now.`);
  }
  const kept = await setAside(file, now());
  if (kept.name === null)
    return leftAsItIs(`${left} The file could not be moved aside: ${notWritten(kept.problem)}.`);
  const moved = path.join(path.dirname(file), kept.name);
  const rewritten = await written();
  if (
    !rewritten &&
    (await rename(moved, file).then(
      () => true,
      () => false,
    ))
  )
    return leftAsItIs(`${left} The file could not be rewritten without it now.`);
  return movedTo(kept.name, rewritten ? '' : ' A new file could not be written in its place now.');
}
