// The app's own process must stop when asked (Ctrl-C in browser mode, the bridge's main side
// once disconnected): a test that waits for it must not wait forever, nor let a process that
// ignores the request pass unnoticed.

/** Closing takes about 20 ms; far longer is a process that did not stop. */
export const APP_STOP_GRACE_MS = 15_000;

/**
 * Whether `done` settles within `ms` (a rejection counts as not done); the timer never outlives
 * the wait.
 */
export async function settlesWithin(done: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([
    done.then(
      () => true,
      () => false,
    ),
    new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms))),
  ]).finally(() => clearTimeout(timer));
}

/**
 * Waits for `exited`. Past APP_STOP_GRACE_MS the process is killed and the test fails, naming
 * what did not stop and what it printed.
 */
export async function stopsWithin(
  exited: Promise<void>,
  kill: () => void,
  what: string,
  output: () => string,
  graceMs = APP_STOP_GRACE_MS,
): Promise<void> {
  if (await settlesWithin(exited, graceMs)) return;
  try {
    kill();
  } catch {
    // Gone at that very moment.
  }
  await exited;
  throw new Error(
    `${what} did not stop within ${graceMs / 1000} s, so it was killed. What it printed:\n${output()}`,
  );
}
