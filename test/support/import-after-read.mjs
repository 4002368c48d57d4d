// Loaded with `node --import` before the CLI: the first time the CLI opens profiles.json to read
// it, a real `profiles import --yes` (another process, holding the data folder) runs to its end
// between that open and the read, so this process reads the file as it was (through its open
// handle) while the folder already holds the import's. That is the gap between a reader's one read
// and what it does next (set the file aside, rewrite it). The import's exit status and output go
// to $IMPORT_RESULT as JSON.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import fsPromises from 'node:fs/promises';
import path from 'node:path';

const original = fsPromises.open;
let done = false;
fsPromises.open = async function open(file, ...rest) {
  const handle = await original.call(this, file, ...rest);
  if (!done && typeof file === 'string' && path.basename(file) === 'profiles.json') {
    done = true;
    const run = spawnSync(
      process.execPath,
      [process.argv[1], 'profiles', 'import', process.env.IMPORT_FILE ?? '', '--yes', '--json'],
      { env: process.env, encoding: 'utf8', timeout: 20_000 },
    );
    writeFileSync(
      process.env.IMPORT_RESULT ?? '',
      JSON.stringify({ code: run.status, stdout: run.stdout, stderr: run.stderr }),
    );
  }
  return handle;
};
