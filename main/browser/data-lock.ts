// One app per data folder. Each store keeps its file in memory and writes it whole, so two apps
// on one folder would erase each other's profiles and history. The desktop app has Electron's
// single-instance lock (its `SingletonLock` link in the folder, "host-pid"); browser mode takes a
// lock file of its own and also respects Electron's; the desktop app respects browser mode's.
import { readFileSync } from 'node:fs';
import { mkdir, readFile, readlink, rm, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';

export const LOCK_FILE = 'browser-mode.lock';

export type DataLock =
  | { readonly ok: true; release(): Promise<void> }
  | { readonly ok: false; readonly heldBy: 'browser mode' | 'the desktop app'; readonly pid: number };

function alive(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Electron's lock: a symbolic link whose target is "hostname-pid" (Linux and macOS). */
async function desktopAppPid(dir: string): Promise<number | null> {
  const target = await readlink(path.join(dir, 'SingletonLock')).catch(() => null);
  const match = target === null ? null : /^(.*)-(\d+)$/.exec(target);
  if (!match || match[1] !== hostname()) return null;
  const pid = Number(match[2]);
  return alive(pid) ? pid : null;
}

export async function lockDataFolder(dir: string): Promise<DataLock> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const desktop = await desktopAppPid(dir);
  if (desktop !== null) return { ok: false, heldBy: 'the desktop app', pid: desktop };
  const file = path.join(dir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      await writeFile(file, `${process.pid}\n`, { flag: 'wx', mode: 0o600 });
      return { ok: true, release: () => rm(file, { force: true }) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number((await readFile(file, 'utf8').catch(() => '')).trim());
      if (alive(pid) && pid !== process.pid) return { ok: false, heldBy: 'browser mode', pid };
      // Left by a process that is gone (a crash, a kill): take it over.
      await rm(file, { force: true });
    }
  }
  return { ok: false, heldBy: 'browser mode', pid: 0 };
}

/**
 * For the desktop app at start-up: the process id of a browser mode that holds this data folder,
 * or null (no lock file, or one left by a process that is gone).
 */
export function browserModeHolderSync(dir: string): number | null {
  let text: string;
  try {
    text = readFileSync(path.join(dir, LOCK_FILE), 'utf8');
  } catch {
    return null;
  }
  const pid = Number(text.trim());
  return alive(pid) && pid !== process.pid ? pid : null;
}
