// Renderer memory: the JS heap after 1,000 requests against the sandbox, beside the heap after 100
// (both after a forced garbage collection). Budget: within 10% (no leak) and under 15 MiB.
import { launchApp } from '../../support/launch';
import { kib, type Figure } from '../figure';

const requestMany = async (count: number): Promise<void> => {
  const button = [...document.querySelectorAll('button')].find((b) => b.textContent === 'Request token');
  const region = document.querySelector('[aria-label="Result"]');
  if (!(button instanceof HTMLButtonElement) || !region) throw new Error('the form is not there');
  for (let i = 0; i < count; i += 1) {
    const before = region.querySelector('article');
    const shown = new Promise<void>((resolve) => {
      const observer = new MutationObserver(() => {
        const now = region.querySelector('article');
        if (now && now !== before && !button.disabled) {
          observer.disconnect();
          resolve();
        }
      });
      observer.observe(region.parentElement ?? region, { childList: true, subtree: true, attributes: true });
    });
    button.click();
    await shown;
  }
};

export const rendererMemory: Figure = {
  name: 'memory',
  async measure() {
    const app = await launchApp();
    try {
      const { page } = app;
      await page.getByRole('combobox', { name: 'Endpoint' }).selectOption('sandbox');
      await page.getByRole('button', { name: 'Use sandbox credentials' }).click();
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Performance.enable');
      const heap = async () => {
        await cdp.send('HeapProfiler.collectGarbage');
        await page.waitForTimeout(500);
        await cdp.send('HeapProfiler.collectGarbage');
        const { metrics } = await cdp.send('Performance.getMetrics');
        return metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? NaN;
      };
      await page.evaluate(requestMany, 100);
      await page.waitForTimeout(1000);
      const after100 = await heap();
      await page.evaluate(requestMany, 900);
      await page.waitForTimeout(1000);
      const after1000 = await heap();
      const growth = after1000 / after100 - 1;
      return [
        {
          figure: 'renderer JS heap after 1,000 requests (after 100 for comparison)',
          median: `${kib(after1000)} (${kib(after100)} after 100, ${growth >= 0 ? '+' : ''}${(growth * 100).toFixed(1)} %)`,
          p95: '',
          budget: 'within 10 % of the heap after 100, and under 15 MiB',
          within: growth <= 0.1 && after1000 < 15 * 1024 * 1024,
          data: { after100, after1000 },
        },
      ];
    } finally {
      await app.close();
    }
  },
};
