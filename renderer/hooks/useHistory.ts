import { useCallback, useEffect, useRef, useState } from 'react';
import { historyAfterRun, type HistoryItem } from '../../app/history';
import { isIpcFailure, type BatchHistory } from '../../app/ipc-contract';
import { useBridge } from '../bridge';

/** The last attempts, as the main process keeps them; reloaded when `version` changes. */
export function useHistory(version: number) {
  const api = useBridge();
  const [entries, setEntries] = useState<readonly HistoryItem[]>([]);
  // What `entries` holds, for afterRun to build on outside a state update.
  const shown = useRef(entries);
  // Each change of the list counts here: a listing answered after a later change is stale.
  const changes = useRef(0);

  useEffect(() => {
    const mine = (changes.current += 1);
    void api
      .listHistory()
      .then((answer) => {
        if (mine === changes.current && !isIpcFailure(answer)) setEntries((shown.current = answer.entries));
      })
      .catch(() => undefined);
  }, [api, version]);

  const clear = useCallback(async () => {
    const answer = await api.clearHistory().catch(() => null);
    if (!answer?.ok) return;
    changes.current += 1;
    setEntries((shown.current = []));
  }, [api]);

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
