// The window's state of one "Check all profiles" run: a row per profile, in the order the user
// chose them, each filled only by an answer for that profile AND that run. A run id is new for
// every run, so a previous run's late answer (or a cancelled request finishing after a new run
// started) is dropped instead of landing under a profile of the new run. Pure, so it is tested
// without a window; the scheduling itself is app/batch-schedule.ts.
import type { BatchVerdict } from './ipc-contract';

export type BatchRowPhase = 'waiting' | 'running' | 'done' | 'not-started';

export interface BatchRunRow {
  readonly profileId: string;
  readonly name: string;
  readonly phase: BatchRowPhase;
  /** The request id sent for this row (to cancel it, and to check the answer is its own). */
  readonly requestId: string | null;
  /** What the row shows of its answer; the whole answer is asked for when the row is opened. */
  readonly verdict: BatchVerdict | null;
  /** Why the row has no result although it started (the call itself was refused). */
  readonly refusal: string | null;
}

export interface BatchRun {
  readonly runId: string;
  readonly rows: readonly BatchRunRow[];
  readonly cancelled: boolean;
  readonly checkAccess: boolean;
}

export type BatchAction =
  | {
      readonly type: 'started';
      readonly runId: string;
      readonly profileId: string;
      readonly requestId: string;
    }
  | {
      readonly type: 'answered';
      readonly runId: string;
      readonly profileId: string;
      readonly requestId: string;
      readonly verdict: BatchVerdict;
    }
  | {
      readonly type: 'refused';
      readonly runId: string;
      readonly profileId: string;
      readonly requestId: string;
      readonly message: string;
    }
  | { readonly type: 'cancel'; readonly runId: string }
  /** Nothing more will start: rows still waiting were never started (Cancel came first). */
  | { readonly type: 'finished'; readonly runId: string };

export function newBatchRun(
  runId: string,
  profiles: ReadonlyArray<{ readonly id: string; readonly name: string }>,
  checkAccess = false,
): BatchRun {
  return {
    runId,
    cancelled: false,
    checkAccess,
    rows: profiles.map((p) => ({
      profileId: p.id,
      name: p.name,
      phase: 'waiting',
      requestId: null,
      verdict: null,
      refusal: null,
    })),
  };
}

/** One row's next state under `action` (started, answered or refused), or null: no change. */
function nextRow(row: BatchRunRow, action: BatchAction): BatchRunRow | null {
  switch (action.type) {
    case 'started':
      return row.phase === 'waiting' ? { ...row, phase: 'running', requestId: action.requestId } : null;
    case 'answered':
      return row.phase === 'running' &&
        row.requestId === action.requestId &&
        action.verdict.requestId === action.requestId
        ? { ...row, phase: 'done', verdict: action.verdict }
        : null;
    case 'refused':
      return row.phase === 'running' && row.requestId === action.requestId
        ? { ...row, phase: 'done', refusal: action.message }
        : null;
    default:
      return null;
  }
}

/** Where each profile's rows are (a profile is in a run once, but nothing here relies on it). */
function placesOf(rows: readonly BatchRunRow[]): Map<string, number[]> {
  const places = new Map<string, number[]>();
  rows.forEach((row, i) => {
    const list = places.get(row.profileId);
    if (list) list.push(i);
    else places.set(row.profileId, [i]);
  });
  return places;
}

/**
 * `actions` in order, as batchRunReducer one after another would, in one pass: an answer of a
 * hundred profiles is one update of the window, not a hundred copies of a hundred rows.
 */
export function batchRunApply(run: BatchRun | null, actions: readonly BatchAction[]): BatchRun | null {
  if (run === null) return run;
  let rows: BatchRunRow[] | null = null;
  let places: Map<string, number[]> | null = null;
  let cancelled = run.cancelled;
  for (const action of actions) {
    // Anything for another run changes nothing.
    if (action.runId !== run.runId) continue;
    if (action.type === 'cancel') {
      // The main side says what had started when Cancel reached it; until then rows stay as they are.
      cancelled = true;
    } else {
      // 'finished': nothing more will start, so rows still waiting were never started (Cancel came
      // first). Otherwise: another profile's request, or a row already settled, changes nothing.
      const current: readonly BatchRunRow[] = rows ?? run.rows;
      const set = (i: number, next: BatchRunRow | null) => {
        if (next === null) return;
        rows ??= [...run.rows];
        rows[i] = next;
      };
      if (action.type === 'finished') {
        current.forEach((row, i) =>
          set(i, row.phase === 'waiting' ? { ...row, phase: 'not-started' } : null),
        );
      } else {
        // The profile's rows found by id, not by a search of every row for every answer.
        places ??= placesOf(run.rows);
        for (const i of places.get(action.profileId) ?? []) set(i, nextRow(current[i]!, action));
      }
    }
  }
  if (rows === null && cancelled === run.cancelled) return run;
  return { ...run, rows: rows ?? run.rows, cancelled };
}

/** Anything for another run, another profile's request, or a row already settled changes nothing. */
export function batchRunReducer(run: BatchRun | null, action: BatchAction): BatchRun | null {
  return batchRunApply(run, [action]);
}

export interface BatchProgress {
  readonly total: number;
  readonly done: number;
  /** Of those done, the ones never checked: Cancel stopped them in flight, or they were deleted. */
  readonly stopped: number;
  readonly running: number;
  readonly finished: boolean;
}

export function batchProgress(run: BatchRun): BatchProgress {
  const count = (phase: BatchRowPhase) => run.rows.filter((row) => row.phase === phase).length;
  const running = count('running');
  const waiting = count('waiting');
  // A profile deleted before its turn was not checked either (as the report counts it), nor one
  // the window could not have checked (no verdict: the run refused, or the app unreachable).
  const stopped = run.rows.filter(
    (row) =>
      (row.phase === 'done' && row.verdict === null) ||
      row.verdict?.outcome === 'cancelled' ||
      row.verdict?.outcome === 'profile-deleted',
  ).length;
  return {
    total: run.rows.length,
    done: count('done'),
    stopped,
    running,
    finished: running === 0 && waiting === 0,
  };
}

/**
 * Run ids leave room for "-b" and an index of up to four digits within a request id (64
 * characters, app/limits.ts; not imported here, since that module brings the schema library into
 * the window).
 */
export const BATCH_RUN_ID_MAX = 58;

/** Request ids as the IPC schema accepts them: one per profile and run, never reused. */
export function batchRequestId(runId: string, index: number): string {
  if (runId.length > BATCH_RUN_ID_MAX) throw new RangeError('run id too long');
  return `${runId}-b${index}`;
}
