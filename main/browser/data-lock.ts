// One app per data folder. Each store keeps its file in memory and writes it whole, so two apps
// on one folder would erase each other's profiles and history. The desktop app, browser mode and
// `telstra-token profiles import` (while it may write) each take this lock file, which names its
// holder, and respect each other's; Electron's own single-instance lock (its `SingletonLock` link
// in the folder, "host-pid", Linux and macOS) is respected too, for a desktop app of a version
// before it took this file.
import { rmSync } from 'node:fs';
import { link, lstat, readdir, readlink, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { hostname, uptime } from 'node:os';
import path from 'node:path';
import { DataFolderUnwritable, folderError, inFolder, LOCK_FILE, notMade } from './data-folder';
import { shownHost, type Elsewhere } from './lock-elsewhere';
import { readLock, readLockSync } from './lock-file-read';
import { alive, ended, pidNamespace, processStart, sameClock } from './process-facts';
import { makeFolder } from '../storage/make-folder';

export { LOCK_FILE };

/** Who holds a lock file: its second line (a file with the process id alone is browser mode's). */
/**
 * 'the command line': a command that only reads, for the moment it sets a damaged profiles file
 * aside or rewrites it (main/cli/commands/profile-access.ts, holdingDataFolder).
 */
export type LockHolder = 'browser mode' | 'a profiles import' | 'the desktop app' | 'the command line';
const HOLDERS: readonly LockHolder[] = [
  'browser mode',
  'a profiles import',
  'the desktop app',
  'the command line',
];

export type DataLock =
  | {
      readonly ok: true;
      /** Lets the folder go, if the lock file still names this process (not one that took it over). */
      release(): Promise<void>;
      /** The same, for the moment the process exits and cannot wait for a promise. */
      releaseSync(): void;
      /**
       * Whether the lock file still names this process: false once another process took the folder
       * over (this one paused or asleep past FOREIGN_FRESH_MS), when nothing may be written there.
       * Rejects when the lock file could not be read (lock-file-read.ts, readLock's `strict`).
       */
      stillHeld(): Promise<boolean>;
    }
  | {
      readonly ok: false;
      readonly heldBy: LockHolder;
      readonly pid: number;
      /** Held by a process with its id, not known to be the one that took it (no start time). */
      readonly unsure?: true;
      /** Written on another computer or in another PID namespace: `pid` names no process here. */
      readonly elsewhere?: Elsewhere;
    };

/** The process id a lock file names: its first line. */
const pidOf = (text: string) => Number(text.split('\n')[0]?.trim());

/**
 * The lock file's text: the process id, the holder, (where known) when the process started, and
 * where that process id means something: this computer's name and (Linux) its PID namespace.
 */
const lockText = (holder: LockHolder) => {
  const start = processStart(process.pid);
  return `${process.pid}\n${holder}\n${start === null ? '' : start}\n${hostname()}\n${pidNamespace() ?? ''}\n`;
};

/**
 * A holder whose process id cannot be checked from here (another computer sharing the folder over
 * the network, or a container or sandbox with its own process ids) keeps its lock file's time
 * fresh instead: every HEARTBEAT_MS while it holds it, and it counts as held while the file was
 * touched within FOREIGN_FRESH_MS (a minute: a crashed one's lock is taken over after that).
 * Before, its process id was looked up among this computer's processes, found dead (or another
 * process), and the lock taken over under a running app: each then wrote its own profiles over
 * the other's.
 */
export const HEARTBEAT_MS = 10_000;
export const FOREIGN_FRESH_MS = 60_000;

/** Where the lock was written, if its process id does not name a process of this one's there. */
function foreign(lines: readonly string[]): Elsewhere | null {
  const host = lines[3]?.trim();
  const namespace = lines[4]?.trim();
  if (host && host !== hostname()) return { computer: shownHost(host) };
  return namespace && namespace !== pidNamespace() ? { computer: null } : null;
}

/** A lock file still being written by a process that made it without a link (see makeLock). */
const WRITING_MS = 5_000;

/**
 * The process a browser-mode lock file names, while it can still be the one that wrote it. Where
 * the lock says when its process started (Linux, both processes in one time namespace), the
 * process with that id now must have started then, or it is another that was given the same id.
 * Elsewhere, a file written before this computer last started is a crash's leftover whatever process now has that number (a judgement
 * of the wall clock, which a clock set forward since the lock was written can fool). A process of
 * another user cannot be using this user's private data folder.
 */
type Holder = { pid: number; heldBy: LockHolder; unsure?: true; elsewhere?: Elsewhere };
function lockHolder(text: string, writtenAtMs: number): Holder | null {
  const lines = text.split('\n');
  // Made by a process that has not written it yet (a file system without links: see makeLock):
  // held, unless it has been empty for longer than any write takes. A write this short is one
  // system call, so the file is either empty or whole.
  if (text === '') return Date.now() - writtenAtMs < WRITING_MS ? { pid: 0, heldBy: 'browser mode' } : null;
  const pid = pidOf(text);
  const holderLine = lines[1] ?? '';
  if (!Number.isSafeInteger(pid) || pid <= 0) return null;
  const heldBy = HOLDERS.find((holder) => holder === holderLine.trim()) ?? 'browser mode';
  const elsewhere = foreign(lines);
  if (elsewhere) return Date.now() - writtenAtMs < FOREIGN_FRESH_MS ? { pid, heldBy, elsewhere } : null;
  if (pid === process.pid) return null;
  try {
    process.kill(pid, 0);
  } catch {
    return null;
  }
  // Ended, and only waiting for its parent to reap it: nothing of it runs (process-facts.ts).
  if (ended(pid)) return null;
  const recorded = lines[2]?.trim() ? Number(lines[2]) : null;
  const started = recorded === null || !sameClock(pid) ? null : processStart(pid);
  if (recorded !== null && started !== null) return started === recorded ? { pid, heldBy } : null;
  const bootedAtMs = Date.now() - uptime() * 1000;
  return writtenAtMs < bootedAtMs ? null : { pid, heldBy, unsure: true };
}

/**
 * Makes the lock file with its whole text at once, or says it exists: the text is written to a
 * file of this process's own, then linked as the lock (which fails if the lock exists), so no
 * other process ever reads a lock file not yet written, empty, and takes it for a leftover. A
 * file system without links gets the file created, then written (see WRITING_MS).
 */
async function makeLock(file: string, text: string): Promise<'made' | 'exists'> {
  const own = `${file}.${process.pid}.tmp`;
  try {
    // Inside the try: a write the disk refuses part way (full, over a size limit) has made the
    // file already, and it is removed with the rest.
    await writeFile(own, text, { mode: 0o600 });
    await link(own, file);
    return 'made';
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return 'exists';
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS' && code !== 'EOPNOTSUPP') throw error;
  } finally {
    await rm(own, { force: true });
  }
  try {
    await writeFile(file, text, { flag: 'wx', mode: 0o600 });
    return 'made';
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return 'exists';
    throw error;
  }
}

/** The files makeLock writes of processes that died before removing them. */
async function removeLeftovers(file: string) {
  const dir = path.dirname(file);
  const pattern = new RegExp(`^${LOCK_FILE.replace('.', '\\.')}\\.(\\d+)\\.tmp$`);
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    const pid = Number(pattern.exec(name)?.[1]);
    if (!pid || pid === process.pid || alive(pid)) continue;
    // Only a file, as makeLock writes: a folder of that name ended the lock just taken in an
    // internal error (and left it held), and anything else is not the app's to remove.
    const leftover = path.join(dir, name);
    if ((await lstat(leftover).catch(() => null))?.isFile())
      await rm(leftover, { force: true }).catch(() => undefined);
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

/**
 * `staleHolder`: a holder that cannot be alive whatever its process id says (the desktop app,
 * which already holds Electron's single-instance lock for this folder: a file naming the desktop
 * app is a leftover, its process id perhaps reused since).
 */
export async function lockDataFolder(
  dir: string,
  holder: LockHolder = 'browser mode',
  staleHolder: LockHolder | null = null,
  heartbeatMs = HEARTBEAT_MS,
): Promise<DataLock> {
  await makeFolder(dir, 0o700).catch((error: unknown) => {
    throw notMade(dir, error);
  });
  const desktop = await desktopAppPid(dir);
  if (desktop !== null) return { ok: false, heldBy: 'the desktop app', pid: desktop, unsure: true };
  const file = path.join(dir, LOCK_FILE);
  // A leftover taken over, then the lock written: a few tries, should another process be taking
  // the same leftover over at the same moment.
  // The text this process writes, kept: its own lock is the file with exactly this text, whatever
  // the computer is called by now (a Mac's name changes with the network it joins: judged afresh,
  // the lock would look foreign to its own holder, left untouched and then taken over).
  const text = lockText(holder);
  const namesThisProcess = (found: string) => found === text;
  for (let attempt = 0; attempt < MAX_TRIES; attempt += 1) {
    let made: 'made' | 'exists';
    try {
      made = await makeLock(file, text);
    } catch (error) {
      throw folderError(dir, error);
    }
    if (made === 'made') {
      await removeLeftovers(file);
      const heartbeat = setInterval(() => {
        const now = new Date();
        void readLock(file)
          .then((text) => (text !== null && namesThisProcess(text) ? utimes(file, now, now) : undefined))
          .catch(() => undefined);
      }, heartbeatMs);
      heartbeat.unref();
      return {
        ok: true,
        // A read that failed for this process's own reasons is thrown (the save fails with it), not
        // taken for a lock gone: no save refused as "taken over" by a moment out of file descriptors.
        stillHeld: async () => namesThisProcess((await readLock(file, true)) ?? ''),
        release: async () => {
          clearInterval(heartbeat);
          if (namesThisProcess((await readLock(file)) ?? '')) await rm(file, { force: true });
        },
        releaseSync: () => {
          clearInterval(heartbeat);
          try {
            if (namesThisProcess(readLockSync(file) ?? '')) rmSync(file, { force: true });
          } catch {
            // Gone already.
          }
        },
      };
    }
    {
      const found = await lockState(file, staleHolder);
      if (found.held) return { ok: false, ...found.held };
      // Left by a process that is gone (a crash, a kill): taken over, but only under a second
      // lock, and only if it is still that leftover there. Two apps starting at once over one
      // leftover would otherwise both judge it stale, and the second would remove the lock the
      // first had just written: both would run, each overwriting the other's profiles. Under the
      // second lock, a leftover stays that same file until it is removed (nothing can write the
      // lock file while it is there); a file gone meanwhile is not removed again, since the one
      // there by the time of removing could be another's new lock.
      const taken = await inFolder(dir, () =>
        underTakeover(file, async () => {
          const now = await lockState(file, staleHolder);
          if (now.held) return false;
          if (now.there) await rm(file, { force: true });
          return true;
        }),
      );
      // Another process is taking it over this very moment: its lock is there once it is done.
      if (taken !== true) await new Promise((resolve) => setTimeout(resolve, TAKEOVER_POLL_MS));
    }
  }
  return { ok: false, heldBy: 'browser mode', pid: 0 };
}

/** Whether the lock file is there, and who holds it now unless it is a leftover. */
async function lockState(
  file: string,
  staleHolder: LockHolder | null,
): Promise<{ there: boolean; held: Holder | null }> {
  // Something in the lock's place that no app wrote (a pipe, a device, a folder, a link, even
  // one to nothing) is said, and left as it is: before, it was waited on for good, read without
  // end, or taken for another app's lock ("already runs") after 20 tries to take it over.
  const info = await lstat(file).catch(() => null);
  if (info === null) return { there: false, held: null };
  if (!info.isFile()) throw new DataFolderUnwritable(path.dirname(file), 'NOT_A_LOCK_FILE');
  const text = await readLock(file);
  if (text === null) return { there: false, held: null };
  const writtenAt = await stat(file).then(
    (info) => info.mtimeMs,
    () => 0,
  );
  const held = lockHolder(text, writtenAt);
  return { there: true, held: held !== null && held.heldBy !== staleHolder ? held : null };
}

const MAX_TRIES = 20;

/** How long to wait for another process's takeover, between the tries of lockDataFolder. */
const TAKEOVER_POLL_MS = 50;
/** A takeover lock older than this was left by a process that died while taking over. */
const TAKEOVER_STALE_MS = 10_000;

/**
 * `work` while holding `file`.takeover (created exclusively, removed after), or 'busy' when
 * another process holds it now. A takeover lock left by a crash mid-takeover goes once old.
 */
async function underTakeover<T>(file: string, work: () => Promise<T>): Promise<T | 'busy'> {
  const guard = `${file}.takeover`;
  try {
    await writeFile(guard, `${process.pid}\n`, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    // As for the lock itself (lockState): a link to nothing there was 'busy' for good (the folder
    // then said to be in use by another app), a folder ended in an internal error once old.
    const info = await lstat(guard).catch(() => null);
    if (info !== null && !info.isFile())
      throw new DataFolderUnwritable(path.dirname(file), 'NOT_A_TAKEOVER_FILE');
    const since = await stat(guard).then(
      (info) => Date.now() - info.mtimeMs,
      () => 0,
    );
    if (since > TAKEOVER_STALE_MS) await rm(guard, { force: true });
    return 'busy';
  }
  try {
    return await work();
  } finally {
    await rm(guard, { force: true });
  }
}
