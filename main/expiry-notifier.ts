// The optional desktop notification five minutes before the newest token expires.
import { WARNING_SECONDS } from '../app/countdown';

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
 * one long wait would end long after its moment (after the token's expiry, too).
 */
const LOOK_AGAIN_MS = 60_000;

export function createExpiryNotifier({
  notify,
  enabled,
  now = Date.now,
  monotonic = () => performance.now(),
}: ExpiryNotifierOptions) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  /** Counts tokens: one received while the setting is read for an older one replaces it. */
  let newest = 0;
  const stop = () => {
    clearTimeout(timer);
    timer = undefined;
  };
  return {
    /** Only the newest token matters: a new one replaces any pending notice. */
    async tokenReceived(expiresAt: number | null, where: string): Promise<void> {
      stop();
      const token = ++newest;
      if (expiresAt === null) return;
      const wallAtStart = now();
      const monoAtStart = monotonic();
      const lifetime = expiresAt - wallAtStart;
      if (lifetime <= WARNING_SECONDS * 1000 || !(await enabled()) || token !== newest) return;
      // The time since the token came by whichever clock says more: the wall clock counts a
      // sleep, the timers' clock a wall clock set back. A wall clock set ahead counts as time
      // passed: the notice comes early or not at all, never after the expiry it speaks of.
      const left = () => lifetime - Math.max(now() - wallAtStart, monotonic() - monoAtStart);
      const look = () => {
        timer = undefined;
        const remaining = left();
        if (remaining <= 0) return;
        const wait = remaining - WARNING_SECONDS * 1000;
        if (wait > 0) {
          timer = setTimeout(look, Math.min(wait, LOOK_AGAIN_MS));
          return;
        }
        const minutes = Math.ceil(remaining / 60_000);
        notify({
          title: `Token expires in ${minutes} minute${minutes === 1 ? '' : 's'}`,
          body: `The token from ${where} expires soon. Request a new one when you need it.`,
        });
      };
      look();
    },
    dispose() {
      newest += 1;
      stop();
    },
  };
}
