// Loaded with `node --import` before the CLI: stops the process for good at one step of its
// writes of profiles.json, so a test can kill it (SIGKILL) at exactly that point, with whatever the
// operation did to the keychain before it done. $STOP_AT names the step: `open:N`, as the Nth
// write opens its temporary file (the file not yet changed), or `renamed:N`, once the Nth write
// has renamed its temporary file over profiles.json (the file changed). It then writes an empty
// file at $STOP_MARKER, which the test waits for.
import { writeFileSync } from 'node:fs';
import fsPromises from 'node:fs/promises';
import { syncBuiltinESMExports } from 'node:module';
import path from 'node:path';

const [step, nth] = (process.env.STOP_AT ?? '').split(':');
const counts = { open: 0, renamed: 0 };
const temporary = /^profiles\.json\.[0-9a-f]+\.tmp$/;

function stopHere() {
  writeFileSync(process.env.STOP_MARKER ?? '', '');
  // Kept alive (nothing else may be left to wait for) until the test kills the process.
  setInterval(() => undefined, 60_000);
  return new Promise(() => undefined);
}

const { open, rename } = fsPromises;
fsPromises.open = async function (file, ...rest) {
  if (typeof file === 'string' && temporary.test(path.basename(file))) {
    counts.open += 1;
    if (step === 'open' && counts.open === Number(nth)) return stopHere();
  }
  return open.call(this, file, ...rest);
};
fsPromises.rename = async function (from, to) {
  await rename.call(this, from, to);
  if (typeof from === 'string' && temporary.test(path.basename(from))) {
    counts.renamed += 1;
    if (step === 'renamed' && counts.renamed === Number(nth)) await stopHere();
  }
};
// Modules that import them by name (ESM, such as the sources run through tsx) see them too.
syncBuiltinESMExports();
