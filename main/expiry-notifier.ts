// The optional desktop notification five minutes before the newest token expires.
import { WARNING_SECONDS } from '../app/countdown';
import { atTime, steadyNow } from '../app/steady-time';

export interface Notice {
  readonly title: string;
  readonly body: string;
}

export interface ExpiryNotifierOptions {
  readonly notify: (notice: Notice) => void;
  readonly enabled: () => Promise<boolean>;
  readonly now?: () => number;
  /** A clock no one sets (the timers'); it may stop while the computer sleeps. */
  readonly monotonic?: () => number;
}

/**
 * How long one wait lasts at most: timers run on a clock that stops while the computer sleeps, so
 * one long wait would end long after its moment (after the token's expiry, too). A second, as the
 * window's countdown ticks: the steady clock knows of a sleep only once looked at after the resume,
 * and a minute's look let a set-back within that minute (NTP) take the sleep back.
 */
const LOOK_AGAIN_MS = 1_000;

export function createExpiryNotifier({
  notify,
  enabled,
  now = Date.now,
  monotonic = () => performance.now(),
}: ExpiryNotifierOptions) {
  let stopWaiting = () => {};
  /** Counts tokens: one received while the setting is read for an older one replaces it. */
  let newest = 0;
  return {
    /** Only the newest token matters: a new one replaces any pending notice. */
    async tokenReceived(expiresAt: number | null, where: string): Promise<void> {
      stopWaiting();
      const token = ++newest;
      if (expiresAt === null) return;
      // Counted from the token's coming (app/steady-time.ts): a wall clock set ahead counts as
      // time passed, so the notice comes early or not at all, never after the expiry it speaks of.
      const steady = steadyNow(now, monotonic);
      if (expiresAt - steady() <= WARNING_SECONDS * 1000 || !(await enabled()) || token !== newest) return;
      stopWaiting = atTime(
        expiresAt - WARNING_SECONDS * 1000,
        () => {
          const remaining = expiresAt - steady();
          if (remaining <= 0) return;
          const minutes = Math.ceil(remaining / 60_000);
          notify({
            title: `Token expires in ${minutes} minute${minutes === 1 ? '' : 's'}`,
            body: `The token from ${where} expires soon. Request a new one when you need it.`,
          });
        },
        LOOK_AGAIN_MS,
        steady,
      );
    },
    dispose() {
      newest += 1;
      stopWaiting();
    },
  };
}
