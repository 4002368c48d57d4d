// What the desktop app's dialog says when its data folder's lock is held by another (main/index.ts
// shows it and quits): kept here, where a test can reach it without Electron.
import path from 'node:path';
import { LOCK_FILE, type DataLock } from './browser/data-lock';
import { holderProcess } from './browser/lock-elsewhere';
import { shellQuoted } from './shell-quoted';

/**
 * The dialog's title and text for a lock `lockDataFolder` refused, the lock file's path quoted for
 * the shell of `platform` where it must be.
 */
export function desktopLockRefusal(
  dataFolder: string,
  lock: Extract<DataLock, { ok: false }>,
  platform: NodeJS.Platform = process.platform,
): { title: string; message: string } {
  const lockFile = shellQuoted(path.join(dataFolder, LOCK_FILE), platform);
  const which = lock.pid ? holderProcess(lock) : 'another process';
  // Only where the holder is not known to be the process the lock names (data-lock.ts: unsure):
  // a lock whose start time matches is that process's, and one written on another computer
  // sharing the folder (fresh) names a process id that means nothing here. Told "if nothing is
  // running, delete", a user who found nothing running here let two apps write one folder.
  const ifNothing = (what: string) =>
    lock.unsure ? ` If ${what} is running, delete ${lockFile} and start the app again.` : '';
  if (lock.heldBy === 'a profiles import' || lock.heldBy === 'the command line')
    return {
      title:
        lock.heldBy === 'a profiles import'
          ? 'An import is using this data folder'
          : 'The command line is using this data folder',
      message: `telstra-token ${lock.heldBy === 'a profiles import' ? 'profiles import ' : ''}(${which}) is using this data folder: it may be saving profiles${lock.heldBy === 'a profiles import' ? ', or waiting for its answer at a terminal' : ''}. Start the app again once it has finished.${ifNothing('no telstra-token command')}`,
    };
  return {
    title:
      lock.heldBy === 'browser mode'
        ? 'Browser mode is using this data folder'
        : 'Telstra Token Tester is already running',
    message: `Telstra Token Tester is already running${lock.heldBy === 'browser mode' ? ' in browser mode' : ''} (${which}) with the same saved profiles and history, and two copies would overwrite each other's. Stop it (browser mode: Ctrl-C in its terminal), then start the app again.${ifNothing('nothing')}`,
  };
}
