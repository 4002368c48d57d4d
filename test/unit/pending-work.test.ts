// What a quit waits for (main/storage/pending-work.ts): work tracked while waiting counts too, a
// failure counts as settled, and the wait has a bound.
import { describe, expect, it } from 'vitest';
import { pendingWork, settledWithin } from '../../main/storage/pending-work';

describe('pendingWork', () => {
  it('settles once all tracked work has, work tracked while waiting and failures included', async () => {
    const pending = pendingWork();
    let finishFirst = () => undefined as void;
    let finishSecond = () => undefined as void;
    const first = pending.track(new Promise<void>((resolve) => (finishFirst = resolve)));
    let done = false;
    const waiting = pending.settled().then(() => (done = true));
    void first.then(() => {
      void pending.track(new Promise<void>((resolve) => (finishSecond = resolve)));
      void pending.track(Promise.reject(new Error('a write that failed'))).catch(() => undefined);
    });
    finishFirst();
    await first;
    await Promise.resolve();
    expect(done).toBe(false);
    finishSecond();
    await waiting;
    expect(done).toBe(true);
  });
});

describe('settledWithin', () => {
  it('is true once the work settles, rejected or not, and false when the time runs out first', async () => {
    expect(await settledWithin(Promise.resolve(), 10_000)).toBe(true);
    expect(await settledWithin(Promise.reject(new Error('failed')), 10_000)).toBe(true);
    expect(await settledWithin(new Promise(() => undefined), 20)).toBe(false);
  });
});
