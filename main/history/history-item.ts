// An entry as the window lists it (app/history.ts, HistoryItem): the same for the whole list and
// for the one entry a finished batch run hands the window with its last answer.
import { batchTitle } from '../../app/batch-summary';
import { EXPLANATIONS } from '../../app/explanations';
import type { HistoryEntry, HistoryItem } from '../../app/history';

export function historyItem(entry: HistoryEntry): HistoryItem {
  const title = entry.batch ? batchTitle(entry.batch) : EXPLANATIONS[entry.outcome].title;
  // Not the user's own request: the app's try of it with HTTP Basic, said so in the list.
  return { ...entry, title: entry.basic ? `Tried with HTTP Basic: ${title}` : title };
}
