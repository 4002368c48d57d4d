// A data folder nothing new can be written in, as a read-only disk or a folder without write
// permission leaves it: for what the stores do when they cannot keep a copy of a file.
import { execFileSync } from 'node:child_process';
import { chmod, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Makes `dir` refuse new files, and returns what makes it writable again; or null where this
 * cannot be done (Windows; root on a file system without the immutable attribute), so the test
 * can be skipped. Root writes through any permission, so there the folder is made immutable.
 */
export async function makeReadOnly(dir: string): Promise<(() => Promise<void>) | null> {
  if (process.platform === 'win32') return null;
  const root = process.getuid?.() === 0;
  let undo: () => Promise<void>;
  try {
    if (root) {
      execFileSync('chattr', ['+i', dir], { stdio: 'ignore' });
      undo = async () => void execFileSync('chattr', ['-i', dir], { stdio: 'ignore' });
    } else {
      await chmod(dir, 0o500);
      undo = () => chmod(dir, 0o700);
    }
  } catch {
    return null;
  }
  const probe = path.join(dir, 'probe');
  const refused = await writeFile(probe, '').then(
    () => false,
    () => true,
  );
  if (refused) return undo;
  await rm(probe);
  await undo();
  return null;
}
