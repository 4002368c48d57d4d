// The bundle-size budgets of `npm run bench` are deterministic, so they are enforced here too.
// Needs the production build (npm test builds before Vitest runs).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../support/launch';
import { CSS_BUDGET_BYTES, JS_BUDGET_BYTES, rendererBundleSize } from '../support/bundle-size';

describe('the renderer bundle', () => {
  const size = rendererBundleSize();

  it(`loads at most 80 KiB of JavaScript, gzipped (now ${(size.jsGzipBytes / 1024).toFixed(1)} KiB)`, () => {
    expect(size.jsGzipBytes).toBeLessThanOrEqual(JS_BUDGET_BYTES);
  });

  it(`loads at most 10 KiB of CSS, gzipped (now ${(size.cssGzipBytes / 1024).toFixed(1)} KiB)`, () => {
    expect(size.cssGzipBytes).toBeLessThanOrEqual(CSS_BUDGET_BYTES);
  });

  it('does not carry the schema library, the explanations catalog or the pre-flight rules', () => {
    const code = size.jsFiles
      .map((file) => readFileSync(path.join(projectRoot, 'dist/renderer', file), 'utf8'))
      .join('\n');
    expect(code).toContain('Request token');
    expect(code).not.toContain('__zod_globalRegistry');
    expect(code).not.toContain('Free Trial APIs');
    expect(code).not.toContain('client_id_example');
  });
});
