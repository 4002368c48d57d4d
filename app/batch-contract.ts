// The IPC contract's types for a batch run ("Check all profiles"): what starting a run sends, and
// what its progress and each profile's answer carry back (app/ipc-contract.ts re-exports them).
import type { HistoryItem } from './history';
import type { Outcome } from './outcomes';

/** A batch run ("Check all profiles"): each request is the profile as saved. */
export interface StartBatchInput {
  /** New for every run; every answer carries it back with the profile id. */
  readonly runId: string;
  /** In the order to check them. */
  readonly profileIds: readonly string[];
  /** Also run the Messaging access check with each token that comes. */
  readonly checkAccess: boolean;
  /**
   * Answer with the run's first news, as batchProgress with `seen` 0 would, instead of at once:
   * a run shorter than the gap between answers is then one call (the window's), not two.
   */
  readonly waitForNews?: boolean;
}

/**
 * What a run's row shows of one profile's answer. No token and no explanation text: the window
 * asks for the whole answer (batchAnswer) only when a row is opened, so a run of a hundred
 * profiles neither hands the window a hundred tokens nor sends it a hundred explanations.
 */
export interface BatchVerdict {
  /** The request's id: the answer is this row's only if it is the row's request. */
  readonly requestId: string;
  readonly ok: boolean;
  readonly outcome: Outcome;
  /** The HTTP status, or null when no answer came. */
  readonly status: number | null;
  /** The verdict's title (its explanation's). */
  readonly title: string;
  readonly durationMs: number;
  /**
   * The Messaging access check's verdict, when the run included it and it ran: `ok` when it lets
   * the row pass (access confirmed, or no check made for a custom token URL), as the run's
   * summary counts it (app/batch-summary.ts, rowPassed).
   */
  readonly access: { readonly ok: boolean; readonly title: string } | null;
}

/** One profile's answer in a run. */
export interface BatchAnswer {
  /** The profile's place in the run's `profileIds`. */
  readonly index: number;
  readonly profileId: string;
  readonly verdict: BatchVerdict;
}

export interface BatchProgressAnswer {
  readonly ok: true;
  readonly runId: string;
  /** How many profiles have started (always the first ones, in order). */
  readonly started: number;
  /** The answers after the first `seen`, in the order they came. */
  readonly answers: readonly BatchAnswer[];
  readonly finished: boolean; // nothing more will start or answer
  readonly history?: BatchHistory; // with `finished`, unless the history could not be read
  /** While no profile may start after a 429 (app/batch-schedule.ts): for how long, said for the window. */
  readonly wait?: string;
}

/**
 * The history as a run's end leaves it, so the window shows the run's entry without asking for
 * the whole history again: `entry` as listHistory lists it (null when the history was cleared
 * during the run), and the ids of every entry, newest first, for the window to check its list
 * against (app/history.ts, historyAfterRun).
 */
export interface BatchHistory {
  readonly entry: HistoryItem | null;
  readonly ids: readonly string[];
}
