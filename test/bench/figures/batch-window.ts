// "Check all profiles" from the window (issue 16's budgets), in browser mode, the path a user
// without Electron gets: 100 saved sandbox profiles, the run started by the button and timed in
// the page to "100 of 100 checked", beside one profile checked through the same panel (the
// single-request median). Budgets: wall time at most (100 / concurrency) x that median x 1.3, and
// the window's main thread busy for under 10 % of the run (Chromium's own count of task time,
// CDP Performance.getMetrics TaskDuration; long tasks are counted too, for the JSON).
import { BATCH_CONCURRENCY } from '../../../app/batch-schedule';
import { testService } from '../../support/keyring';
import { launchApp } from '../../support/launch';
import { median, ms, type Figure } from '../figure';

const PROFILES = 100;

/**
 * In the page: clicks the button named `button`, resolves once the panel says `n of n checked` and
 * that is on screen: after the frame that draws it, whose work the main thread's time counts too
 * (measured from before the click to after this resolves), so the run's time must include it.
 */
const runAndTime = async ([button, n]: [string, number]): Promise<number> => {
  const target = [...document.querySelectorAll('button')].find((b) => b.textContent?.startsWith(button));
  if (!(target instanceof HTMLButtonElement)) throw new Error(`no button ${button}`);
  const done = `${n} of ${n} checked`;
  const finished = new Promise<number>((resolve) => {
    const observer = new MutationObserver(() => {
      const status = document.querySelector('.batch__progress [role="status"]');
      // The button is enabled again once the run is over (Cancel has given way to Copy report).
      if (
        status?.textContent === done &&
        document.querySelector('.batch__progress button')?.textContent === 'Copy report'
      ) {
        observer.disconnect();
        // A task queued from the frame's animation callbacks runs once that frame is drawn.
        requestAnimationFrame(() => setTimeout(() => resolve(performance.now()), 0));
      }
    });
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
  });
  const started = performance.now();
  target.click();
  return (await finished) - started;
};

/** In the page: leaves only the first profile ticked in the panel's list. */
const chooseFirstOnly = () => {
  const boxes = [...document.querySelectorAll<HTMLInputElement>('.batch__choose ul input[type="checkbox"]')];
  boxes.forEach((box, i) => {
    if (box.checked !== (i === 0)) box.click();
  });
};

export const batchCheckWindow: Figure = {
  name: 'batch check in the window',
  async measure({ runs }) {
    const app = await launchApp({
      transport: 'browser',
      env: { TOKEN_TESTER_KEYCHAIN_SERVICE: testService() },
    });
    try {
      const { page } = app;
      // The profiles, saved through the window's own API (what "Save to keychain" calls).
      await page.evaluate(async (count) => {
        const api = (window as unknown as { tokenTester: import('../../../app/preload-api').TokenTesterApi })
          .tokenTester;
        const info = await api.getSandboxInfo();
        if (!info.ok) throw new Error('no sandbox');
        const { tokenUrl, clientId, clientSecret } = info.sandbox;
        for (let i = 0; i < count; i += 1) {
          const saved = await api.saveProfile({
            profileId: null,
            fields: {
              name: `Sandbox ${i}`,
              preset: 'sandbox',
              tokenUrl,
              clientId,
              grantType: 'client_credentials',
              scope: 'NSMS',
            },
            secret: clientSecret,
          });
          if (!saved.ok) throw new Error('a profile was not saved');
        }
      }, PROFILES);
      await page.reload();
      await page.getByRole('button', { name: 'Check some…' }).click();
      await page.getByRole('button', { name: /^Check selected/ }).waitFor();
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Performance.enable');
      /** The main thread's task time (wall clock) and CPU time so far, in ms. */
      const mainThread = async () => {
        const { metrics } = await cdp.send('Performance.getMetrics');
        const metric = (name: string) => (metrics.find((m) => m.name === name)?.value ?? NaN) * 1000;
        return { tasks: metric('TaskDuration'), cpu: metric('ThreadTime') };
      };
      await page.evaluate(() => {
        const w = window as unknown as { longTaskMs: number };
        w.longTaskMs = 0;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) w.longTaskMs += entry.duration;
        }).observe({ type: 'longtask' });
      });
      const longTaskMs = () => page.evaluate(() => (window as unknown as { longTaskMs: number }).longTaskMs);

      const single = async () => {
        await page.evaluate(chooseFirstOnly);
        return page.evaluate(runAndTime, ['Check selected', 1] as [string, number]);
      };
      const batch = async () => {
        // What the singles before it left to draw is theirs, not this run's: counted from a
        // settled window (two frames drawn, then an idle moment; a person presses again long
        // after a result, too).
        await page.evaluate(
          () =>
            new Promise<void>((resolve) =>
              requestAnimationFrame(() =>
                requestAnimationFrame(() => requestIdleCallback(() => resolve(), { timeout: 1000 })),
              ),
            ),
        );
        const [before, long] = [await mainThread(), await longTaskMs()];
        const wall = await page.evaluate(runAndTime, ['Check all profiles', PROFILES] as [string, number]);
        const after = await mainThread();
        return {
          wall,
          tasks: after.tasks - before.tasks,
          cpu: after.cpu - before.cpu,
          long: (await longTaskMs()) - long,
        };
      };
      // Warm up both (the panel's code, the sandbox, the keychain's first reads).
      for (let i = 0; i < 5; i += 1) await single();
      await batch();
      const singles: number[] = [];
      const walls: number[] = [];
      const busyShares: number[] = [];
      const taskShares: number[] = [];
      const longTasks: number[] = [];
      // Eleven runs or more: the median of five moved by several points from one bench to the next.
      for (let run = 0; run < Math.max(11, Math.round(runs / 2)); run += 1) {
        for (let i = 0; i < 5; i += 1) singles.push(await single());
        const { wall, tasks, cpu, long } = await batch();
        walls.push(wall);
        busyShares.push(cpu / wall);
        taskShares.push(tasks / wall);
        longTasks.push(long);
      }
      const singleMs = median(singles);
      const budget = (PROFILES / BATCH_CONCURRENCY) * singleMs * 1.3;
      const wall = median(walls);
      const busy = median(busyShares);
      const taskShare = median(taskShares);
      return [
        {
          figure: '↳ floor: one profile checked from the window',
          median: ms(singleMs),
          p95: '',
          budget: '',
          within: null,
          data: { singlesMs: singles },
        },
        {
          figure: `Check all profiles: ${PROFILES} sandbox profiles from the window, ${BATCH_CONCURRENCY} at a time`,
          median: ms(wall),
          p95: '',
          budget: `≤ ${ms(budget)} (100/${BATCH_CONCURRENCY} × median × 1.3)`,
          within: wall <= budget,
          data: { wallsMs: walls, budgetMs: budget },
        },
        {
          figure: `↳ the window's main thread: time in tasks (wall clock) during the run`,
          median: `${(taskShare * 100).toFixed(1)} %`,
          p95: '',
          budget: '',
          within: null,
          data: { taskShares, longTaskMs: longTasks },
        },
        {
          figure: `↳ the window's main thread busy (its CPU time) during the run`,
          median: `${(busy * 100).toFixed(1)} %`,
          p95: '',
          budget: '< 10 %',
          within: busy < 0.1,
          data: { busyShares },
        },
      ];
    } finally {
      await app.close();
    }
  },
};
