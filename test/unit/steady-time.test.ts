import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { atTime, steadyNow } from '../../app/steady-time';

describe('steady time', () => {
  let wall = 1_000_000;
  let mono = 50;
  beforeEach(() => {
    vi.useFakeTimers();
    wall = 1_000_000;
    mono = 50;
  });
  afterEach(() => vi.useRealTimers());

  it('puts no time back when the wall clock is set back, and counts a sleep or a clock set ahead', () => {
    const steady = steadyNow(
      () => wall,
      () => mono,
    );
    mono += 1_000;
    wall -= 3_600_000; // set back an hour, a second later
    expect(steady()).toBe(1_001_000);
    wall = 1_000_000 + 7_200_000; // asleep two hours: the timers' clock stood still
    expect(steady()).toBe(8_200_000);
  });

  it('puts no time back when the wall clock is set back after a sleep either', () => {
    const steady = steadyNow(
      () => wall,
      () => mono,
    );
    // Asleep two hours (the timers' clock stood still), looked at on waking...
    wall += 7_200_000;
    expect(steady()).toBe(8_200_000);
    // ...then set back an hour, a second later: the two hours asleep stay counted.
    mono += 1_000;
    wall -= 3_600_000;
    expect(steady()).toBe(8_201_000);
  });

  it('fires at its moment, looking again every step: not early when the clock is set back, not late after a sleep', () => {
    const fired = vi.fn();
    const steady = steadyNow(
      () => wall,
      () => mono,
    );
    atTime(wall + 10 * 60_000, fired, 60_000, steady);
    // Set back an hour: the timers' clock still says 9 minutes passed, so one minute is left.
    wall -= 3_600_000;
    mono += 9 * 60_000;
    vi.advanceTimersByTime(9 * 60_000);
    expect(fired).not.toHaveBeenCalled();
    mono += 60_000;
    vi.advanceTimersByTime(60_000);
    expect(fired).toHaveBeenCalledTimes(1);

    // Asleep past the moment: the next look (within a step) fires, not a timer of the whole wait.
    const late = vi.fn();
    const start = wall;
    atTime(start + 10 * 60_000, late, 60_000, steady);
    wall = start + 30 * 60_000;
    vi.advanceTimersByTime(60_000);
    expect(late).toHaveBeenCalledTimes(1);
  });

  it('stops when told, and fires at once for a moment already past', () => {
    const fired = vi.fn();
    const stop = atTime(wall + 1_000, fired, 60_000, () => wall);
    stop();
    wall += 5_000;
    vi.advanceTimersByTime(5_000);
    expect(fired).not.toHaveBeenCalled();
    atTime(wall - 1, fired, 60_000, () => wall);
    expect(fired).toHaveBeenCalledTimes(1);
  });
});
