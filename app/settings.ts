// The user's preferences, shared by both processes.
export const CLIPBOARD_CLEAR_CHOICES = [10, 30, 60, 120, 300] as const;
export const DEFAULT_CLIPBOARD_CLEAR_SECONDS = 30;

export interface Settings {
  /** Seconds after a copy before the clipboard is cleared; null: never (it still clears at expiry and quit). */
  readonly clipboardClearSeconds: number | null;
  /** A desktop notification five minutes before a token expires. */
  readonly notifyBeforeExpiry: boolean;
  /** Request a new token 60 seconds before the current one expires. */
  readonly autoRenew: boolean;
}

export const DEFAULT_SETTINGS: Settings = {
  clipboardClearSeconds: DEFAULT_CLIPBOARD_CLEAR_SECONDS,
  notifyBeforeExpiry: false,
  autoRenew: false,
};
