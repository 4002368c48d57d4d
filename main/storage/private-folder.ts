// The data folder's privacy: who may list and read it. Apart from the JSON files (json-file.ts),
// whose own writes are the user's alone whatever this decides.
import { chmodSync, readdirSync, statSync } from 'node:fs';
import { chmod, readdir, stat } from 'node:fs/promises';
import { makeFolder, makeFolderSync } from './make-folder';

/**
 * What the app or Electron puts in a data folder: the stores' files (with their damaged copies
 * and temporaries), the lock, and Chromium's own files and folders, by name. A name missing here
 * only leaves a folder as it was (its files are the user's alone either way), so the list errs
 * on the short side.
 */
const OURS = new RegExp(
  `^(?:(?:profiles|history|settings|window-state)\\..*|browser-mode\\.lock(?:\\.takeover)?|(?:${[
    'Cache',
    'Code Cache',
    'GPUCache',
    'DawnCache',
    'DawnGraphiteCache',
    'DawnWebGPUCache',
    'Local Storage',
    'Session Storage',
    'Shared Dictionary',
    'SharedStorage',
    'Preferences',
    'Local State',
    'Network Persistent State',
    'TransportSecurity',
    'Trust Tokens',
    'Cookies',
    'Crashpad',
    'Dictionaries',
    'IndexedDB',
    'Service Worker',
    'WebStorage',
    'VideoDecodeStats',
    'Network',
    'Partitions',
    'QuotaManager',
    'Singleton(?:Lock|Cookie|Socket)',
    'blob_storage',
    'databases',
    'shared_proto_db',
    'lockfile',
  ].join('|')})(?:-journal)?)$`,
);

/**
 * Whether `info` (the folder, `names` its entries) is the user's data folder as the app or
 * Electron made it, open to others: then it is tightened. A folder holding anything else (a
 * mistyped --user-data-dir: a home folder, a project, a folder shared with a group) is not the
 * app's to close to others, and is left as it is; the files the app writes are the user's alone
 * either way.
 */
const tightenable = (info: { isDirectory(): boolean; uid: number; mode: number }, names: readonly string[]) =>
  info.isDirectory() &&
  info.uid === process.getuid?.() &&
  (info.mode & 0o077) !== 0 &&
  // An empty folder made by someone else (a shared one, mistyped) is not the app's yet either.
  names.length > 0 &&
  names.every((name) => OURS.test(name));

/**
 * The data folder holds who the user talks to and how (profiles, history): only they may list or
 * read it. One made by Electron with the usual 0755, or before this rule, is tightened (its
 * special bits kept). Windows has no such bits; there the folder inherits the user profile's
 * access rules.
 */
export async function ensurePrivateFolder(dir: string): Promise<void> {
  await makeFolder(dir, 0o700);
  if (process.platform === 'win32') return;
  // Where the folder leads (it may be a link into a synced folder), if that is the user's own:
  // someone else's folder is not ours to change.
  const info = await stat(dir);
  if (tightenable(info, await readdir(dir).catch(() => ['?'])))
    // Best effort: a folder whose mode cannot be changed (an attribute, a file system without
    // modes) is still the user's, and the stores must still work in it.
    await chmod(dir, info.mode & 0o7700).catch(() => undefined);
}

export function ensurePrivateFolderSync(dir: string): void {
  makeFolderSync(dir, 0o700);
  if (process.platform === 'win32') return;
  const info = statSync(dir);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  if (!tightenable(info, names)) return;
  try {
    chmodSync(dir, info.mode & 0o7700);
  } catch {
    // Best effort, as above.
  }
}
