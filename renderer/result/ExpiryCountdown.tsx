// The live countdown. It is its own component with its own state, so each tick re-renders only
// the timer, once a second, computed from the absolute expiry (right after sleep, too).
import { useEffect, useState } from 'react';
import {
  describeRemaining,
  expiryPhase,
  formatRemaining,
  msUntilNextTick,
  secondsLeft,
} from '../../app/countdown';
import { steadyNow } from '../../app/steady-time';
import { useClock } from '../clock';

/**
 * Whole seconds left until `at`, once a second, from the absolute time (right after sleep, too).
 * Time passes by whichever clock says more: the wall clock counts a sleep, performance.now() a
 * wall clock set back (which must put no time back, after a sleep too).
 */
export function useSecondsLeft(at: number): number {
  const clock = useClock();
  const [left, setLeft] = useState(() => secondsLeft(at, clock.now()));

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    // Never less than the time last said plus what performance.now() has counted since.
    const steady = steadyNow(() => clock.now());
    const tick = () => {
      const now = steady();
      const seconds = secondsLeft(at, now);
      setLeft(seconds);
      clearTimeout(timer);
      if (seconds > 0) timer = setTimeout(tick, msUntilNextTick(at, now));
    };
    tick();
    // After the computer wakes or the window returns, do not wait for a late timer.
    document.addEventListener('visibilitychange', tick);
    return () => {
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', tick);
    };
  }, [at, clock]);
  return left;
}

export function ExpiryCountdown({ expiresAt }: { expiresAt: number }) {
  const left = useSecondsLeft(expiresAt);
  const phase = expiryPhase(left);
  return (
    <div className={`countdown countdown--${phase}`}>
      <span className="countdown__label">{phase === 'expired' ? 'Token' : 'Expires in'}</span>
      <span role="timer" aria-live="off" aria-label={describeRemaining(left)} className="countdown__time">
        {phase === 'expired' ? 'Expired' : formatRemaining(left)}
      </span>
      {/* The two moments worth saying, each read out once when it comes (the seconds are not):
          there from the start, so that what comes into it is news. */}
      <span role="status" className={phase === 'expired' ? 'sr-only' : 'countdown__note'}>
        {phase === 'warning' ? 'Expires in under five minutes' : phase === 'expired' ? 'Expired' : ''}
      </span>
    </div>
  );
}
