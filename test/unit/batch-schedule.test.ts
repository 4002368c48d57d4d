import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { rateLimitHoldMs, runBatch } from '../../app/batch-schedule';

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

  describe('after a "too many requests" answer', () => {
    /** A clock that only the run's own waits move; when each item started, by that clock. */
    const clocked = () => {
      const at = { now: 0 };
      const startedAt: number[] = [];
      return {
        at,
        startedAt,
        sleep: async (ms: number) => {
          await tick();
          at.now += ms;
        },
        onStart: (i: number) => void (startedAt[i] = at.now),
      };
    };

    it('starts nothing until the time the server asked for has passed, whichever lane asks next', async () => {
      const clock = clocked();
      const holds: number[] = [];
      await runBatch({
        items: [0, 1, 2, 3, 4, 5],
        concurrency: 2,
        gapMs: 0,
        sleep: clock.sleep,
        cancelled: () => false,
        onStart: clock.onStart,
        run: async (item) => {
          await tick();
          return item === 1 ? 429 : 200;
        },
        holdMs: (_item, status) => rateLimitHoldMs(status, 3),
        onHold: (ms) => holds.push(ms),
      });
      expect(holds).toEqual([3000]);
      // Items 0 and 1 start at once; item 1's answer holds every later start for 3 s.
      expect(clock.startedAt.slice(0, 2)).toEqual([0, 0]);
      // Item 2 may start before item 1's answer; every later one waits (item 1 answered at 0).
      for (const at of clock.startedAt.slice(3)) expect(at).toBeGreaterThanOrEqual(3000);
      expect(clock.startedAt).toHaveLength(6);
    });

    it('Cancel ends the wait within a slice of it: nothing more starts, and the run ends', async () => {
      const clock = clocked();
      let cancelled = false;
      const started: number[] = [];
      const results = await runBatch({
        items: [0, 1, 2, 3],
        concurrency: 1,
        gapMs: 0,
        sleep: async (ms) => {
          await clock.sleep(ms);
          // The user presses Cancel a second into a minute's wait.
          if (clock.at.now >= 1000) cancelled = true;
        },
        cancelled: () => cancelled,
        onStart: (i) => started.push(i),
        run: async () => 429,
        holdMs: (_item, status) => rateLimitHoldMs(status, 60),
      });
      expect(started).toEqual([0]);
      expect(results).toEqual([429, undefined, undefined, undefined]);
      expect(clock.at.now).toBe(1000);
    });

    it('does not hold the run’s end when nothing is left to start', async () => {
      const clock = clocked();
      const holds: number[] = [];
      await runBatch({
        items: [0, 1],
        concurrency: 2,
        gapMs: 0,
        sleep: clock.sleep,
        cancelled: () => false,
        run: async () => {
          await tick();
          return 429;
        },
        holdMs: (_item, status) => rateLimitHoldMs(status, 30),
        onHold: (ms) => holds.push(ms),
      });
      expect(holds).toEqual([]);
      expect(clock.at.now).toBe(0);
    });

    it('tells a wait once, not once for each lane the server refused, and tells a longer one', async () => {
      // Every answer a 429 (the first "2 s", then "60 s"), four lanes: the answers that come
      // together ask for one wait, which is told once; real timers (faked), so the waits overlap.
      vi.useFakeTimers();
      try {
        const holds: [number, number][] = [];
        const startedAt: number[] = [];
        let done = false;
        const run = runBatch({
          items: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
          gapMs: 0,
          sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
          cancelled: () => false,
          onStart: () => startedAt.push(Date.now()),
          run: (item) => new Promise<number>((resolve) => setTimeout(() => resolve(429), 10 + item)),
          holdMs: (item, status) => rateLimitHoldMs(status, item === 0 ? 2 : 60),
          onHold: (ms) => holds.push([Date.now(), ms]),
        }).finally(() => (done = true));
        const t0 = Date.now();
        while (!done) await vi.advanceTimersByTimeAsync(100);
        await run;
        const told = holds.map(([at, ms]) => [at - t0, ms]);
        // Item 0's 2 s, then item 1's minute (longer: told); items 2 and 3 end with it (not told).
        // The next four start together after the minute, and their answers ask for one more.
        expect(told.slice(0, 2)).toEqual([
          [10, 2_000],
          [11, 60_000],
        ]);
        expect(told).toHaveLength(3);
        const [again = 0, last] = told[2]!;
        expect(last).toBe(60_000);
        const starts = startedAt.map((at) => at - t0);
        expect(starts.slice(0, 4)).toEqual([0, 0, 0, 0]);
        for (const at of starts.slice(4, 8)) expect(at).toBeGreaterThanOrEqual(60_011);
        expect(again).toBeGreaterThan(Math.max(...starts.slice(4, 8)));
        for (const at of starts.slice(8)) expect(at).toBeGreaterThanOrEqual(again + 60_000);
      } finally {
        vi.useRealTimers();
      }
    });

    it('waits what Retry-After says, within a second and a minute; 5 s when it says nothing; only for 429', () => {
      expect(rateLimitHoldMs(429, 30)).toBe(30_000);
      expect(rateLimitHoldMs(429, 0)).toBe(1_000);
      expect(rateLimitHoldMs(429, 3600)).toBe(60_000);
      expect(rateLimitHoldMs(429, null)).toBe(5_000);
      expect(rateLimitHoldMs(503, 30)).toBe(0);
      expect(rateLimitHoldMs(200, null)).toBe(0);
      expect(rateLimitHoldMs(null, null)).toBe(0);
    });
  });
});
