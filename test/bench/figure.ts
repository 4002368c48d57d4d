// The shape every benchmark figure has, and the statistics they share. A figure measures its own
// baseline in the same run, alternating with it, so a busy machine slows both alike.
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';

export interface Budget {
  /** What the figure is measured against, e.g. "node -e ''". */
  readonly baseline: string;
  /** The most the median may exceed the baseline's median by. */
  readonly maxAboveMs: number;
}

export interface Measurement {
  readonly samplesMs: readonly number[];
  readonly baselineSamplesMs: readonly number[] | null;
}

export interface Figure {
  readonly name: string;
  /** Null for a reference figure, shown for context only. */
  readonly budget: Budget | null;
  measure(runs: number): Promise<Measurement>;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? NaN)
    : ((sorted[middle - 1] ?? NaN) + (sorted[middle] ?? NaN)) / 2;
}

/** The nearest-rank percentile. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

/** Wall time of one child process from spawn to exit; throws if it did not exit 0. */
export function timeProcess(
  command: string,
  args: readonly string[],
  options: SpawnSyncOptions = {},
): number {
  const started = process.hrtime.bigint();
  const child = spawnSync(command, args, { stdio: 'ignore', timeout: 60_000, ...options });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (child.status !== 0) {
    throw new Error(
      `${[command, ...args].join(' ')} exited with ${child.status ?? child.signal ?? 'nothing'}`,
    );
  }
  return ms;
}

/** Warms up, then alternates the subject with its baseline `runs` times. */
export function alternate(
  runs: number,
  warmUp: number,
  subject: () => number,
  baseline: () => number,
): Measurement {
  for (let i = 0; i < warmUp; i += 1) {
    baseline();
    subject();
  }
  const samplesMs: number[] = [];
  const baselineSamplesMs: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    baselineSamplesMs.push(baseline());
    samplesMs.push(subject());
  }
  return { samplesMs, baselineSamplesMs };
}
