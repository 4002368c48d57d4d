// For the crash-safety test: writes the profiles or history file over and over with the app's own
// atomic writer until it is killed. Each write is one consistent generation.
//   node --import tsx write-forever.ts <file> <profiles|history>
import { writeJsonFileAtomic } from '../../main/storage/json-file';

const [file, kind] = process.argv.slice(2);
if (!file) throw new Error('usage: write-forever.ts <file> <profiles|history>');

let generation = 0;
async function writeNext(): Promise<void> {
  generation += 1;
  const items = Array.from({ length: 200 }, (_, i) => ({ generation, i, filler: 'x'.repeat(200) }));
  await writeJsonFileAtomic(
    file ?? '',
    kind === 'history' ? { version: 1, entries: items } : { version: 1, profiles: items },
  );
}
// Ready once a first whole file exists: a kill before that (a slow start on a busy machine) would
// leave no file at all, which says nothing about the writer.
await writeNext();
process.send?.('ready');
for (;;) await writeNext();
