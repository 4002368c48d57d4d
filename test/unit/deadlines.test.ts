// One timer for every deadline: each request is aborted at its own deadline, never before, and a
// released request is never aborted.
import { describe, expect, it, vi } from 'vitest';
import { createDeadlines } from '../../main/token/deadlines';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('deadlines', () => {
  it('aborts each request at its own deadline, earliest first, with its reason', () => {
    vi.useFakeTimers();
    try {
      const deadlines = createDeadlines(() => Date.now());
      const late = new AbortController();
      const early = new AbortController();
      deadlines.watch(late, 150, 'late-reason');
      deadlines.watch(early, 50, 'early-reason');
      vi.advanceTimersByTime(49);
      expect(early.signal.aborted).toBe(false);
      vi.advanceTimersByTime(1);
      expect(early.signal.reason).toBe('early-reason');
      expect(late.signal.aborted).toBe(false);
      vi.advanceTimersByTime(99);
      expect(late.signal.aborted).toBe(false);
      vi.advanceTimersByTime(1);
      expect(late.signal.reason).toBe('late-reason');
    } finally {
      vi.useRealTimers();
    }
  });

  it('never aborts a request released before its deadline, and still aborts the others', async () => {
    const deadlines = createDeadlines();
    const released = new AbortController();
    const kept = new AbortController();
    deadlines.watch(released, 30, 'x');
    deadlines.watch(kept, 60, 'y');
    deadlines.release(released);
    await sleep(120);
    expect(released.signal.aborted).toBe(false);
    expect(kept.signal.aborted).toBe(true);
  });

  it('keeps working after a quiet spell, for requests watched one after another', async () => {
    const deadlines = createDeadlines();
    for (let i = 0; i < 3; i += 1) {
      const controller = new AbortController();
      deadlines.watch(controller, 20, i);
      await sleep(60);
      expect(controller.signal.reason).toBe(i);
    }
  });
});
