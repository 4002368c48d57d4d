// What the app's data folder holds, read from outside: for tests that prove a secret never
// reached a file.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

/** Every file below `dir` whose bytes hold `needle`. */
export async function filesContaining(dir: string, needle: string): Promise<string[]> {
  const hits: string[] = [];
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    if ((await readFile(file)).includes(needle)) hits.push(file);
  }
  return hits;
}
