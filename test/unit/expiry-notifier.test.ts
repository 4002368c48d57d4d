import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createExpiryNotifier, type Notice } from '../../main/expiry-notifier';

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(0);
});
afterEach(() => vi.useRealTimers());

/**
 * The timers' clock, which stops while the computer sleeps and is never set, beside the wall
 * clock: `shiftWall` moves the wall clock alone (a sleep, or someone setting the clock).
 */
function clocks() {
  let shifted = 0;
  return {
    monotonic: () => Date.now() - shifted,
    shiftWall: (ms: number) => {
      shifted += ms;
      vi.setSystemTime(Date.now() + ms);
    },
  };
}

describe('the expiry notification', () => {
  it('comes five minutes before the newest token expires, when enabled', async () => {
    const notify = vi.fn<(notice: Notice) => void>();
    const notifier = createExpiryNotifier({ notify, enabled: async () => true });
    await notifier.tokenReceived(3_599_000, 'tapi.telstra.com');
    await vi.advanceTimersByTimeAsync(3_299_000 - 1);
    expect(notify).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(notify).toHaveBeenCalledWith(expect.objectContaining({ title: 'Token expires in 5 minutes' }));
  });

  it('stays quiet when disabled, when replaced, and for tokens without an expiry', async () => {
    const notify = vi.fn<(notice: Notice) => void>();
    let on = false;
    const notifier = createExpiryNotifier({ notify, enabled: async () => on });
    await notifier.tokenReceived(3_599_000, 'x');
    on = true;
    await notifier.tokenReceived(null, 'x');
    await notifier.tokenReceived(3_599_000, 'x');
    await notifier.tokenReceived(7_200_000, 'x');
    await vi.advanceTimersByTimeAsync(3_600_000);
    expect(notify).not.toHaveBeenCalled();
    notifier.dispose();
    await vi.advanceTimersByTimeAsync(7_200_000);
    expect(notify).not.toHaveBeenCalled();
  });

  it('after the computer sleeps past the expiry, says nothing: never "expires in 5 minutes" of an expired token', async () => {
    const { monotonic, shiftWall } = clocks();
    const notify = vi.fn<(notice: Notice) => void>();
    const notifier = createExpiryNotifier({ notify, enabled: async () => true, monotonic });
    await notifier.tokenReceived(3_599_000, 'x');
    await vi.advanceTimersByTimeAsync(600_000);
    // Asleep two hours: the token expired meanwhile.
    shiftWall(7_200_000);
    await vi.advanceTimersByTimeAsync(3_600_000);
    expect(notify).not.toHaveBeenCalled();
  });

  it('after a sleep that leaves the token valid, comes on time by the wall clock, not the timers’ clock', async () => {
    const { monotonic, shiftWall } = clocks();
    const notify = vi.fn<(notice: Notice) => void>();
    const notifier = createExpiryNotifier({ notify, enabled: async () => true, monotonic });
    await notifier.tokenReceived(3_599_000, 'x');
    await vi.advanceTimersByTimeAsync(600_000);
    // Asleep half an hour: 19:59 left at the resume, the notice due 14:59 after it.
    shiftWall(1_800_000);
    await vi.advanceTimersByTimeAsync(899_000 + 60_000);
    expect(notify).toHaveBeenCalledTimes(1);
    // Within a minute of its moment, and saying what is left.
    expect(notify.mock.calls[0]?.[0].title).toMatch(/^Token expires in [45] minutes$/);
  });

  it('with the wall clock set back after the token came, comes when the token has 5 minutes left', async () => {
    const { monotonic, shiftWall } = clocks();
    const notify = vi.fn<(notice: Notice) => void>();
    const notifier = createExpiryNotifier({ notify, enabled: async () => true, monotonic });
    await notifier.tokenReceived(3_599_000, 'x');
    shiftWall(-3_600_000);
    await vi.advanceTimersByTimeAsync(3_299_000 - 1);
    expect(notify).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(notify).toHaveBeenCalledWith(expect.objectContaining({ title: 'Token expires in 5 minutes' }));
  });

  it('after a sleep past the expiry and a set-back a second after the resume, says nothing either', async () => {
    // Found: the notice looked at its clock once a minute, so a set-back (NTP after the resume)
    // within that minute took back the sleep it had not seen: 'Token expires in 5 minutes' came of
    // a token the window (a look a second) said had expired.
    const { monotonic, shiftWall } = clocks();
    const notify = vi.fn<(notice: Notice) => void>();
    const notifier = createExpiryNotifier({ notify, enabled: async () => true, monotonic });
    await notifier.tokenReceived(3_599_000, 'x');
    await vi.advanceTimersByTimeAsync(600_000);
    shiftWall(5_400_000); // asleep 90 minutes: expired meanwhile
    await vi.advanceTimersByTimeAsync(1_000);
    shiftWall(-3_600_000);
    await vi.advanceTimersByTimeAsync(3_600_000);
    expect(notify).not.toHaveBeenCalled();
  });

  it('a newer token replaces the notice even while the setting is still being read for the older', async () => {
    const notify = vi.fn<(notice: Notice) => void>();
    let answer!: (on: boolean) => void;
    const first = new Promise<boolean>((resolve) => (answer = resolve));
    const notifier = createExpiryNotifier({ notify, enabled: () => first });
    const older = notifier.tokenReceived(3_599_000, 'old.example');
    // The newer token has no expiry: nothing to say of it, and nothing more of the older one.
    await notifier.tokenReceived(null, 'new.example');
    answer(true);
    await older;
    await vi.advanceTimersByTimeAsync(3_600_000);
    expect(notify).not.toHaveBeenCalled();
  });
});
