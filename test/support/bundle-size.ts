// What the window loads by itself from the production build: every script and style sheet
// index.html references, every module those scripts preload, and the chunk it preloads while idle
// just after the first paint (renderer/deferred.tsx) — in short, every script of the build except
// the on-demand parts (renderer/on-demand.tsx), which are fetched only when the user opens them
// and have budgets of their own. Gzip sizes, file by file. test/e2e/on-demand.spec.ts checks that
// a real window fetches exactly `jsFiles` at start and each on-demand chunk only when opened.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { projectRoot } from './launch';

const KIB = 1024;
/** What the first paint needs: the scripts index.html references and preloads. */
export const FIRST_PAINT_JS_BUDGET_BYTES = 76 * KIB;
/**
 * All the window loads by itself: the first paint's scripts and the chunk preloaded while idle.
 * 80 since 1 December (79 before): the keyboard and screen-reader fixes took it just past 79.
 */
export const JS_BUDGET_BYTES = 80 * KIB;
export const CSS_BUDGET_BYTES = 10 * KIB;

/**
 * The on-demand parts, by chunk name (the bundler names a chunk after its module's file), each
 * with its budget. A part made on-demand must be listed here, or it counts as loaded at start.
 */
export const ON_DEMAND_BUDGETS: Readonly<Record<string, number>> = {
  Preferences: 1 * KIB,
  SandboxPanel: 1 * KIB,
  InvalidClientAssistant: 1.5 * KIB,
  ImportDialog: 3 * KIB,
  // 3.5: a row opened asks the main side for its whole answer (the rows carry verdicts only, so a
  // run's tokens stay there), with its own waiting and failure lines. 3.75 on 2 December: one run
  // at a time said in the panel, focus on "Copy report" at a run's end, a run given up stopped.
  BatchPanel: 3.75 * KIB,
};

export interface OnDemandChunk {
  readonly name: string;
  readonly file: string;
  readonly gzipBytes: number;
  readonly budgetBytes: number;
}

export interface BundleSize {
  /** What the first paint waits for. */
  readonly firstPaintJsFiles: readonly string[];
  readonly firstPaintJsGzipBytes: number;
  /** What the window loads by itself. */
  readonly jsFiles: readonly string[];
  readonly cssFiles: readonly string[];
  readonly jsGzipBytes: number;
  readonly cssGzipBytes: number;
  readonly onDemand: readonly OnDemandChunk[];
}

export function rendererBundleSize(dir = path.join(projectRoot, 'dist/renderer')): BundleSize {
  const html = readFileSync(path.join(dir, 'index.html'), 'utf8');
  const refs = (pattern: RegExp) => [...html.matchAll(pattern)].map((match) => match[1] ?? '');
  const referenced = [
    ...refs(/<script[^>]+src="([^"]+)"/g),
    ...refs(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g),
  ];
  if (referenced.length === 0) throw new Error('index.html references no script: is the build complete?');
  const gzipOf = (file: string) => gzipSync(readFileSync(path.join(dir, file))).byteLength;
  const chunks = readdirSync(path.join(dir, 'assets'))
    .filter((file) => file.endsWith('.js'))
    .map((file) => `/assets/${file}`);
  const onDemand = Object.entries(ON_DEMAND_BUDGETS).map(([name, budgetBytes]) => {
    const files = chunks.filter((file) => new RegExp(`^/assets/${name}-[\\w-]+\\.js$`).test(file));
    if (files.length !== 1 || !files[0]) {
      throw new Error(`The on-demand part ${name} should be one chunk of its own; found ${files.length}.`);
    }
    return { name, file: files[0], gzipBytes: gzipOf(files[0]), budgetBytes };
  });
  const onDemandFiles = new Set(onDemand.map((chunk) => chunk.file));
  const firstPaintJsFiles = [...new Set(referenced.map((file) => `/${file.replace(/^\.?\//, '')}`))];
  const jsFiles = [...new Set([...firstPaintJsFiles, ...chunks])].filter((file) => !onDemandFiles.has(file));
  const cssFiles = refs(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"/g);
  const gzip = (files: readonly string[]) => files.reduce((sum, file) => sum + gzipOf(file), 0);
  return {
    firstPaintJsFiles,
    firstPaintJsGzipBytes: gzip(firstPaintJsFiles),
    jsFiles,
    cssFiles,
    jsGzipBytes: gzip(jsFiles),
    cssGzipBytes: gzip(cssFiles),
    onDemand,
  };
}
