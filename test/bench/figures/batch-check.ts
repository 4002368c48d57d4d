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
import { sendJson, startServer } from '../../support/servers';
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
      // The same run against a loopback server that answers after 20 ms, like a network would: the
      // sandbox answers in the same process at once, so its requests are bound by this machine's
      // CPU, which running several at a time cannot divide; with latency, the scheduler's own
      // cost is what the budget judges.
      const slow = await startServer((_req, res) => {
        setTimeout(
          () => sendJson(res, 200, { access_token: 'a'.repeat(40), token_type: 'Bearer', expires_in: 3599 }),
          20,
        );
      });
      const remote = createTokenService({ fetch: (u, init) => fetch(u, init), sandboxUrl: async () => '' });
      const viaNetwork = async () => {
        const started = performance.now();
        const result = await remote.request({
          requestId: `n${(n += 1)}`,
          preset: 'custom',
          tokenUrl: slow.url(),
          clientId: 'client',
          clientSecret: 'secret-value-123',
          grantType: 'client_credentials',
          scope: 'NSMS',
        });
        if (!result.ok) throw new Error(result.explanation.title);
        return performance.now() - started;
      };
      const netSingles: number[] = [];
      const netWalls: number[] = [];
      try {
        for (let run = 0; run < 3; run += 1) {
          for (let i = 0; i < 10; i += 1) netSingles.push(await viaNetwork());
          const started = performance.now();
          await runBatch({
            items: Array.from({ length: PROFILES }, (_, i) => i),
            run: viaNetwork,
            gapMs: 0,
            sleep: (wait) => new Promise((resolve) => setTimeout(resolve, wait)),
            cancelled: () => false,
          });
          netWalls.push(performance.now() - started);
        }
      } finally {
        await slow.close();
      }
      const netBudget = (PROFILES / BATCH_CONCURRENCY) * median(netSingles) * 1.3;
      return [
        {
          figure: `batch check, 20 ms latency: ${PROFILES} profiles (single ${ms(median(netSingles))})`,
          median: ms(median(netWalls)),
          p95: '',
          budget: `≤ ${ms(netBudget)}`,
          within: null,
          data: { wallsMs: netWalls, singlesMs: netSingles, budgetMs: netBudget },
        },
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
