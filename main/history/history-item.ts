// An entry as the window lists it (app/history.ts, HistoryItem): the same for the whole list and
// for the one entry a finished batch run hands the window with its last answer.
import { batchTitle } from '../../app/batch-summary';
import { EXPLANATIONS } from '../../app/explanations';
import type { HistoryEntry, HistoryItem } from '../../app/history';

export function historyItem(entry: HistoryEntry): HistoryItem {
  return { ...entry, title: entry.batch ? batchTitle(entry.batch) : EXPLANATIONS[entry.outcome].title };
}
