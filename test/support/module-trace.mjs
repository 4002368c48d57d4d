// Loaded with `node --import` before the CLI: at exit, reports on stderr every module file the
// CommonJS loader holds (keytar and the CLI's own chunks included), so a test can tell what a
// command loaded.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
process.on('exit', () => {
  process.stderr.write(`modules: ${JSON.stringify(Object.keys(require.cache))}\n`);
});
