// Checking 100 profiles against the sandbox (issue 16): the batch scheduler of app/batch-schedule.ts
// with the app's token service and the real sandbox server, beside the single-request median of
// the same requests one at a time, measured in the same run.
// Budget: wall time at most (100 / concurrency) x the single-request median x 1.3.
// Not measured here: the window's busy time during a run; the window has no "Check all profiles"
// yet (see the branch's report), so there is nothing of the renderer's to time.
import { BATCH_CONCURRENCY, runBatch } from '../../../app/batch-schedule';
import { SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET } from '../../../app/sandbox';
import { startSandboxServer } from '../../../main/sandbox/sandbox-server';
import { createTokenService } from '../../../main/token/token-service';
import { median, ms, type Figure } from '../figure';

const PROFILES = 100;

export const batchCheck: Figure = {
  name: 'batch check',
  async measure(context) {
    const sandbox = await startSandboxServer();
    try {
      const tokens = createTokenService({
        fetch: (u, init) => fetch(u, init),
        sandboxUrl: async () => sandbox.tokenUrl,
      });
      let n = 0;
      const one = async () => {
        const started = performance.now();
        const result = await tokens.request({
          requestId: `b${(n += 1)}`,
          preset: 'sandbox',
          tokenUrl: '',
          clientId: SANDBOX_CLIENT_ID,
          clientSecret: SANDBOX_CLIENT_SECRET,
          grantType: 'client_credentials',
          scope: 'NSMS',
        });
        if (!result.ok) throw new Error(result.explanation.title);
        return performance.now() - started;
      };
      const batch = async () => {
        const started = performance.now();
        await runBatch({
          items: Array.from({ length: PROFILES }, (_, i) => i),
          run: one,
          // As the CLI runs it for the sandbox: no pause between starts on this computer.
          gapMs: 0,
          sleep: (wait) => new Promise((resolve) => setTimeout(resolve, wait)),
          cancelled: () => false,
        });
        return performance.now() - started;
      };
      for (let i = 0; i < 200; i += 1) await one();
      await batch();
      const singles: number[] = [];
      const walls: number[] = [];
      for (let run = 0; run < Math.max(5, Math.round(context.runs / 2)); run += 1) {
        for (let i = 0; i < 20; i += 1) singles.push(await one());
        walls.push(await batch());
      }
      const single = median(singles);
      const budget = (PROFILES / BATCH_CONCURRENCY) * single * 1.3;
      const wall = median(walls);
      return [
        {
          figure: '↳ floor: one sandbox request at a time',
          median: ms(single),
          p95: '',
          budget: '',
          within: null,
          data: { singlesMs: singles },
        },
        {
          figure: `batch check: ${PROFILES} profiles, ${BATCH_CONCURRENCY} at a time, against the sandbox`,
          median: ms(wall),
          p95: '',
          budget: `≤ ${ms(budget)} (100/${BATCH_CONCURRENCY} × median × 1.3)`,
          within: wall <= budget,
          data: { wallsMs: walls, budgetMs: budget, concurrency: BATCH_CONCURRENCY },
        },
      ];
    } finally {
      await sandbox.close();
    }
  },
};
