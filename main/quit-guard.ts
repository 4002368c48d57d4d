// Once quitting has begun, nothing more is sent, saved or started, and what was being saved when
// it began reaches the disk: browser mode's page can still call while the quit's clean-up runs (up
// to two seconds), and the desktop window until it is closed. A batch run started then went out
// after the Cancel of everything in flight; a Save pressed in the same instant as the quit wrote
// the profiles file after the quit had stopped waiting, or never (the process gone first).
import type { IpcMethod } from '../app/ipc-contract';
import { ipcFailure, type IpcHandlers } from './ipc/router';
import { pendingWork } from './storage/pending-work';

/**
 * What each refused operation answers after "The app is quitting: ". A token request is not among
 * them: it answers "cancelled" itself (token-handlers.ts). Reads (lists, the form's checks, a
 * run's answers) still answer.
 */
const REFUSED: Partial<Record<IpcMethod, string>> = {
  probeBasicAuth: 'nothing more is sent.',
  checkMessagingAccess: 'nothing more is sent.',
  startBatch: 'nothing more is sent.',
  saveProfile: 'the profile was not saved.',
  duplicateProfile: 'the copy was not saved.',
  deleteProfile: 'the profile was not deleted.',
  importProfiles: 'nothing was imported.',
  updateSettings: 'your preferences were not saved.',
  clearHistory: 'the history was not cleared.',
  // A reveal is recorded in the history first (profile-handlers.ts).
  revealSecret: 'the secret was not revealed.',
  saveReport: 'the report was not saved.',
  // A sandbox started after the quit closed it would be left listening.
  getSandboxInfo: 'the sandbox is not started.',
};

/**
 * Those whose work under way when the quit begins is waited for (they write the data folder). A
 * request, probe or check under way is cancelled by the quit, and its entry then written to the
 * history: after the quit had stopped waiting (in browser mode, once the data folder was let go).
 */
const WRITES: readonly IpcMethod[] = [
  'requestToken',
  'probeBasicAuth',
  'checkMessagingAccess',
  'saveProfile',
  'duplicateProfile',
  'deleteProfile',
  'importProfiles',
  'updateSettings',
  'clearHistory',
  'revealSecret',
  'saveReport',
];

/**
 * `handlers`, refusing the operations above once `quitting` is aborted; `settled`: once the writes
 * under way (and any begun while waiting) have finished.
 */
export function quitGuard(handlers: IpcHandlers, quitting: AbortSignal) {
  const writes = pendingWork();
  const guarded: Record<string, unknown> = { ...handlers };
  for (const method of new Set([...(Object.keys(REFUSED) as IpcMethod[]), ...WRITES])) {
    const handle = handlers[method] as (request: unknown) => Promise<unknown>;
    const words = REFUSED[method];
    const tracked = WRITES.includes(method);
    guarded[method] = (request: unknown) => {
      if (quitting.aborted && words !== undefined)
        return Promise.resolve(ipcFailure('conflict', `The app is quitting: ${words}`));
      const answer = handle(request);
      return tracked ? writes.track(answer) : answer;
    };
  }
  return { handlers: guarded as unknown as IpcHandlers, settled: () => writes.settled() };
}
