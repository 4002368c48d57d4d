// The CLI starts from V8's code cache. Node 20 has no module.enableCompileCache, so each start
// parsed the whole bundle again and compiled every function the request calls on first use: the
// largest share of the CLI's start-up beyond Node's own (see `npm run bench`, CLI cold start).
// So the build (vite.config.ts) renames the bundle to MAIN_FILE and writes, as
// dist/cli/telstra-token.cjs, the small loader below: it compiles the bundle with the cache a
// build-time run of a sandbox request left (vm.Script's cachedData), then runs it as Node runs a
// CommonJS module, with the loader's own module, require and file name, so chunks that require
// ./telstra-token.cjs get the bundle's exports and `runAs` sees the script the user started.
// A cache that does not fit is compiled without: the loader itself refuses one made from another
// text or damaged (loaderSource says why), and V8 one from another Node or other V8 flags. The
// cache file is named after a hash of the bundle's content, so a rebuild never meets an older one.
// The loader's own checks are CRC-32s (zlib's, native): they guard against accidents (an edit, a
// copy cut short, a damaged disk), not an attacker, who could as well edit the loader. SHA-256
// would need node:crypto, whose loading alone was a fifth of the CLI's start beyond Node's own.

import { crc32 } from 'node:zlib';

/** The bundle, beside its loader in dist/cli. */
export const MAIN_FILE = 'telstra-token.main.cjs';

/** `contentHash`: a hash of the bundle's text (hex), so each build has its own cache file. */
export function cacheFileName(contentHash: string): string {
  return `telstra-token.main.${contentHash.slice(0, 16)}.v8cache`;
}

/** The bundle's text as the loader compiles it: no `#!` line (a syntax error inside a function). */
export function withoutHashbang(bundle: string): string {
  // The line break stays, so the source map's line numbers still hold.
  return bundle.startsWith('#!') ? bundle.slice(bundle.indexOf('\n')) : bundle;
}

/**
 * The text of dist/cli/telstra-token.cjs. The cache is given to V8 only for the very bundle it was
 * made from (the CRC-32 of the text read, against the build's: `bundleCrc`, from bundleCrc32), and
 * only when it arrived whole (its own CRC-32 and length at its head): V8 itself checks only the
 * source's length and the cache's header, so an edited bundle of the same length would run the old
 * compiled code, and a cache damaged past its header would crash the CLI at every start. Both are
 * then compiled as if there were no cache, as on a Node without zlib.crc32 (before 20.15).
 * The shipped loader never writes a cache; only the build's run of cacheWriterSource() does.
 */
export function loaderSource(cacheFile: string, bundleCrc: number): string {
  return runnerSource(cacheFile, bundleCrc, '');
}

/** The CRC-32 the loader compares the bundle's text with (zlib's, of its UTF-8). */
export function bundleCrc32(bundle: string): number {
  return crc32(bundle);
}

/** The cache file's head: the CRC-32 and the length of the V8 data after it. */
const CACHE_HEAD_BYTES = 8;

/**
 * The build's variant of the loader, run once from a temporary file beside the bundle: the same
 * compilation (so the cache fits the loader's), and when the run succeeds, the cache written with
 * its CRC-32 and length in front, through a temporary file and a rename.
 */
export function cacheWriterSource(cacheFile: string, bundleCrc: number): string {
  return runnerSource(
    cacheFile,
    bundleCrc,
    `process.once('exit', (code) => {
  if (code !== 0 || crc32 === undefined) return;
  const { renameSync, writeFileSync } = require('node:fs');
  const data = script.createCachedData();
  const head = Buffer.alloc(${CACHE_HEAD_BYTES});
  head.writeUInt32BE(crc32(data), 0);
  head.writeUInt32BE(data.length, 4);
  writeFileSync(cache + '.tmp', Buffer.concat([head, data]));
  renameSync(cache + '.tmp', cache);
});
`,
  );
}

function runnerSource(cacheFile: string, bundleCrc: number, beforeRun: string): string {
  return `#!/usr/bin/env node
'use strict';
// Written by the build (main/cli/code-cache.ts says why): runs ${MAIN_FILE} from V8's code cache.
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const { Script } = require('node:vm');
// zlib.crc32 came in Node 20.15 and 22.2: without it, no cache.
const { crc32 } = require('node:zlib');

const main = join(__dirname, ${JSON.stringify(MAIN_FILE)});
const cache = join(__dirname, ${JSON.stringify(cacheFile)});
const source = readFileSync(main, 'utf8');
let cachedData;
try {
  if (typeof crc32 === 'function' && crc32(source) === ${bundleCrc}) {
    const file = readFileSync(cache);
    const data = file.subarray(${CACHE_HEAD_BYTES});
    if (file.length >= ${CACHE_HEAD_BYTES} && file.readUInt32BE(4) === data.length && file.readUInt32BE(0) === crc32(data)) {
      cachedData = data;
    }
  }
} catch {
  // No cache (not built, or removed): compiled as usual.
}
const wrapped = '(function (exports, require, module, __filename, __dirname) {' + source + '\\n})';
const script = new Script(wrapped, { filename: main, cachedData });
${beforeRun}script.runInThisContext()(module.exports, require, module, __filename, __dirname);
`;
}
