// "Renew automatically" with tokens that last little more than the minute before expiry it renews
// at: a server that issues 61-second tokens made the window ask for a new one every second, for as
// long as it stayed open (each a history entry: the last hundred real attempts gone in under two
// minutes). Now a token that lasts under two minutes is not renewed automatically; from two
// minutes up, once a minute at most. Fake bridge, fake timers.
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { success } from '../support/fake-bridge';
import { pressRequestToken, renderWindowOnFakeTimers, tick, useFakeWindowClock } from '../support/render-app';

useFakeWindowClock();

/** The window with automatic renewal on, after one press, each token lasting `seconds`. */
async function renewing(seconds: number, autoRenew = true) {
  const { api, user } = await renderWindowOnFakeTimers(
    async (input) =>
      success(input, Date.now(), { expiresInSeconds: seconds, expiresAt: Date.now() + seconds * 1000 }),
    { settings: { autoRenew } },
  );
  await pressRequestToken(user);
  return { api, user };
}

describe('automatic renewal of short-lived tokens', () => {
  it('a 61-second token is not renewed every second, nor at all', async () => {
    const { api } = await renewing(61);
    await tick(600_000);
    expect(api.requestToken).toHaveBeenCalledTimes(1);
  });

  it('nor a 119-second one', async () => {
    const { api } = await renewing(119);
    await tick(600_000);
    expect(api.requestToken).toHaveBeenCalledTimes(1);
  });

  it('a two-minute token is renewed a minute before expiry, once a minute', async () => {
    const { api } = await renewing(120);
    await tick(59_999);
    expect(api.requestToken).toHaveBeenCalledTimes(1);
    await tick(1);
    expect(api.requestToken).toHaveBeenCalledTimes(2);
    await tick(60_000);
    expect(api.requestToken).toHaveBeenCalledTimes(3);
  });

  it('turned on when a token is due (under a minute left), renews it at once', async () => {
    const { api, user } = await renewing(3599, false);
    await tick(3_570_000);
    await user.click(screen.getByText('Preferences'));
    await user.click(
      await screen.findByRole('checkbox', { name: 'Renew automatically 60 seconds before expiry' }),
    );
    await tick(0);
    expect(api.requestToken).toHaveBeenCalledTimes(2);
  });
});
