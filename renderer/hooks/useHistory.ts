import { useCallback, useEffect, useState } from 'react';
import { MAX_HISTORY, type HistoryItem } from '../../app/history';
import { isIpcFailure } from '../../app/ipc-contract';
import { useBridge } from '../bridge';

/** The last attempts, as the main process keeps them; reloaded when `version` changes. */
export function useHistory(version: number) {
  const api = useBridge();
  const [entries, setEntries] = useState<readonly HistoryItem[]>([]);

  useEffect(() => {
    let live = true;
    void api
      .listHistory()
      .then((answer) => {
        if (live && !isIpcFailure(answer)) setEntries(answer.entries);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [api, version]);

  const clear = useCallback(async () => {
    const answer = await api.clearHistory().catch(() => null);
    if (answer?.ok) setEntries([]);
  }, [api]);

  /** `item` first, in place of the entry with its id: what the main side's store did with it. */
  const upsert = useCallback(
    (item: HistoryItem) =>
      setEntries((before) => [item, ...before.filter((e) => e.id !== item.id)].slice(0, MAX_HISTORY)),
    [],
  );

  return { entries, clear, upsert };
}
