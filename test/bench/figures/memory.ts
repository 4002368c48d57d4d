// Renderer memory: the JS heap after 1,000 requests against the sandbox, beside the heap after 100
// (both after forced garbage collections). Budget: within 10% (no leak) and under 15 MiB.
//
// V8 keeps compiling the hot paths into optimised machine code for the first several hundred
// requests, and that code lives on the JS heap too (about 300-400 KiB here), then stops growing.
// That is not a leak, so the growth check compares the heap without V8's compiled code (measured
// from heap snapshots); the table shows the whole heap as well, and the 15 MiB limit applies to it.
import type { CDPSession } from 'playwright';
import { launchApp } from '../../support/launch';
import { kib, type Figure } from '../figure';

/** Bytes of V8's compiled code on the heap (nodes of type "code" in a heap snapshot). */
async function compiledCodeBytes(cdp: CDPSession): Promise<number> {
  const chunks: string[] = [];
  const collect = ({ chunk }: { chunk: string }) => void chunks.push(chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', collect);
  try {
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  } finally {
    cdp.off('HeapProfiler.addHeapSnapshotChunk', collect);
  }
  const snapshot = JSON.parse(chunks.join('')) as {
    snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
    nodes: number[];
  };
  const fields = snapshot.snapshot.meta.node_fields;
  const typeAt = fields.indexOf('type');
  const sizeAt = fields.indexOf('self_size');
  const codeType = snapshot.snapshot.meta.node_types[0].indexOf('code');
  let bytes = 0;
  for (let i = 0; i < snapshot.nodes.length; i += fields.length) {
    if (snapshot.nodes[i + typeAt] === codeType) bytes += snapshot.nodes[i + sizeAt] ?? 0;
  }
  return bytes;
}

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
      await cdp.send('HeapProfiler.enable');
      const heap = async () => {
        await cdp.send('HeapProfiler.collectGarbage');
        await page.waitForTimeout(500);
        await cdp.send('HeapProfiler.collectGarbage');
        const { metrics } = await cdp.send('Performance.getMetrics');
        const used = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? NaN;
        const code = await compiledCodeBytes(cdp);
        return { used, code, objects: used - code };
      };
      await page.evaluate(requestMany, 100);
      await page.waitForTimeout(1000);
      const after100 = await heap();
      await page.evaluate(requestMany, 900);
      await page.waitForTimeout(1000);
      const after1000 = await heap();
      const growth = after1000.objects / after100.objects - 1;
      const percent = (value: number) => `${value >= 0 ? '+' : ''}${(value * 100).toFixed(1)} %`;
      return [
        {
          figure: 'renderer JS heap after 1,000 requests (beside the heap after 100)',
          median: `${kib(after1000.used)} (${kib(after100.used)} after 100, ${percent(after1000.used / after100.used - 1)}); without compiled code ${kib(after1000.objects)} (${kib(after100.objects)}, ${percent(growth)})`,
          p95: '',
          budget: 'without compiled code within 10 % of the heap after 100; whole heap under 15 MiB',
          within: growth <= 0.1 && after1000.used < 15 * 1024 * 1024,
          data: { after100, after1000 },
        },
      ];
    } finally {
      await app.close();
    }
  },
};
