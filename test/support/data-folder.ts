// What the app's data folder holds, read from outside: for tests that prove a secret never
// reached a file.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

/** A scan that found a file gone when it came to read it. */
class FolderChanged extends Error {}

async function scan(dir: string, needle: string): Promise<string[]> {
  const hits: string[] = [];
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    const bytes = await readFile(file).catch((error: unknown) => {
      throw (error as { code?: unknown }).code === 'ENOENT' ? new FolderChanged() : error;
    });
    if (bytes.includes(needle)) hits.push(file);
  }
  return hits;
}

/**
 * Every file below `dir` whose bytes hold `needle`. The app may be writing meanwhile (a history
 * entry is saved after the answer is shown): a file listed and then gone (a write's temporary
 * file, renamed over the old one) means the folder changed under the scan, which then starts
 * again, until one whole scan sees the folder as it is.
 */
export async function filesContaining(dir: string, needle: string): Promise<string[]> {
  for (;;) {
    try {
      return await scan(dir, needle);
    } catch (error) {
      if (!(error instanceof FolderChanged)) throw error;
    }
  }
}
