// Time left on a token, always computed from the absolute expiry and the current clock, so the
// countdown is right after the computer sleeps or a timer fires late.

/** The countdown turns to a warning this many seconds before expiry. */
export const WARNING_SECONDS = 5 * 60;

export type ExpiryPhase = 'valid' | 'warning' | 'expired';

export function secondsLeft(expiresAt: number, now: number): number {
  return Math.max(0, Math.ceil((expiresAt - now) / 1000));
}

/**
 * Milliseconds until the displayed second changes: up to 1000 (1000 once expired). `now` may have
 * a fraction (performance.now()), so the wait may be less than 1.
 */
export function msUntilNextTick(expiresAt: number, now: number): number {
  return expiresAt > now ? (expiresAt - now) % 1000 || 1000 : 1000;
}

export function expiryPhase(seconds: number): ExpiryPhase {
  if (seconds <= 0) return 'expired';
  return seconds <= WARNING_SECONDS ? 'warning' : 'valid';
}

const two = (n: number) => String(n).padStart(2, '0');

/** "mm:ss" under an hour, "h:mm:ss" from an hour up. */
export function formatRemaining(totalSeconds: number): string {
  const seconds = Math.max(0, Math.floor(totalSeconds));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${two(m)}:${two(s)}`;
}

/** Words for screen readers, e.g. "59 minutes 58 seconds left". */
export function describeRemaining(totalSeconds: number): string {
  if (totalSeconds <= 0) return 'Expired';
  const h = Math.floor(totalSeconds / 3600);
  const m = Math.floor((totalSeconds % 3600) / 60);
  const s = totalSeconds % 60;
  const parts = [
    h > 0 ? `${h} hour${h === 1 ? '' : 's'}` : '',
    m > 0 ? `${m} minute${m === 1 ? '' : 's'}` : '',
    s > 0 ? `${s} second${s === 1 ? '' : 's'}` : '',
  ].filter(Boolean);
  return `${parts.join(' ')} left`;
}
