// One batch run at a time: the schedule (app/batch-schedule.ts: a few at once, a short pause
// between starts, nothing started after Cancel), the calls (checkProfile: the secret stays on the
// main side), and the rows (app/batch-run.ts: an answer lands only under its own profile of its
// own run).
import { useCallback, useEffect, useReducer, useRef } from 'react';
import { BATCH_START_GAP_MS, runBatch } from '../../app/batch-schedule';
import {
  batchRequestId,
  batchRunReducer,
  newBatchRun,
  type BatchAction,
  type BatchRun,
} from '../../app/batch-run';
import { isLoopbackHost } from '../../app/endpoints';
import { isIpcFailure } from '../../app/ipc-contract';
import type { ProfileSummary } from '../../app/profiles';
import { useBridge } from '../bridge';

type Action =
  | { readonly type: 'new'; readonly run: BatchRun }
  | { readonly type: 'many'; readonly actions: readonly BatchAction[] };

function reducer(run: BatchRun | null, action: Action): BatchRun | null {
  return action.type === 'new' ? action.run : action.actions.reduce(batchRunReducer, run);
}

/**
 * While a run goes on, its rows are redrawn at most this often: drawing the table after each of a
 * hundred answers (and each start) kept the window busy for most of the run. The last answer,
 * and Cancel, are shown at once.
 */
const PROGRESS_INTERVAL_MS = 100;

/** The pause is politeness towards Telstra; the sandbox and this computer's servers skip it. */
function gapFor(profile: ProfileSummary): number {
  if (profile.preset === 'sandbox') return 0;
  try {
    return isLoopbackHost(new URL(profile.tokenUrl).hostname) ? 0 : BATCH_START_GAP_MS;
  } catch {
    return BATCH_START_GAP_MS;
  }
}

export function useBatchRun(onEnded: () => void) {
  const api = useBridge();
  const [run, dispatchNow] = useReducer(reducer, null);
  const queued = useRef<BatchAction[]>([]);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const flush = useCallback(() => {
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = null;
    const actions = queued.current;
    queued.current = [];
    if (actions.length > 0) dispatchNow({ type: 'many', actions });
  }, []);
  const dispatch = useCallback(
    (action: BatchAction) => {
      queued.current.push(action);
      timer.current ??= setTimeout(flush, PROGRESS_INTERVAL_MS);
    },
    [flush],
  );
  // The run in progress: its id and whether it was cancelled (read by the scheduler, not by React).
  const current = useRef<{ runId: string; cancelled: boolean } | null>(null);
  const ended = useRef(onEnded);
  useEffect(() => {
    ended.current = onEnded;
  }, [onEnded]);

  const start = useCallback(
    (profiles: readonly ProfileSummary[], checkAccess: boolean) => {
      if (current.current !== null || profiles.length === 0) return;
      const runId = crypto.randomUUID();
      const state = { runId, cancelled: false };
      current.current = state;
      flush();
      dispatchNow({ type: 'new', run: newBatchRun(runId, profiles, checkAccess) });
      const check = async (profile: ProfileSummary, index: number) => {
        const requestId = batchRequestId(runId, index);
        const at = { runId, profileId: profile.id, requestId };
        dispatch({ type: 'started', ...at });
        try {
          const answer = await api.checkProfile({
            runId,
            runSize: profiles.length,
            requestId,
            profileId: profile.id,
            checkAccess,
          });
          if (isIpcFailure(answer)) dispatch({ type: 'refused', ...at, message: answer.message });
          // The answer names its run and profile: anything else is not this row's.
          else if (answer.runId === runId && answer.profileId === profile.id)
            dispatch({ type: 'answered', ...at, result: answer.result, access: answer.access });
          else dispatch({ type: 'refused', ...at, message: 'The answer was for another request.' });
        } catch {
          dispatch({ type: 'refused', ...at, message: 'The check could not reach the app’s main process.' });
        }
      };
      void runBatch({
        items: profiles,
        run: check,
        gapMs: gapFor,
        sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
        cancelled: () => state.cancelled,
      }).finally(() => {
        if (current.current === state) current.current = null;
        flush();
        ended.current();
      });
    },
    [api, dispatch, flush],
  );

  const cancel = useCallback(() => {
    const state = current.current;
    if (state === null || state.cancelled) return;
    state.cancelled = true;
    dispatch({ type: 'cancel', runId: state.runId });
    flush();
    // The main side sends nothing more of this run, even a check already on its way there.
    void api.cancelBatch({ runId: state.runId }).catch(() => undefined);
  }, [api, dispatch, flush]);

  useEffect(
    () => () => {
      if (timer.current !== null) clearTimeout(timer.current);
    },
    [],
  );

  return { run, start, cancel };
}
