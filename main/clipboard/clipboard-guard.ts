// Copies that clean up after themselves: the clipboard is cleared after the chosen delay, when the
// copied token expires, and when the app quits — but only while it still holds what the app put
// there, so something the user copied since is never wiped.
import { atTime, steadyNow } from '../../app/steady-time';

export interface ClipboardDevice {
  /** Writes text, marked for clipboard managers as concealed where the platform allows. */
  writeText(text: string): Promise<void>;
  readText(): Promise<string>;
  clear(): Promise<void>;
}

export interface ClipboardGuardOptions {
  readonly device: ClipboardDevice;
  /** Seconds until a copy is cleared, or null for "never" (expiry and quit still clear). */
  readonly delaySeconds: () => Promise<number | null>;
  readonly now?: () => number;
  /** A clock no one sets (the timers'); it may stop while the computer sleeps. */
  readonly monotonic?: () => number;
}

export interface CopyReceipt {
  /** Epoch ms when the clipboard will be cleared, or null if only quitting clears it. */
  readonly clearsAt: number | null;
}

/**
 * How long one wait lasts at most: timers stand still while the computer sleeps, so one long wait
 * would leave the copy on the clipboard after the window said it was gone.
 */
const LOOK_AGAIN_MS = 5_000;

export function createClipboardGuard({
  device,
  delaySeconds,
  now = Date.now,
  monotonic = () => performance.now(),
}: ClipboardGuardOptions) {
  let copied: string | null = null;
  let stopClearing = () => {};
  /**
   * Counts copies written: one written while an earlier one waits (for the delay) replaces it. A
   * copy the clipboard refused replaces nothing: the earlier one is still there, to clear on time.
   */
  let copies = 0;

  async function clearIfOurs(): Promise<boolean> {
    stopClearing();
    const ours = copied;
    copied = null;
    if (ours === null) return false;
    if ((await device.readText()) !== ours) return false;
    await device.clear();
    return true;
  }

  return {
    /** `expiresAt`: when what is copied stops being valid (a token), if it ever does. */
    async copy(text: string, expiresAt: number | null): Promise<CopyReceipt> {
      // The earlier copy's clearing stops only once this one is written: a copy the clipboard
      // refused leaves the earlier one there, still to be cleared at its time.
      await device.writeText(text);
      stopClearing();
      const copy = ++copies;
      copied = text;
      const delay = await delaySeconds();
      const candidates = [delay === null ? null : now() + delay * 1000, expiresAt].filter(
        (t): t is number => t !== null,
      );
      const clearsAt = candidates.length ? Math.min(...candidates) : null;
      // On time after a sleep, and a wall clock set back does not keep the copy there longer
      // (app/steady-time.ts). A newer copy stops this one's clearing; one made while this one
      // waited is on the clipboard now, and its own time (set by it) is the one that counts: a
      // second timer here took the newer copy off at this one's time.
      if (clearsAt !== null && copy === copies) {
        stopClearing();
        stopClearing = atTime(clearsAt, () => void clearIfOurs(), LOOK_AGAIN_MS, steadyNow(now, monotonic));
      }
      return { clearsAt };
    },
    /** "Clear now", and quitting. */
    clearIfOurs,
    dispose: clearIfOurs,
  };
}

export type ClipboardGuard = ReturnType<typeof createClipboardGuard>;
