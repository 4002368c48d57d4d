// The last attempts, for support staff to look back at: what was tried, where, and how it ended.
// Never a token or a secret.
import type { PresetId } from './endpoints';
import type { Outcome } from './outcomes';

export const MAX_HISTORY = 100;

/** One profile's result in a batch run ("Check all profiles"): no token, no secret, no client ID. */
export interface BatchRow {
  readonly profileName: string;
  readonly host: string;
  readonly outcome: Outcome;
  readonly ok: boolean;
  readonly status: number | null;
  /** The OAuth error code as the token service kept it (already redacted of the known values). */
  readonly error: string | null;
  readonly durationMs: number;
  /** The Messaging access check's verdict, when the run included it. */
  readonly access: Outcome | null;
}

/** A batch run: one history entry for the whole run, its rows in the order they finished. */
export interface BatchSummary {
  /** How many profiles the run was asked to check (rows may be fewer after Cancel). */
  readonly total: number;
  readonly rows: readonly BatchRow[];
}

export interface HistoryEntry {
  readonly id: string;
  readonly at: number;
  readonly profileName: string | null;
  readonly host: string;
  readonly preset: PresetId;
  readonly outcome: Outcome;
  readonly ok: boolean;
  readonly status: number | null;
  readonly error: string | null;
  readonly durationMs: number;
  /** Only on a batch run's entry; its other fields then summarise the run (app/batch-summary.ts). */
  readonly batch?: BatchSummary;
  /** The app's own second try of a request, with HTTP Basic ("Try HTTP Basic authentication"). */
  readonly basic?: true;
}

/** An entry as the window lists it: with the title of its outcome's explanation. */
export interface HistoryItem extends HistoryEntry {
  readonly title: string;
}

/**
 * The window's history list after a batch run's end (app/ipc-contract.ts, BatchHistory): the
 * run's entry first, in place of its older self, when that gives exactly the store's ids; else
 * null, and the window asks for the list again (the store holds an entry the window was not told
 * of, or dropped one at its cap or a clear, or the window's list is newer than these ids).
 */
export function historyAfterRun(
  before: readonly HistoryItem[],
  { entry, ids }: { readonly entry: HistoryItem | null; readonly ids: readonly string[] },
): HistoryItem[] | null {
  if (!entry) return null;
  const list = [entry, ...before.filter((item) => item.id !== entry.id)];
  return list.length === ids.length && list.every((item, i) => item.id === ids[i]) ? list : null;
}
