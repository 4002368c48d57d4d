// The bundle-size budgets of `npm run bench` are deterministic, so they are enforced here too.
// Needs the production build (npm test builds before Vitest runs).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../support/launch';
import {
  CSS_BUDGET_BYTES,
  FIRST_PAINT_JS_BUDGET_BYTES,
  JS_BUDGET_BYTES,
  rendererBundleSize,
} from '../support/bundle-size';

const kib = (bytes: number) => (bytes / 1024).toFixed(1);

describe('the renderer bundle', () => {
  const size = rendererBundleSize();

  it(`the first paint waits for at most ${kib(FIRST_PAINT_JS_BUDGET_BYTES)} KiB of JavaScript, gzipped (now ${kib(size.firstPaintJsGzipBytes)} KiB)`, () => {
    expect(size.firstPaintJsFiles.length).toBeGreaterThan(0);
    // The idle-preloaded chunk is not among them: it is what the first paint does not need.
    expect(size.firstPaintJsFiles.some((file) => /\/later-/.test(file))).toBe(false);
    expect(size.firstPaintJsGzipBytes).toBeLessThanOrEqual(FIRST_PAINT_JS_BUDGET_BYTES);
  });

  it(`the window loads at most ${kib(JS_BUDGET_BYTES)} KiB of JavaScript by itself, gzipped (now ${kib(size.jsGzipBytes)} KiB)`, () => {
    expect(size.jsGzipBytes).toBeLessThanOrEqual(JS_BUDGET_BYTES);
  });

  it.each(size.onDemand.map((chunk) => [chunk.name, chunk] as const))(
    'the on-demand part %s stays within its own budget',
    (_name, chunk) => {
      expect(chunk.gzipBytes).toBeLessThanOrEqual(chunk.budgetBytes);
    },
  );

  it(`loads at most 10 KiB of CSS, gzipped (now ${kib(size.cssGzipBytes)} KiB)`, () => {
    expect(size.cssGzipBytes).toBeLessThanOrEqual(CSS_BUDGET_BYTES);
  });

  it('does not carry the schema library, the explanations catalog or the pre-flight rules', () => {
    const code = [...size.jsFiles, ...size.onDemand.map((chunk) => chunk.file)]
      .map((file) => readFileSync(path.join(projectRoot, 'dist/renderer', file), 'utf8'))
      .join('\n');
    expect(code).toContain('Request token');
    expect(code).not.toContain('__zod_globalRegistry');
    expect(code).not.toContain('Free Trial APIs');
    expect(code).not.toContain('client_id_example');
  });
});
