import { useCallback, useEffect, useRef, useState } from 'react';
import { historyAfterRun, type HistoryItem } from '../../app/history';
import { isIpcFailure, type BatchHistory } from '../../app/ipc-contract';
import { useBridge } from '../bridge';

/** The last attempts, as the main process keeps them; reloaded when `version` changes. */
export function useHistory(version: number) {
  const api = useBridge();
  const [entries, setEntries] = useState<readonly HistoryItem[]>([]);
  // Asked again (afterRun found the list behind the store's).
  const [asked, setAsked] = useState(0);
  // What `entries` holds, for afterRun to build on outside a state update.
  const shown = useRef<readonly HistoryItem[]>([]);
  // Each change of the list counts here: a listing answered after a later change is stale.
  const changes = useRef(0);

  const show = useCallback((list: readonly HistoryItem[]) => {
    shown.current = list;
    setEntries(list);
  }, []);

  useEffect(() => {
    const mine = (changes.current += 1);
    void api
      .listHistory()
      .then((answer) => {
        if (mine === changes.current && !isIpcFailure(answer)) show(answer.entries);
      })
      .catch(() => undefined);
  }, [api, version, asked, show]);

  const clear = useCallback(async () => {
    const answer = await api.clearHistory().catch(() => null);
    if (!answer?.ok) return;
    changes.current += 1;
    show([]);
  }, [api, show]);

  /**
   * The history as a batch run's last answer left it: its entry shown at once when the rest of the
   * list is as the store holds it, else the list asked for again.
   */
  const afterRun = useCallback(
    (after: BatchHistory) => {
      changes.current += 1;
      const list = historyAfterRun(shown.current, after);
      if (list === null) setAsked((n) => n + 1);
      else show(list);
    },
    [show],
  );

  return { entries, clear, afterRun };
}
