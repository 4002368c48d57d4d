// The renderer's production bundle, gzipped: deterministic, so `npm test` enforces it too
// (test/integration/bundle-budget.test.ts).
import { CSS_BUDGET_BYTES, JS_BUDGET_BYTES, rendererBundleSize } from '../../support/bundle-size';
import { kib, type Figure } from '../figure';

export const bundleSize: Figure = {
  name: 'bundle size',
  async measure() {
    const size = rendererBundleSize();
    return [
      {
        figure: `renderer JavaScript, gzip (${size.jsFiles.length} file${size.jsFiles.length === 1 ? '' : 's'})`,
        median: kib(size.jsGzipBytes),
        p95: '',
        budget: `≤ ${kib(JS_BUDGET_BYTES)}`,
        within: size.jsGzipBytes <= JS_BUDGET_BYTES,
        data: { bytes: size.jsGzipBytes, files: size.jsFiles },
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
