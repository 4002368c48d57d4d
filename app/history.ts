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
}

/** An entry as the window lists it: with the title of its outcome's explanation. */
export interface HistoryItem extends HistoryEntry {
  readonly title: string;
}

/**
 * The window's history list after a batch run's end (app/ipc-contract.ts, BatchHistory): the
 * run's entry in, in the order and number the store holds, or null when the window's list lacks
 * an entry the store has (written by something the window was not told of): then it asks again.
 */
export function historyAfterRun(
  before: readonly HistoryItem[],
  after: { readonly entry: HistoryItem | null; readonly ids: readonly string[] },
): HistoryItem[] | null {
  const byId = new Map(before.map((item) => [item.id, item]));
  if (after.entry !== null) byId.set(after.entry.id, after.entry);
  const list = after.ids.map((id) => byId.get(id));
  return list.every((item) => item !== undefined) ? list : null;
}
