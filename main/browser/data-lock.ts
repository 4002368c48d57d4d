// One app per data folder. Each store keeps its file in memory and writes it whole, so two apps
// on one folder would erase each other's profiles and history. The desktop app, browser mode and
// `telstra-token profiles import` (while it may write) each take this lock file, which names its
// holder, and respect each other's; Electron's own single-instance lock (its `SingletonLock` link
// in the folder, "host-pid", Linux and macOS) is respected too, for a desktop app of a version
// before it took this file.
import { readFileSync, rmSync } from 'node:fs';
import { mkdir, readFile, readlink, rm, stat, writeFile } from 'node:fs/promises';
import { hostname, uptime } from 'node:os';
import path from 'node:path';

export const LOCK_FILE = 'browser-mode.lock';

/** Who holds a lock file: its second line (a file with the process id alone is browser mode's). */
export type LockHolder = 'browser mode' | 'a profiles import' | 'the desktop app';
const HOLDERS: readonly LockHolder[] = ['browser mode', 'a profiles import', 'the desktop app'];

export type DataLock =
  | {
      readonly ok: true;
      /** Lets the folder go, if the lock file still names this process (not one that took it over). */
      release(): Promise<void>;
      /** The same, for the moment the process exits and cannot wait for a promise. */
      releaseSync(): void;
    }
  | { readonly ok: false; readonly heldBy: LockHolder; readonly pid: number };

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

/** The process id a lock file names: its first line. */
const pidOf = (text: string) => Number(text.split('\n')[0]?.trim());

/**
 * The process a browser-mode lock file names, while it can still be the one that wrote it: a file
 * written before this computer last started is a crash's leftover whatever process now has that
 * number, and a process of another user cannot be using this user's private data folder.
 */
function lockHolder(text: string, writtenAtMs: number): { pid: number; heldBy: LockHolder } | null {
  const bootedAtMs = Date.now() - uptime() * 1000;
  if (writtenAtMs < bootedAtMs) return null;
  const pid = pidOf(text);
  const holderLine = text.split('\n')[1] ?? '';
  if (!Number.isSafeInteger(pid) || pid <= 0 || pid === process.pid) return null;
  const heldBy = HOLDERS.find((holder) => holder === holderLine.trim()) ?? 'browser mode';
  try {
    process.kill(pid, 0);
    return { pid, heldBy };
  } catch {
    return null;
  }
}

/** Electron's lock: a symbolic link whose target is "hostname-pid" (Linux and macOS). */
async function desktopAppPid(dir: string): Promise<number | null> {
  const target = await readlink(path.join(dir, 'SingletonLock')).catch(() => null);
  const match = target === null ? null : /^(.*)-(\d+)$/.exec(target);
  if (!match || match[1] !== hostname()) return null;
  const pid = Number(match[2]);
  // The desktop app's own lock, when it takes this file itself.
  return pid !== process.pid && alive(pid) ? pid : null;
}

const namesThisProcess = (text: string) => pidOf(text) === process.pid;

/**
 * `staleHolder`: a holder that cannot be alive whatever its process id says (the desktop app,
 * which already holds Electron's single-instance lock for this folder: a file naming the desktop
 * app is a leftover, its process id perhaps reused since).
 */
export async function lockDataFolder(
  dir: string,
  holder: LockHolder = 'browser mode',
  staleHolder: LockHolder | null = null,
): Promise<DataLock> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const desktop = await desktopAppPid(dir);
  if (desktop !== null) return { ok: false, heldBy: 'the desktop app', pid: desktop };
  const file = path.join(dir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      await writeFile(file, `${process.pid}\n${holder}\n`, { flag: 'wx', mode: 0o600 });
      return {
        ok: true,
        release: async () => {
          if (namesThisProcess(await readFile(file, 'utf8').catch(() => ''))) await rm(file, { force: true });
        },
        releaseSync: () => {
          try {
            if (namesThisProcess(readFileSync(file, 'utf8'))) rmSync(file, { force: true });
          } catch {
            // Gone already.
          }
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const text = await readFile(file, 'utf8').catch(() => '');
      const held = lockHolder(
        text,
        await stat(file).then(
          (info) => info.mtimeMs,
          () => 0,
        ),
      );
      if (held !== null && held.heldBy !== staleHolder) return { ok: false, ...held };
      // Left by a process that is gone (a crash, a kill): take it over.
      await rm(file, { force: true });
    }
  }
  return { ok: false, heldBy: 'browser mode', pid: 0 };
}
