// The CLI starts from V8's code cache. Node 20 has no module.enableCompileCache, so each start
// parsed the whole bundle again and compiled every function the request calls on first use: the
// largest share of the CLI's start-up beyond Node's own (see `npm run bench`, CLI cold start).
// So the build (vite.config.ts) renames the bundle to MAIN_FILE and writes, as
// dist/cli/telstra-token.cjs, the small loader below: it compiles the bundle with the cache a
// build-time run of a sandbox request left (vm.Script's cachedData), then runs it as Node runs a
// CommonJS module, with the loader's own module, require and file name, so chunks that require
// ./telstra-token.cjs get the bundle's exports and `runAs` sees the script the user started.
// A cache that does not fit (another Node, other V8 flags, damaged) is rejected by V8 and the
// bundle is compiled as before. V8 checks only the source's length, so the cache file is named
// after a hash of the bundle's content: a rebuilt bundle never meets an older cache.

/** The bundle, beside its loader in dist/cli. */
export const MAIN_FILE = 'telstra-token.main.cjs';

/** Set to 1 by the build's run only: the loader then writes the cache when the run succeeds. */
export const WRITE_CACHE_VARIABLE = 'TELSTRA_TOKEN_WRITE_CODE_CACHE';

/** `contentHash`: a hash of the bundle's text (hex), so each build has its own cache file. */
export function cacheFileName(contentHash: string): string {
  return `telstra-token.main.${contentHash.slice(0, 16)}.v8cache`;
}

/** The bundle's text as the loader compiles it: no `#!` line (a syntax error inside a function). */
export function withoutHashbang(bundle: string): string {
  // The line break stays, so the source map's line numbers still hold.
  return bundle.startsWith('#!') ? bundle.slice(bundle.indexOf('\n')) : bundle;
}

/** The text of dist/cli/telstra-token.cjs. */
export function loaderSource(cacheFile: string): string {
  return `#!/usr/bin/env node
'use strict';
// Written by the build (main/cli/code-cache.ts says why): runs ${MAIN_FILE} from V8's code cache.
const { readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { Script } = require('node:vm');

const main = join(__dirname, ${JSON.stringify(MAIN_FILE)});
const cache = join(__dirname, ${JSON.stringify(cacheFile)});
let cachedData;
try {
  cachedData = readFileSync(cache);
} catch {
  // No cache (not built, or removed): compiled as usual.
}
const wrapped =
  '(function (exports, require, module, __filename, __dirname) {' + readFileSync(main, 'utf8') + '\\n})';
const script = new Script(wrapped, { filename: main, cachedData });
if (process.env.${WRITE_CACHE_VARIABLE} === '1') {
  process.once('exit', (code) => {
    try {
      if (code === 0) writeFileSync(cache, script.createCachedData());
    } catch {
      // Not writable here: the build says the cache was not made; the CLI's own answer stands.
    }
  });
}
script.runInThisContext()(module.exports, require, module, __filename, __dirname);
`;
}
