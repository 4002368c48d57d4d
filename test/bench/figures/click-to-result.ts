// Click to result against the sandbox: "Request token" pressed to the result shown, beside the
// same request made with a bare fetch from this process. Budget: the difference of medians is at
// most 10 ms in both modes (bridge mode: IPC's cost, as in Electron, though the test bridge's own
// round trip is dearer than Electron's IPC, about 3 ms: test/support/launch.ts, connectBridge;
// browser mode: issue 8) — what the app adds on top of the network round trip.
import { SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET } from '../../../app/sandbox';
import { launchApp } from '../../support/launch';
import { differenceRows, type Figure } from '../figure';

/** In the page: presses the button `count` times, timing each press to the new result's commit. */
const pressAndTime = async (count: number): Promise<number[]> => {
  const button = [...document.querySelectorAll('button')].find((b) => b.textContent === 'Request token');
  const region = document.querySelector('[aria-label="Result"]');
  if (!(button instanceof HTMLButtonElement) || !region) throw new Error('the form is not there');
  const times: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const before = region.querySelector('article');
    const shown = new Promise<number>((resolve) => {
      const observer = new MutationObserver(() => {
        const now = region.querySelector('article');
        if (now && now !== before && now.querySelector('h2')?.textContent === 'Token received') {
          observer.disconnect();
          resolve(performance.now());
        }
      });
      observer.observe(region, { childList: true, subtree: true });
    });
    const started = performance.now();
    button.click();
    times.push((await shown) - started);
    // A person presses again long after the result: let the window settle (history refresh, etc.).
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  return times;
};

function clickToResultIn(transport: 'bridge' | 'browser', budgetMs: number): Figure {
  return {
    name: transport === 'bridge' ? 'click to result' : 'browser mode click to result',
    async measure({ runs }) {
      const count = Math.max(50, runs);
      const app = await launchApp({ transport });
      try {
        const { page } = app;
        await page.getByRole('combobox', { name: 'Endpoint' }).selectOption('sandbox');
        await page.getByRole('button', { name: 'Use sandbox credentials' }).click();
        const tokenUrl = await page.getByRole('textbox', { name: 'Token URL' }).inputValue();
        const body = new URLSearchParams({
          client_id: SANDBOX_CLIENT_ID,
          client_secret: SANDBOX_CLIENT_SECRET,
          grant_type: 'client_credentials',
          scope: 'NSMS',
        });
        const bare = async () => {
          const started = performance.now();
          const response = await fetch(tokenUrl, {
            method: 'POST',
            headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
            body,
          });
          await response.text();
          return performance.now() - started;
        };
        // Warm up both, then alternate in blocks so a busy moment slows both alike.
        await page.evaluate(pressAndTime, 5);
        for (let i = 0; i < 5; i += 1) await bare();
        const samplesMs: number[] = [];
        const baselineSamplesMs: number[] = [];
        for (let block = 0; block < count / 10; block += 1) {
          samplesMs.push(...(await page.evaluate(pressAndTime, 10)));
          for (let i = 0; i < 10; i += 1) baselineSamplesMs.push(await bare());
        }
        return differenceRows(
          `click to result (${transport} mode, sandbox, ${samplesMs.length} requests)`,
          'the same request, bare fetch',
          { samplesMs, baselineSamplesMs },
          budgetMs,
        );
      } finally {
        await app.close();
      }
    },
  };
}

export const clickToResult = clickToResultIn('bridge', 10);
export const browserClickToResult = clickToResultIn('browser', 10);
