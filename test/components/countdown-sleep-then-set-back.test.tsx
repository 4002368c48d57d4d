// The token's countdown after the computer sleeps and then has its wall clock set back (NTP after
// the resume, a time fixed by hand): time once counted as passed is not put back. Found: the
// countdown kept the wall clock ahead of performance.now() only by how far it was at the start, and
// a sleep (performance.now() stands still) used that lead up; a set-back then brought "Expired"
// back to "30:00" left for a token the window had said was gone (and put automatic renewal off by
// the same hour). Fake bridge, fake timers
// (setSystemTime moves the wall clock only, as a sleep or a set-back does).
import { act, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { success } from '../support/fake-bridge';
import { pressRequestToken, renderWindowOnFakeTimers, tick, useFakeWindowClock } from '../support/render-app';

useFakeWindowClock();

/** The window after one press, its tokens of an hour (3599 s). */
async function sent(settings: { autoRenew?: boolean } = {}) {
  const { api, user } = await renderWindowOnFakeTimers(async (input) => success(input, Date.now()), {
    settings,
  });
  await pressRequestToken(user);
  return api;
}

describe('asleep and then set back', () => {
  it('the countdown stays expired: the hour it counted asleep is not put back', async () => {
    await sent();
    const timer = screen.getByRole('timer');
    // Asleep 90 minutes: the wall clock moves, no timer runs. The token (3599 s) is gone.
    vi.setSystemTime(Date.now() + 90 * 60_000);
    await tick(1_000);
    expect(timer).toHaveTextContent('Expired');
    // Then the wall clock is set back an hour, and the window is looked at again (its own tick).
    vi.setSystemTime(Date.now() - 60 * 60_000);
    await tick(1_000);
    await act(async () => void document.dispatchEvent(new Event('visibilitychange')));
    expect(timer).toHaveTextContent('Expired');
  });

  it('automatic renewal comes a minute before expiry, not some fifty minutes after it', async () => {
    const api = await sent({ autoRenew: true });
    // Asleep 50 minutes; awake a minute (the renewal's wait looks again); set back an hour.
    vi.setSystemTime(Date.now() + 50 * 60_000);
    await tick(60_000);
    vi.setSystemTime(Date.now() - 60 * 60_000);
    // Due 58:59 after the token came; 51 minutes of it counted: within 8 more (a minute's look).
    await tick(9 * 60_000);
    expect(api.requestToken).toHaveBeenCalledTimes(2);
  });

  it('automatic renewal agrees with the countdown when the set-back comes a second after the resume', async () => {
    // Found: the renewal looked at its clock once a minute, so a set-back (NTP) within a minute of
    // the resume took back the sleep it had not yet seen; the countdown (a look a second) had.
    const api = await sent({ autoRenew: true });
    // Asleep 50 minutes; awake a second (the countdown's tick); set back an hour.
    vi.setSystemTime(Date.now() + 50 * 60_000);
    await tick(1_000);
    vi.setSystemTime(Date.now() - 60 * 60_000);
    // Due 58:59 after the token came; 50 minutes of it counted: within 9 more.
    await tick(9 * 60_000);
    expect(api.requestToken).toHaveBeenCalledTimes(2);
  });
});
