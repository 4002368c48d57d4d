// The time a request has been waiting, while the wall clock is set back or jumps ahead (NTP, a
// time set by hand): counted by a clock no one sets, as the request's own deadline is. Found: by
// the wall clock, set back an hour it said "Waiting for tapi.telstra.com… -3598.8 s", and set ahead
// an hour "3601.2 s", for a request the deadline had given 1.2 s so far. Fake bridge, fake
// timers (setSystemTime moves the wall clock only).
import { describe, expect, it, vi } from 'vitest';
import { pressRequestToken, renderWindowOnFakeTimers, tick, useFakeWindowClock } from '../support/render-app';

useFakeWindowClock();

/** The window with a request that never answers, its progress shown. */
async function waiting() {
  const { user } = await renderWindowOnFakeTimers(() => new Promise(() => undefined));
  await pressRequestToken(user);
  // Shown as pending, then its progress (each step a render and its effects).
  for (const step of [100, 100, 800]) await tick(step);
  return () => document.querySelector('.elapsed')?.textContent;
}

describe('the time a request has waited', () => {
  it.each([
    ['set back an hour', -3_600_000],
    ['set ahead an hour', 3_600_000],
  ])('counts on when the wall clock is %s', async (_, jump) => {
    const elapsed = await waiting();
    expect(elapsed()).toBe('1.0 s');
    vi.setSystemTime(Date.now() + jump);
    await tick(200);
    expect(elapsed()).toBe('1.2 s');
  });
});
