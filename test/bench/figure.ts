// The shape every benchmark figure has, and the statistics they share. A figure measures its own
// baseline in the same run, alternating with it, so a busy machine slows both alike.
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';

export interface Measurement {
  readonly samplesMs: readonly number[];
  readonly baselineSamplesMs: readonly number[] | null;
}

/** One row of the table (and of the JSON): what was measured, against what, and the verdict. */
export interface Row {
  readonly figure: string;
  /** The headline number as shown, e.g. "78.9 KiB" or "412 ms (1.12 × the floor)". */
  readonly median: string;
  readonly p95: string;
  readonly budget: string;
  /** Null for a row shown for context only. */
  readonly within: boolean | null;
  /** The raw numbers, for --json. */
  readonly data: Readonly<Record<string, unknown>>;
}

export interface BenchContext {
  /** How many measured runs a timed figure makes (after its warm-up); figures may scale it. */
  readonly runs: number;
}

export interface Figure {
  readonly name: string;
  measure(context: BenchContext): Promise<readonly Row[]>;
}

export const ms = (value: number) => `${value < 10 ? value.toFixed(1) : Math.round(value)} ms`;
export const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

/** Rows for a subject timed beside its floor, judged by the ratio of medians. */
export function ratioRows(figure: string, floor: string, m: Measurement, maxRatio: number): Row[] {
  const subject = median(m.samplesMs);
  const base = median(m.baselineSamplesMs ?? []);
  const ratio = subject / base;
  return [
    {
      figure: `↳ floor: ${floor}`,
      median: ms(base),
      p95: ms(percentile(m.baselineSamplesMs ?? [], 95)),
      budget: '',
      within: null,
      data: { samplesMs: m.baselineSamplesMs },
    },
    {
      figure,
      median: `${ms(subject)} (${ratio.toFixed(2)} ×)`,
      p95: ms(percentile(m.samplesMs, 95)),
      budget: `ratio of medians ≤ ${maxRatio}`,
      within: ratio <= maxRatio,
      data: { samplesMs: m.samplesMs, ratio },
    },
  ];
}

/** Rows for a subject timed beside its floor, judged by the difference of medians. */
export function differenceRows(figure: string, floor: string, m: Measurement, maxAboveMs: number): Row[] {
  const subject = median(m.samplesMs);
  const base = median(m.baselineSamplesMs ?? []);
  const above = subject - base;
  return [
    {
      figure: `↳ floor: ${floor}`,
      median: ms(base),
      p95: ms(percentile(m.baselineSamplesMs ?? [], 95)),
      budget: '',
      within: null,
      data: { samplesMs: m.baselineSamplesMs },
    },
    {
      figure,
      median: `${ms(subject)} (${above >= 0 ? '+' : ''}${ms(above)})`,
      p95: ms(percentile(m.samplesMs, 95)),
      budget: `≤ ${maxAboveMs} ms above the floor`,
      within: above <= maxAboveMs,
      data: { samplesMs: m.samplesMs, aboveMs: above },
    },
  ];
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

/** The same for asynchronous work. */
export async function alternateAsync(
  runs: number,
  warmUp: number,
  subject: () => Promise<number>,
  baseline: () => Promise<number>,
): Promise<Measurement> {
  for (let i = 0; i < warmUp; i += 1) {
    await baseline();
    await subject();
  }
  const samplesMs: number[] = [];
  const baselineSamplesMs: number[] = [];
  // Each pair in turn starts with the other: what runs second after the other's work is favoured
  // (a connection just used, caches warm), by 1 to 2 % for a loopback request on this machine.
  for (let i = 0; i < runs; i += 1) {
    if (i % 2 === 0) {
      baselineSamplesMs.push(await baseline());
      samplesMs.push(await subject());
    } else {
      samplesMs.push(await subject());
      baselineSamplesMs.push(await baseline());
    }
  }
  return { samplesMs, baselineSamplesMs };
}
