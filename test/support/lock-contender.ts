// One of two processes racing for a data folder's lock (test/integration/data-lock.test.ts).
// Run as: node --import tsx lock-contender.ts, with lines on standard input:
//   "take DIR AT": at time AT (ms since the epoch, waited for by spinning, so two contenders start
//   together), lockDataFolder(DIR); prints "ok" or "refused" on a line;
//   "release": lets the folder go (if held) and prints "released".
import { createInterface } from 'node:readline';
import { lockDataFolder, type DataLock } from '../../main/browser/data-lock';

let held: DataLock | null = null;
for await (const line of createInterface({ input: process.stdin })) {
  const [command, dir, at] = line.split(' ');
  if (command === 'take' && dir && at) {
    while (Date.now() < Number(at)) {
      // Spinning, not sleeping: a timer would start each contender at a different moment.
    }
    held = await lockDataFolder(dir, 'a profiles import');
    console.log(held.ok ? 'ok' : 'refused');
  } else if (command === 'release') {
    if (held?.ok) await held.release();
    held = null;
    console.log('released');
  }
}
