import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createExpiryNotifier } from '../../main/expiry-notifier';

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(0);
});
afterEach(() => vi.useRealTimers());

describe('the expiry notification', () => {
  it('comes five minutes before the newest token expires, when enabled', async () => {
    const notify = vi.fn();
    const notifier = createExpiryNotifier({ notify, enabled: async () => true });
    await notifier.tokenReceived(3_599_000, 'tapi.telstra.com');
    await vi.advanceTimersByTimeAsync(3_299_000 - 1);
    expect(notify).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(notify).toHaveBeenCalledWith(expect.objectContaining({ title: 'Token expires in 5 minutes' }));
  });

  it('stays quiet when disabled, when replaced, and for tokens without an expiry', async () => {
    const notify = vi.fn();
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
});
