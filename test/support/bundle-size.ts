// What the window loads from the production build: every script and style sheet index.html
// references, every module those scripts preload, and the chunks loaded just after the first paint
// (renderer/deferred.tsx), which the window fetches whether or not they are used: in short, every
// script of the build. Their gzip sizes, file by file.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { projectRoot } from './launch';

export const JS_BUDGET_BYTES = 80 * 1024;
export const CSS_BUDGET_BYTES = 10 * 1024;

export interface BundleSize {
  readonly jsFiles: readonly string[];
  readonly cssFiles: readonly string[];
  readonly jsGzipBytes: number;
  readonly cssGzipBytes: number;
}

export function rendererBundleSize(dir = path.join(projectRoot, 'dist/renderer')): BundleSize {
  const html = readFileSync(path.join(dir, 'index.html'), 'utf8');
  const refs = (pattern: RegExp) => [...html.matchAll(pattern)].map((match) => match[1] ?? '');
  const referenced = [
    ...refs(/<script[^>]+src="([^"]+)"/g),
    ...refs(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g),
  ];
  const chunks = readdirSync(path.join(dir, 'assets'))
    .filter((file) => file.endsWith('.js'))
    .map((file) => `/assets/${file}`);
  const jsFiles = [...new Set([...referenced.map((file) => `/${file.replace(/^\.?\//, '')}`), ...chunks])];
  const cssFiles = refs(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"/g);
  const gzip = (files: readonly string[]) =>
    files.reduce((sum, file) => sum + gzipSync(readFileSync(path.join(dir, file))).byteLength, 0);
  if (referenced.length === 0) throw new Error('index.html references no script: is the build complete?');
  return { jsFiles, cssFiles, jsGzipBytes: gzip(jsFiles), cssGzipBytes: gzip(cssFiles) };
}
