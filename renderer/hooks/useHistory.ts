import { useCallback, useEffect, useRef, useState } from 'react';
import { historyAfterRun, type HistoryItem } from '../../app/history';
import { isIpcFailure, type BatchHistory } from '../../app/ipc-contract';
import { useBridge } from '../bridge';

/**
 * The last attempts, as the main process keeps them; reloaded when `version` changes. Null until
 * the first listing has answered (a long history takes a while): not yet "no attempts".
 */
export function useHistory(version: number) {
  const api = useBridge();
  const [entries, setEntries] = useState<readonly HistoryItem[] | null>(null);
  // What `entries` holds (none before the first listing), for afterRun to build on outside a state update.
  const shown = useRef<readonly HistoryItem[]>([]);
  // Each change of the list counts here: a listing answered after a later change is stale.
  const changes = useRef(0);

  // The listing, as the store holds it now; asked again after a clear (not emptied: an attempt
  // answered while the clear was on its way is in the store, and the list must show it).
  const load = useCallback(() => {
    const mine = (changes.current += 1);
    void api
      .listHistory()
      .catch(() => null)
      .then((answer) => {
        // One that failed leaves the list as it was (the first: none, no longer loading).
        if (mine === changes.current)
          setEntries((shown.current = (answer && !isIpcFailure(answer) && answer.entries) || shown.current));
      });
  }, [api]);
  useEffect(load, [load, version]);

  const clear = useCallback(
    () =>
      api
        .clearHistory()
        .catch(() => null)
        .then(load),
    [api, load],
  );

  /**
   * The history as a batch run's last answer left it: its entry shown at once when the rest of the
   * list is as the store holds it; false when the list is behind (then the caller asks again).
   */
  const afterRun = useCallback((after: BatchHistory): boolean => {
    changes.current += 1;
    const list = historyAfterRun(shown.current, after);
    if (list !== null) setEntries((shown.current = list));
    return list !== null;
  }, []);

  return { entries, clear, afterRun };
}
