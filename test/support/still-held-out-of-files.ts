// A process holding the data folder's lock (main/browser/data-lock.ts) that runs out of file
// descriptors (EMFILE: its soft limit set low by the parent, `ulimit -Sn`), then asks whether it
// still holds the folder, then frees them and asks again. Run with `--import tsx`, the folder as
// its argument; prints one JSON line: each answer as {held} or {failed: code}.
import { closeSync, openSync } from 'node:fs';
import { lockDataFolder } from '../../main/browser/data-lock';

const lock = await lockDataFolder(process.argv[2]!);
if (!lock.ok) throw new Error('the folder was not free');
const ask = () =>
  lock.stillHeld().then(
    (held) => ({ held }),
    (error: NodeJS.ErrnoException) => ({ failed: error.code }),
  );
const open: number[] = [];
try {
  for (;;) open.push(openSync('/dev/null', 'r'));
} catch (error) {
  if ((error as NodeJS.ErrnoException).code !== 'EMFILE') throw error;
}
const outOfFiles = await ask();
for (const fd of open) closeSync(fd);
const after = await ask();
await lock.release();
console.log(JSON.stringify({ outOfFiles, after }));
