// Browser mode's page clears the clipboard only while it still holds the app's copy, which it can
// only read while the page is in front (the browser's window focused). After a copy the user is
// often pasting in another window when the time is up: the page clears once it is in front again.
import { describe, expect, it, vi } from 'vitest';
import { apply, clearIfOurs } from '../../main/browser-page/page-effects';
import { UNTIL_IT_HOLDS } from '../support/until';

let focused = true;
const clipboard = {
  text: '',
  readText: vi.fn(async () => {
    if (!focused) throw new DOMException('Document is not focused.', 'NotAllowedError');
    return clipboard.text;
  }),
  writeText: vi.fn(async (text: string) => {
    clipboard.text = text;
  }),
};
Object.defineProperty(navigator, 'clipboard', { value: clipboard, configurable: true });
vi.spyOn(document, 'hasFocus').mockImplementation(() => focused);

describe('the page’s clearing of its copy', () => {
  it('waits for the page to be in front again when it could not read the clipboard', async () => {
    // No time to clear at (null): only the clearing asked for below.
    await apply([{ type: 'clipboard', text: 'the-token' }], { ok: true, clearsAt: null, message: 'Copied.' });
    expect(clipboard.text).toBe('the-token');
    focused = false;
    await clearIfOurs(false);
    expect(clipboard.text).toBe('the-token');
    focused = true;
    window.dispatchEvent(new Event('focus'));
    await vi.waitFor(() => expect(clipboard.text).toBe(''), UNTIL_IT_HOLDS);
  });

  it('leaves alone what was copied since, in front again or not', async () => {
    await apply([{ type: 'clipboard', text: 'the-token' }], { ok: true, clearsAt: null, message: 'Copied.' });
    focused = false;
    await clearIfOurs(false);
    clipboard.text = 'the user’s own note';
    focused = true;
    window.dispatchEvent(new Event('focus'));
    await vi.waitFor(() => expect(clipboard.readText).toHaveBeenCalledTimes(4), UNTIL_IT_HOLDS);
    // Its check ends by forgetting the copy, after a digest done for real: waited for, or under
    // load it landed in the next test and forgot that test's copy (its clearing never came).
    await vi.waitFor(() => expect(sessionStorage.length).toBe(0), UNTIL_IT_HOLDS);
    expect(clipboard.text).toBe('the user’s own note');
  });

  it('clears at its time after the computer sleeps, not once the timers have made up the sleep', async () => {
    // Clearing at a time needs leave to read the clipboard.
    Object.defineProperty(navigator, 'permissions', {
      value: { query: async () => ({ state: 'granted' }) },
      configurable: true,
    });
    vi.useFakeTimers();
    try {
      focused = true;
      await apply([{ type: 'clipboard', text: 'the-token' }], {
        ok: true,
        clearsAt: Date.now() + 30_000,
        message: 'Copied.',
      });
      await vi.advanceTimersByTimeAsync(10_000);
      expect(clipboard.text).toBe('the-token');
      // Asleep an hour: the wall clock moved, the timers (and performance.now()) did not.
      vi.setSystemTime(Date.now() + 3_600_000);
      await vi.advanceTimersByTimeAsync(5_000);
      // No timer is left to run (a clearing still waiting on its timer never comes): what is
      // under way is the check that the clipboard still holds the copy (a digest), done for real.
      vi.useRealTimers();
      await vi.waitFor(() => expect(clipboard.text).toBe(''), UNTIL_IT_HOLDS);
    } finally {
      vi.useRealTimers();
    }
  });
});
