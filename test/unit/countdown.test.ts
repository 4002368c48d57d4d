import { describe, expect, it } from 'vitest';
import {
  describeRemaining,
  expiryPhase,
  formatRemaining,
  msUntilNextTick,
  secondsLeft,
} from '../../app/countdown';

describe('countdown arithmetic', () => {
  it('formats mm:ss under an hour and h:mm:ss from an hour up', () => {
    expect(formatRemaining(0)).toBe('00:00');
    expect(formatRemaining(59)).toBe('00:59');
    expect(formatRemaining(3599)).toBe('59:59');
    expect(formatRemaining(3600)).toBe('1:00:00');
    expect(formatRemaining(35999)).toBe('9:59:59');
  });

  it('rounds the time left up to whole seconds and never goes negative', () => {
    expect(secondsLeft(10_000, 0)).toBe(10);
    expect(secondsLeft(10_000, 1)).toBe(10);
    expect(secondsLeft(10_000, 999)).toBe(10);
    expect(secondsLeft(10_000, 1000)).toBe(9);
    expect(secondsLeft(10_000, 50_000)).toBe(0);
  });

  it('schedules the next tick at the second boundary', () => {
    expect(msUntilNextTick(10_000, 0)).toBe(1000);
    expect(msUntilNextTick(10_000, 250)).toBe(750);
    expect(msUntilNextTick(10_000, 9_999)).toBe(1);
    expect(msUntilNextTick(10_000, 9_000)).toBe(1000);
    // `now` has a fraction when the countdown counts by performance.now(): 1000.5 ms left shows
    // 2 s, which turn to 1 s in half a millisecond, not in 1000.5 ms (that stalled the display a
    // second behind and skipped 00:01).
    expect(msUntilNextTick(10_000, 8_999.5)).toBe(0.5);
    expect(msUntilNextTick(10_000, 8_499.75)).toBe(500.25);
    // Expired: a second, not a loop of 1 ms timers.
    expect(msUntilNextTick(10_000, 10_000)).toBe(1000);
    expect(msUntilNextTick(10_000, 12_345)).toBe(1000);
  });

  it('warns in the last five minutes and expires at zero', () => {
    expect(expiryPhase(301)).toBe('valid');
    expect(expiryPhase(300)).toBe('warning');
    expect(expiryPhase(1)).toBe('warning');
    expect(expiryPhase(0)).toBe('expired');
  });

  it('describes the time left in words', () => {
    expect(describeRemaining(3661)).toBe('1 hour 1 minute 1 second left');
    expect(describeRemaining(120)).toBe('2 minutes left');
    expect(describeRemaining(0)).toBe('Expired');
  });
});
