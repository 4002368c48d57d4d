// Copies that clean up after themselves: the clipboard is cleared after the chosen delay, when the
// copied token expires, and when the app quits — but only while it still holds what the app put
// there, so something the user copied since is never wiped.

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
}

export interface CopyReceipt {
  /** Epoch ms when the clipboard will be cleared, or null if only quitting clears it. */
  readonly clearsAt: number | null;
}

export function createClipboardGuard({ device, delaySeconds, now = Date.now }: ClipboardGuardOptions) {
  let copied: string | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;

  async function clearIfOurs(): Promise<boolean> {
    clearTimeout(timer);
    timer = undefined;
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
      clearTimeout(timer);
      await device.writeText(text);
      copied = text;
      const delay = await delaySeconds();
      const candidates = [delay === null ? null : now() + delay * 1000, expiresAt].filter(
        (t): t is number => t !== null,
      );
      const clearsAt = candidates.length ? Math.min(...candidates) : null;
      if (clearsAt !== null) {
        const expected = text;
        timer = setTimeout(
          () => {
            if (copied === expected) void clearIfOurs();
          },
          Math.max(0, clearsAt - now()),
        );
      }
      return { clearsAt };
    },
    /** "Clear now", and quitting. */
    clearIfOurs,
    dispose: clearIfOurs,
  };
}

export type ClipboardGuard = ReturnType<typeof createClipboardGuard>;
