// What a running countdown costs: over 30 s, the renderer's busy time (Chrome DevTools Protocol
// performance metrics) and the DOM commits, which must touch only the timer.
// Budget: busy at most 1% of wall time; at most one commit a second, touching only the timer.
import { launchApp } from '../../support/launch';
import type { Figure } from '../figure';

const WATCH_MS = 30_000;

export const countdownCost: Figure = {
  name: 'countdown cost',
  async measure() {
    const app = await launchApp();
    try {
      const { page } = app;
      await page.getByRole('combobox', { name: 'Endpoint' }).selectOption('sandbox');
      await page.getByRole('button', { name: 'Use sandbox credentials' }).click();
      await page.getByRole('button', { name: 'Request token' }).click();
      await page.getByRole('timer').waitFor();
      await page.waitForTimeout(2000); // let the first result's work (history, fonts) settle

      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Performance.enable');
      const busy = async () => {
        const { metrics } = await cdp.send('Performance.getMetrics');
        return metrics.find((m) => m.name === 'TaskDuration')?.value ?? NaN;
      };
      await page.evaluate(() => {
        const timer = document.querySelector('[role="timer"]');
        const log: Array<{ at: number; onlyTimer: boolean }> = [];
        (window as unknown as { __commits: typeof log }).__commits = log;
        new MutationObserver((records) => {
          log.push({
            at: performance.now(),
            onlyTimer: records.every((r) => timer?.contains(r.target) ?? false),
          });
        }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
      });
      const busyBefore = await busy();
      const started = performance.now();
      await page.waitForTimeout(WATCH_MS);
      const wallSeconds = (performance.now() - started) / 1000;
      const busySeconds = (await busy()) - busyBefore;
      const commits = await page.evaluate(
        () => (window as unknown as { __commits: Array<{ onlyTimer: boolean }> }).__commits,
      );
      const share = busySeconds / wallSeconds;
      const perSecond = commits.length / wallSeconds;
      const onlyTimer = commits.every((c) => c.onlyTimer);
      return [
        {
          figure: 'countdown: renderer busy time over 30 s',
          median: `${(share * 100).toFixed(2)} % (${(busySeconds * 1000).toFixed(0)} ms)`,
          p95: '',
          budget: '≤ 1 % of wall time',
          within: share <= 0.01,
          data: { busySeconds, wallSeconds },
        },
        {
          figure: 'countdown: DOM commits',
          median: `${perSecond.toFixed(2)} per second, ${onlyTimer ? 'timer only' : 'NOT only the timer'}`,
          p95: '',
          budget: '≤ 1 per second, touching only the timer',
          within: perSecond <= 1.05 && onlyTimer,
          data: { commits: commits.length, onlyTimer },
        },
      ];
    } finally {
      await app.close();
    }
  },
};
