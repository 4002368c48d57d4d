// "Check all profiles": the same request for many saved profiles, politely. No rate limit is
// documented for the token endpoint (shared/telstra-token-endpoint.md), so at most a few run at
// once and starts are spaced by a short pause. Cancel stops new starts at once; requests already
// sent finish (or are cancelled by the caller) and keep the profile they were started for.
// Pure: time and the request itself are injected, so the window and the CLI share it.

export const BATCH_CONCURRENCY = 4;
export const BATCH_START_GAP_MS = 100;

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
}

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

  async function lane() {
    for (;;) {
      const gate = startGate;
      let open!: () => void;
      startGate = new Promise((resolve) => (open = resolve));
      await gate;
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
    }
  }

  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, lane));
  return results;
}
