// Saved profiles as the window sees them: names and fields from the main process, never a secret
// (except through revealSecret, on the user's request).
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { IpcFailure, KeychainStatus, SaveProfileInput } from '../../app/ipc-contract';
import { isIpcFailure } from '../../app/ipc-contract';
import type { KeychainAdvice, KeychainFailure } from '../../app/keychain';
import type { ProfileSummary } from '../../app/profiles';
import { brokenBridge, useBridge } from '../bridge';

export interface ProfilesState {
  readonly loaded: boolean;
  readonly profiles: readonly ProfileSummary[];
  readonly keychain: KeychainStatus;
  readonly keychainAdvice: KeychainAdvice | null;
  readonly notices: readonly string[];
}

/**
 * A failed profile operation, in words for the status line: its message, and what its first issue
 * adds to it (nothing when the message says it already, as the IPC check's messages do).
 */
export function describeFailure(failure: KeychainFailure | IpcFailure): string {
  if (failure.kind === 'keychain') return `${failure.advice.title}. ${failure.advice.remedy}`;
  const issue = failure.issues[0]?.message;
  return issue && !failure.message.includes(issue) ? `${failure.message} ${issue}` : failure.message;
}

export function useProfiles() {
  const api = useBridge();
  const [state, setState] = useState<ProfilesState>({
    loaded: false,
    profiles: [],
    keychain: { available: true, problem: null },
    keychainAdvice: null,
    notices: [],
  });
  const asked = useRef(false);

  const refresh = useCallback(async () => {
    const answer = await api.listProfiles().catch(() => brokenBridge);
    if (isIpcFailure(answer)) {
      setState((s) => ({ ...s, loaded: true, notices: [...s.notices, describeFailure(answer)] }));
      return;
    }
    setState((s) => ({
      loaded: true,
      profiles: answer.profiles,
      keychain: answer.keychain,
      keychainAdvice: answer.keychainAdvice,
      notices: [...s.notices, ...answer.notices],
    }));
  }, [api]);

  useEffect(() => {
    // Once per window: the main process hands out one-time notices (a damaged file) only once.
    if (asked.current) return;
    asked.current = true;
    void refresh();
  }, [refresh]);

  /**
   * A change, then the list as the file has it: waited for after a change made, in the background
   * after one refused, which may still have changed the file (a profile listed without its secret).
   */
  const change = useCallback(
    async <A extends { readonly ok: boolean }>(answered: Promise<A>): Promise<A | IpcFailure> => {
      const answer = await answered.catch(() => brokenBridge);
      const listed = refresh();
      if (answer.ok) await listed;
      return answer;
    },
    [refresh],
  );

  const save = useCallback((input: SaveProfileInput) => change(api.saveProfile(input)), [api, change]);
  const duplicate = useCallback(
    (profileId: string) => change(api.duplicateProfile({ profileId })),
    [api, change],
  );
  const remove = useCallback((profileId: string) => change(api.deleteProfile({ profileId })), [api, change]);

  const reveal = useCallback(
    (profileId: string) => api.revealSecret({ profileId }).catch(() => brokenBridge),
    [api],
  );

  const dismissNotice = useCallback((notice: string) => {
    setState((s) => ({ ...s, notices: s.notices.filter((n) => n !== notice) }));
  }, []);

  // The same object until something changes, so the parts of the window that take it (through
  // the profile editor's callbacks) are not drawn again for a token request (npm run bench).
  return useMemo(
    () => ({ ...state, refresh, save, duplicate, remove, reveal, dismissNotice }),
    [state, refresh, save, duplicate, remove, reveal, dismissNotice],
  );
}
