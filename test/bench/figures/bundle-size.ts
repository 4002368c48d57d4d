// The renderer's production bundle, gzipped: deterministic, so `npm test` enforces it too
// (test/integration/bundle-budget.test.ts). The first row is what the first paint waits for; the
// second what the window loads by itself (that, and what it preloads while idle); the on-demand
// parts are fetched only when opened.
import {
  CSS_BUDGET_BYTES,
  FIRST_PAINT_JS_BUDGET_BYTES,
  JS_BUDGET_BYTES,
  rendererBundleSize,
} from '../../support/bundle-size';
import { kib, type Figure } from '../figure';

export const bundleSize: Figure = {
  name: 'bundle size',
  async measure() {
    const size = rendererBundleSize();
    const largest = [...size.onDemand].sort((a, b) => b.gzipBytes - a.gzipBytes)[0];
    const budgets = size.onDemand.map((chunk) => chunk.budgetBytes);
    return [
      {
        figure: `renderer JavaScript the first paint waits for, gzip (${size.firstPaintJsFiles.length} file${size.firstPaintJsFiles.length === 1 ? '' : 's'})`,
        median: kib(size.firstPaintJsGzipBytes),
        p95: '',
        budget: `≤ ${kib(FIRST_PAINT_JS_BUDGET_BYTES)}`,
        within: size.firstPaintJsGzipBytes <= FIRST_PAINT_JS_BUDGET_BYTES,
        data: { bytes: size.firstPaintJsGzipBytes, files: size.firstPaintJsFiles },
      },
      {
        figure: `renderer JavaScript the window loads by itself, gzip (${size.jsFiles.length} file${size.jsFiles.length === 1 ? '' : 's'})`,
        median: kib(size.jsGzipBytes),
        p95: '',
        budget: `≤ ${kib(JS_BUDGET_BYTES)}`,
        within: size.jsGzipBytes <= JS_BUDGET_BYTES,
        data: { bytes: size.jsGzipBytes, files: size.jsFiles },
      },
      {
        figure: `renderer JavaScript fetched when opened, gzip (${size.onDemand.length} parts; the largest)`,
        median: largest ? `${kib(largest.gzipBytes)} (${largest.name})` : '—',
        p95: '',
        budget: `each within its own (≤ ${kib(Math.min(...budgets))} to ${kib(Math.max(...budgets))})`,
        within: size.onDemand.every((chunk) => chunk.gzipBytes <= chunk.budgetBytes),
        data: { parts: size.onDemand },
      },
      {
        figure: 'renderer CSS, gzip',
        median: kib(size.cssGzipBytes),
        p95: '',
        budget: `≤ ${kib(CSS_BUDGET_BYTES)}`,
        within: size.cssGzipBytes <= CSS_BUDGET_BYTES,
        data: { bytes: size.cssGzipBytes, files: size.cssFiles },
      },
    ];
  },
};
