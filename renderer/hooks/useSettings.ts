import { useCallback, useEffect, useState } from 'react';
import { isIpcFailure } from '../../app/ipc-contract';
import { DEFAULT_SETTINGS, type Settings } from '../../app/settings';
import { useBridge } from '../bridge';

/** The user's preferences, kept by the main process. */
export function useSettings() {
  const api = useBridge();
  const [settings, setSettings] = useState<Settings>(DEFAULT_SETTINGS);

  useEffect(() => {
    let live = true;
    void api
      .getSettings()
      .then((answer) => {
        if (live && !isIpcFailure(answer)) setSettings(answer.settings);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [api]);

  /** Shown at once; put back, and the reason returned, when it was not saved. */
  const update = useCallback(
    async (change: Partial<Settings>): Promise<string | null> => {
      setSettings((current) => ({ ...current, ...change }));
      const answer = await api.updateSettings(change).catch(() => null);
      if (answer && !isIpcFailure(answer)) {
        setSettings(answer.settings);
        return null;
      }
      // Shown as the main side keeps them (another change may have failed meanwhile too).
      const kept = await api.getSettings().catch(() => null);
      if (kept && !isIpcFailure(kept)) setSettings(kept.settings);
      return answer?.message ?? 'The app’s main process did not answer.';
    },
    [api],
  );

  return { settings, update };
}
