// "Check all profiles": the same request for many saved profiles, politely. No rate limit is
// documented for the token endpoint (shared/telstra-token-endpoint.md), so at most a few run at
// once and starts are spaced by a short pause; a server that answers "too many requests" (429) is
// given the time it asks for (Retry-After, within a minute) before anything else starts. Cancel
// stops new starts at once, a wait included; requests already sent finish (or are cancelled by the
// caller) and keep the profile they were started for.
// Pure: time and the request itself are injected, so the window and the CLI share it.

export const BATCH_CONCURRENCY = 4;
export const BATCH_START_GAP_MS = 100;
/** After a 429: its Retry-After, at least a second and at most a minute; 5 s when it gives none. */
export const RATE_LIMIT_HOLD_MS = { least: 1_000, most: 60_000, unsaid: 5_000 } as const;

/** How long no new request starts after an answer with `status` and Retry-After `seconds`. */
export function rateLimitHoldMs(status: number | null, retryAfterSeconds: number | null): number {
  if (status !== 429) return 0;
  const { least, most, unsaid } = RATE_LIMIT_HOLD_MS;
  return retryAfterSeconds === null ? unsaid : Math.min(most, Math.max(least, retryAfterSeconds * 1000));
}

/**
 * Why a wait after a 429 is as long as it is, from the answer's Retry-After (seconds, or null):
 * "as the server asked" only when it is waited as given. None (or none usable), more than a
 * minute, or less than a second is waited by the app's own rule, and said so.
 */
export function holdReason(retryAfterSeconds: number | null): string {
  const { least, most } = RATE_LIMIT_HOLD_MS;
  if (retryAfterSeconds === null) return 'the app’s own wait: the answer gave no usable Retry-After';
  const asked = `the server asked for ${retryAfterSeconds} s`;
  if (retryAfterSeconds * 1000 > most) return `the most the app waits (${asked})`;
  if (retryAfterSeconds * 1000 < least) return `the least the app waits (${asked})`;
  return 'as the server asked';
}

/**
 * A wait after a 429, as the window says it while it lasts: how long is left and until when (this
 * computer's time), so a run that starts nothing meanwhile does not look stuck, and why so long.
 */
export function holdSaid(leftMs: number, retryAfterSeconds: number | null, now = Date.now()): string {
  const until = new Date(now + leftMs).toLocaleTimeString();
  return `Too many requests (429): the next profile waits ${Math.ceil(leftMs / 1000)} s (until ${until}), ${holdReason(retryAfterSeconds)}.`;
}

export interface BatchOptions<T, R> {
  readonly items: readonly T[];
  readonly run: (item: T, index: number) => Promise<R>;
  /** Called as each finishes, with the index of the item it was started for. */
  readonly onResult?: (index: number, result: R) => void;
  readonly onStart?: (index: number) => void;
  readonly concurrency?: number;
  /** The pause after starting an item; a function lets this computer's own endpoints skip it. */
  readonly gapMs?: number | ((item: T) => number);
  readonly sleep: (ms: number) => Promise<void>;
  /** True once the user cancelled: nothing starts after that. */
  readonly cancelled: () => boolean;
  /**
   * After an answer, how long nothing new may start (rateLimitHoldMs); 0 for no wait. Waits that
   * overlap end with the longest.
   */
  readonly holdMs?: (item: T, result: R) => number;
  /**
   * Told as a wait begins, with its length and the answer that asked for it, and as one makes it
   * a second or more longer.
   */
  readonly onHold?: (ms: number, item: T, result: R) => void;
}

/** The wait's slices: Cancel is looked at between two, so it never waits out a whole minute. */
const HOLD_SLICE_MS = 250;
/** How much longer than the wait under way a new one must be to be told (the CLI says seconds). */
const TOLD_AGAIN_MS = 1_000;

/** Results by item index; an item never started (cancelled before its turn) stays undefined. */
export async function runBatch<T, R>(options: BatchOptions<T, R>): Promise<(R | undefined)[]> {
  const { items, run, onResult, onStart, sleep, cancelled } = options;
  const concurrency = Math.max(1, options.concurrency ?? BATCH_CONCURRENCY);
  const gap = options.gapMs ?? BATCH_START_GAP_MS;
  const gapMs = (item: T) => (typeof gap === 'function' ? gap(item) : gap);
  const results: (R | undefined)[] = new Array<R | undefined>(items.length).fill(undefined);
  let next = 0;
  // Starts are spaced across all lanes, not per lane: one shared clock of "next start allowed".
  let startGate: Promise<void> = Promise.resolve();
  // What a rate-limited answer asked for: every lane waits for it before its next start.
  let held: Promise<void> = Promise.resolve();
  // The waits under way, each with the time it has left (to a slice).
  const holding = new Set<{ left: number }>();
  // Over once nothing is left to start: the run's end never waits for it.
  const hold = async (ms: number) => {
    const wait = { left: ms };
    holding.add(wait);
    try {
      for (; wait.left > 0 && !cancelled() && next < items.length; wait.left -= HOLD_SLICE_MS)
        await sleep(Math.min(HOLD_SLICE_MS, wait.left));
    } finally {
      holding.delete(wait);
    }
  };

  async function lane() {
    for (;;) {
      const gate = startGate;
      let open!: () => void;
      startGate = new Promise((resolve) => (open = resolve));
      await gate;
      // A wait asked for while this lane waited is waited for too.
      for (let waited = held; ; waited = held) {
        await waited;
        if (waited === held) break;
      }
      if (cancelled() || next >= items.length) {
        open();
        return;
      }
      const index = next++;
      onStart?.(index);
      const pending = run(items[index] as T, index);
      // The next start waits for the pause, not for this request to finish.
      const pause = gapMs(items[index] as T);
      if (pause > 0) void sleep(pause).then(open);
      else open();
      const result = await pending;
      results[index] = result;
      onResult?.(index, result);
      const waitMs = options.holdMs?.(items[index] as T, result) ?? 0;
      if (waitMs > 0 && !cancelled() && next < items.length) {
        // Told once: the lanes' answers that come together ask for one wait, not one each. A wait
        // that ends a second or more after the one under way is told again.
        const left = Math.max(0, ...[...holding].map((wait) => wait.left));
        if (left === 0 || waitMs >= left + TOLD_AGAIN_MS) options.onHold?.(waitMs, items[index] as T, result);
        held = Promise.all([held, hold(waitMs)]).then(() => undefined);
      }
    }
  }

  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, lane));
  return results;
}
