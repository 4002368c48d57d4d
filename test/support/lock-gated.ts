// A process taking the data folder's lock (test/integration/data-lock.test.ts) whose file
// operations stop at named points until the parent says go, so a test can force the interleaving
// of two processes that a scheduler could produce. Run with fork(), `--import tsx`, the folder as
// its argument, and LOCK_GATES naming the points to stop at (each stops once):
//   takeover              before writing the takeover lock
//   write-after-takeover  before making the lock file, after a takeover
//   remove-lock           before removing the lock file
// It sends {at: point} at each stop and {result: 'ok' | 'refused'}, and holds what it took until
// sent {go: 'release'}.
import fsp from 'node:fs/promises';
import { syncBuiltinESMExports } from 'node:module';

const gates = new Set((process.env.LOCK_GATES ?? '').split(',').filter(Boolean));
const waiting = new Map<string, () => void>();
process.on('message', (message: { go?: string }) => {
  if (message.go) waiting.get(message.go)?.();
});
const until = (name: string) => new Promise<void>((resolve) => waiting.set(name, resolve));
async function stop(name: string) {
  if (!gates.delete(name)) return;
  process.send?.({ at: name });
  await until(name);
}

let takeovers = 0;
const { writeFile, link, rm } = fsp;
/** data-lock.ts names its files by path. */
const pathOf = (file: unknown) => (typeof file === 'string' ? file : '');
fsp.writeFile = (async (file: Parameters<typeof writeFile>[0], ...rest: unknown[]) => {
  const name = pathOf(file);
  if (name.endsWith('.takeover')) {
    await stop('takeover');
    takeovers += 1;
  } else if (name.endsWith('browser-mode.lock') && takeovers > 0) await stop('write-after-takeover');
  return (writeFile as (...args: unknown[]) => Promise<void>)(file, ...rest);
}) as typeof writeFile;
// The lock file is made whole by linking a written file of the process's own to its name.
fsp.link = async (existing: Parameters<typeof link>[0], made: Parameters<typeof link>[1]) => {
  if (pathOf(made).endsWith('browser-mode.lock') && takeovers > 0) await stop('write-after-takeover');
  return link(existing, made);
};
fsp.rm = async (file: Parameters<typeof rm>[0], ...rest: unknown[]) => {
  if (pathOf(file).endsWith('browser-mode.lock')) await stop('remove-lock');
  return (rm as (...args: unknown[]) => Promise<void>)(file, ...rest);
};
// The named imports of node:fs/promises (data-lock.ts's) follow the object's functions.
syncBuiltinESMExports();

const { lockDataFolder } = await import('../../main/browser/data-lock');
const lock = await lockDataFolder(process.argv[2]!, 'a profiles import');
process.send?.({ result: lock.ok ? 'ok' : 'refused' });
// Letting the folder go afterwards stops nowhere.
gates.clear();
await until('release');
if (lock.ok) await lock.release();
process.exit(0);
