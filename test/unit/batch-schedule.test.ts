import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runBatch } from '../../app/batch-schedule';

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('checking many profiles', () => {
  it('never runs more than the concurrency at once, starts in order, and keeps each result with its item', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 0, maxLength: 40 }),
        fc.integer({ min: 1, max: 6 }),
        async (delays, concurrency) => {
          let running = 0;
          let most = 0;
          const started: number[] = [];
          const results = await runBatch({
            items: delays.map((delay, i) => ({ name: `p${i}`, delay })),
            concurrency,
            gapMs: 0,
            sleep: tick,
            cancelled: () => false,
            onStart: (i) => started.push(i),
            run: async (item) => {
              running += 1;
              most = Math.max(most, running);
              for (let i = 0; i < item.delay; i += 1) await tick();
              running -= 1;
              return `result of ${item.name}`;
            },
          });
          expect(most).toBeLessThanOrEqual(concurrency);
          expect(started).toEqual(delays.map((_, i) => i));
          expect(results).toEqual(delays.map((_, i) => `result of p${i}`));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('spaces starts by the pause, across lanes', async () => {
    const pauses: number[] = [];
    let started = 0;
    await runBatch({
      items: [1, 2, 3, 4, 5],
      concurrency: 5,
      gapMs: 250,
      sleep: async (ms) => {
        pauses.push(ms);
        await tick();
      },
      cancelled: () => false,
      onStart: () => {
        // Each start after the first waited for one pause first.
        expect(pauses.length).toBe(started);
        started += 1;
      },
      run: async () => undefined,
    });
    expect(pauses).toEqual([250, 250, 250, 250, 250]);
  });

  it('starts nothing after Cancel; what started finishes under its own item', async () => {
    let cancelled = false;
    const started: number[] = [];
    const finished: [number, string][] = [];
    const results = await runBatch({
      items: Array.from({ length: 50 }, (_, i) => `profile-${i}`),
      concurrency: 4,
      gapMs: 0,
      sleep: tick,
      cancelled: () => cancelled,
      onStart: (i) => {
        started.push(i);
        if (started.length === 10) cancelled = true;
      },
      onResult: (i, r) => finished.push([i, r as string]),
      run: async (item) => {
        await tick();
        await tick();
        return `checked ${item}`;
      },
    });
    expect(started).toHaveLength(10);
    expect(finished.map(([i]) => i).sort((a, b) => a - b)).toEqual(started);
    for (const [i, r] of finished) expect(r).toBe(`checked profile-${i}`);
    expect(results.filter((r) => r === undefined)).toHaveLength(40);
  });
});

describe('the pause between starts', () => {
  it('is skipped for items whose pause is zero (this computer’s own endpoints)', async () => {
    const pauses: number[] = [];
    await runBatch({
      items: ['local', 'telstra', 'local'],
      concurrency: 1,
      gapMs: (item) => (item === 'local' ? 0 : 100),
      sleep: async (ms) => void pauses.push(ms),
      cancelled: () => false,
      run: async () => undefined,
    });
    expect(pauses).toEqual([100]);
  });
});
