// The last attempts, for support staff to look back at: what was tried, where, and how it ended.
// Never a token or a secret.
import type { PresetId } from './endpoints';
import type { Outcome } from './outcomes';

export const MAX_HISTORY = 100;

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
}

/** An entry as the window lists it: with the title of its outcome's explanation. */
export interface HistoryItem extends HistoryEntry {
  readonly title: string;
}
