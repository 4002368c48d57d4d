// The main-side figures' loop (main-process overhead, access-check overhead): a service's request
// timed beside a bare fetch of the same loopback URL, LOOPBACK_RUNS sequential requests each after
// a generous warm-up (both paths are compiled by V8's optimiser before anything is timed),
// alternating so that a busy moment slows both alike. Judged by the ratio of medians.
import { alternateAsync, ratioRows, type Row } from './figure';

export interface LoopbackOverhead {
  /** The row's name. */
  readonly figure: string;
  /** One request through the service, as its IPC handler makes it; throws if it did not succeed. */
  readonly viaService: () => Promise<void>;
  /** Run before each `viaService`, untimed: what the app did before (e.g. the token's issue). */
  readonly prepare?: () => void;
  /** The bare fetch's URL and request: the very same request the service sends. */
  readonly url: string;
  readonly init: () => RequestInit;
  readonly maxRatio: number;
}

/**
 * Requests timed on each side. With 500, the ratio of medians moved by ±3 % from run to run of
 * the same code on this machine, more than the budget's margin; with 2,000, by about ±1 %.
 */
export const LOOPBACK_RUNS = 2_000;

const timed = (work: () => Promise<void>, prepare?: () => void) => async () => {
  prepare?.();
  const started = performance.now();
  await work();
  return performance.now() - started;
};

export async function loopbackOverhead(options: LoopbackOverhead): Promise<Row[]> {
  const bare = async () => {
    const response = await fetch(options.url, options.init());
    JSON.parse(await response.text());
  };
  const measured = await alternateAsync(
    LOOPBACK_RUNS,
    300,
    timed(options.viaService, options.prepare),
    timed(bare),
  );
  return ratioRows(options.figure, 'bare fetch of the same URL', measured, options.maxRatio);
}
