// Time for moments the app waits for (a token's expiry notice, a copy's clearing): a wall
// clock set back must not push them away, and a sleep must not hold them back. Timers stand still
// while the computer sleeps (so does performance.now() on some systems); the wall clock does not,
// but can be set back. So time passes by whichever of the two says more has passed.

// app/ is built without the DOM's or Node's types: the timers and clock both of them have.
declare const performance: { now(): number };
declare function setTimeout(run: () => void, ms: number): unknown;
declare function clearTimeout(timer: unknown): void;

/**
 * From now on: the wall clock's time, never behind what it said last plus what `monotonic` says
 * has passed since. A clock set back puts no time back, after a sleep too (a lead over `monotonic`
 * kept only from the start was used up by a sleep, and a set-back then took the sleep back); a
 * sleep, or a clock set ahead, counts as time passed.
 */
export function steadyNow(now: () => number, monotonic = () => performance.now()): () => number {
  let last = now();
  let lastMono = monotonic();
  return () => {
    const mono = monotonic();
    last = Math.max(now(), last + mono - lastMono);
    lastMono = mono;
    return last;
  };
}

/**
 * Calls `fire` once `steady` time reaches `at` (at once if it has), looking again at most every
 * `stepMs`: one long timer would end late by the length of any sleep. Returns what stops it.
 */
export function atTime(at: number, fire: () => void, stepMs: number, steady: () => number): () => void {
  let timer: unknown;
  const look = () => {
    const wait = at - steady();
    if (wait > 0) timer = setTimeout(look, Math.min(wait, stepMs));
    else fire();
  };
  look();
  return () => clearTimeout(timer);
}
