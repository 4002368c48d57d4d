// One batch run at a time. The main side schedules it (startBatch: a few at once, a short pause
// between starts, nothing started after Cancel, the secrets never here); the window asks for the
// answers with one call for many (the start's own answer, then batchProgress), and fills the rows (app/batch-run.ts: an answer
// lands only under its own profile of its own run).
import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import {
  batchRequestId,
  batchProgress,
  batchRunApply,
  newBatchRun,
  type BatchAction,
  type BatchRun,
  type BatchRunRow,
} from '../../app/batch-run';
import { isIpcFailure, type BatchHistory } from '../../app/ipc-contract';
import type { ProfileSummary } from '../../app/profiles';
import { useBridge } from '../bridge';

type Action =
  | { readonly type: 'new'; readonly run: BatchRun }
  | { readonly type: 'many'; readonly actions: readonly BatchAction[] };

interface State {
  readonly run: BatchRun | null;
  /**
   * The rows the table shows: the run's own once it has news (a row started, or the run over),
   * until then the rows shown before, which the table holds out of sight (BatchPanel). A run's
   * start so redraws no row: drawing a hundred rows twice, waiting and answered, was most of a
   * short run's work in the window.
   */
  readonly shown: readonly BatchRunRow[];
  /** The run has no news yet: the table holds its rows out of sight. */
  readonly held: boolean;
}

function reducer(state: State, action: Action): State {
  if (action.type === 'new') return { run: action.run, shown: state.shown, held: true };
  const run = batchRunApply(state.run, action.actions);
  if (run === state.run) return state;
  const news =
    run !== null && (batchProgress(run).finished || run.rows.some((row) => row.phase !== 'waiting'));
  return news ? { run, shown: run.rows, held: false } : { ...state, run };
}

const NO_RUN: State = { run: null, shown: [], held: false };

/**
 * The run this tab has going, kept across a reload of the page: the page reloaded mid-run no
 * longer follows that run, and its next start stops it first (the main side runs one at a time,
 * and would refuse the start while the run it cannot know was abandoned still looks followed).
 */
const RUN_KEY = 'token-tester.batch-run';
const storage = (act: (store: Storage) => string | null | void): string | null => {
  try {
    return act(sessionStorage) ?? null;
  } catch {
    // No storage for this page: a run left by a reload then stops within 20 s (the main side).
    return null;
  }
};

/**
 * `onEnded` gets the history as the run's last answer left it, or undefined when the run ended
 * without one (then the history is best asked again).
 */
export function useBatchRun(onEnded: (history: BatchHistory | undefined) => void) {
  const api = useBridge();
  const [{ run, shown, held }, dispatch] = useReducer(reducer, NO_RUN);
  // A wait after a 429, as the main side says it (BatchProgressAnswer.wait), while it lasts.
  const [wait, setWait] = useState<string>();
  // The run in progress: its id and whether it was cancelled.
  const current = useRef<{ runId: string; cancelled: boolean } | null>(null);
  const ended = useRef(onEnded);
  useEffect(() => {
    ended.current = onEnded;
  }, [onEnded]);

  const start = useCallback(
    /** False when a run is going already (one at a time): nothing started. */
    (profiles: readonly ProfileSummary[], checkAccess: boolean): boolean => {
      if (current.current !== null) return false;
      if (profiles.length === 0) return true;
      const runId = crypto.randomUUID();
      const state = { runId, cancelled: false };
      current.current = state;
      dispatch({ type: 'new', run: newBatchRun(runId, profiles, checkAccess) });
      const at = (index: number) => ({
        runId,
        profileId: profiles[index]?.id ?? '',
        requestId: batchRequestId(runId, index),
      });
      /**
       * Every row still open gets this message instead of an answer, and the main side is asked to
       * stop the run: one this window no longer follows must not hold back its next.
       */
      const refuseOpen = (message: string, from: number) => {
        void api.cancelBatch({ runId }).catch(() => undefined);
        const actions: BatchAction[] = [];
        for (let i = from; i < profiles.length; i += 1) actions.push({ type: 'started', ...at(i) });
        for (let i = 0; i < profiles.length; i += 1) actions.push({ type: 'refused', ...at(i), message });
        actions.push({ type: 'finished', runId });
        dispatch({ type: 'many', actions });
      };

      let history: BatchHistory | undefined;
      // Only after a reload: a tab duplicated (or reopened) gets a copy of this tab's storage, and
      // must not stop the run this tab still follows.
      const reloaded = performance
        .getEntriesByType('navigation')
        .some((entry) => (entry as PerformanceNavigationTiming).type === 'reload');
      const left = reloaded ? storage((store) => store.getItem(RUN_KEY)) : null;
      storage((store) => store.setItem(RUN_KEY, runId));
      void (async () => {
        let started = 0;
        try {
          if (left !== null) await api.cancelBatch({ runId: left }).catch(() => undefined);
          // The start answers with the run's first news: a short run is one call, not two.
          let progress = await api.startBatch({
            runId,
            profileIds: profiles.map((p) => p.id),
            checkAccess,
            waitForNews: true,
          });
          let seen = 0;
          for (;;) {
            if (isIpcFailure(progress)) {
              // Cancel reached the main side before the start (browser mode sends each call on
              // its own): nothing started, which is what the rows say, not the refusal.
              if (state.cancelled && started === 0 && progress.kind === 'conflict') {
                dispatch({ type: 'many', actions: [{ type: 'finished', runId }] });
                return;
              }
              return refuseOpen(progress.message, started);
            }
            // An answer about another run says nothing about this one: not its starts, not its end.
            if (progress.runId !== runId)
              return refuseOpen('The app’s main process answered about another run.', started);
            const actions: BatchAction[] = [];
            for (; started < progress.started; started += 1)
              actions.push({ type: 'started', ...at(started) });
            for (const answer of progress.answers) {
              // The answer names its place and profile: anything else is not this row's.
              if (profiles[answer.index]?.id !== answer.profileId) continue;
              actions.push({
                type: 'answered',
                ...at(answer.index),
                verdict: answer.verdict,
              });
            }
            seen += progress.answers.length;
            setWait(progress.wait);
            if (progress.finished) {
              actions.push({ type: 'finished', runId });
              history = progress.history;
            }
            dispatch({ type: 'many', actions });
            // No pause here: the main side holds the next answer back until it is worth a redraw
            // (main/handlers/batch-handlers.ts, PROGRESS_GAP_MS).
            if (progress.finished) return;
            progress = await api.batchProgress({ runId, seen });
          }
        } catch {
          refuseOpen('The check could not reach the app’s main process.', started);
        }
      })().finally(() => {
        if (current.current === state) current.current = null;
        if (storage((store) => store.getItem(RUN_KEY)) === runId)
          storage((store) => store.removeItem(RUN_KEY));
        ended.current(history);
      });
      return true;
    },
    [api],
  );

  const cancel = useCallback(() => {
    const state = current.current;
    if (state === null || state.cancelled) return;
    state.cancelled = true;
    dispatch({ type: 'many', actions: [{ type: 'cancel', runId: state.runId }] });
    // The main side starts nothing more of this run and cancels its requests in flight.
    void api.cancelBatch({ runId: state.runId }).catch(() => undefined);
  }, [api]);

  return { run, shown, held, wait, start, cancel };
}
