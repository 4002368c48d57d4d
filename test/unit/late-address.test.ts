import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { addressUnlessReached } from '../../main/browser/late-address';

describe('browser mode’s late address', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const never = new Promise<void>(() => undefined);

  it('is given once, when the wait is up and no page has reached the app', async () => {
    const give = vi.fn();
    addressUnlessReached({ reached: never, asked: new EventEmitter(), waitMs: 1_000, give });
    await vi.advanceTimersByTimeAsync(999);
    expect(give).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(give).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(give).toHaveBeenCalledTimes(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('is not given once a page has reached the app, and keeps no timer', async () => {
    const give = vi.fn();
    let reachedNow = () => {};
    const reached = new Promise<void>((resolve) => (reachedNow = resolve));
    addressUnlessReached({ reached, asked: null, waitMs: 1_000, give });
    await vi.advanceTimersByTimeAsync(500);
    reachedNow();
    await vi.advanceTimersByTimeAsync(0);
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(give).not.toHaveBeenCalled();
  });

  it('is not given once Enter has given an address (two unused codes would be one too many)', async () => {
    const give = vi.fn();
    const lines = new EventEmitter();
    addressUnlessReached({ reached: never, asked: lines, waitMs: 1_000, give });
    lines.emit('line', '');
    expect(vi.getTimerCount()).toBe(0);
    expect(lines.listenerCount('line')).toBe(0);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(give).not.toHaveBeenCalled();
  });

  it('is not given once stopping, and keeps no timer (the process can end)', async () => {
    const give = vi.fn();
    const lines = new EventEmitter();
    const stop = addressUnlessReached({ reached: never, asked: lines, waitMs: 1_000, give });
    stop();
    expect(vi.getTimerCount()).toBe(0);
    expect(lines.listenerCount('line')).toBe(0);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(give).not.toHaveBeenCalled();
  });
});
