// "Check all profiles" on the main side: the run is scheduled here (app/batch-schedule.ts: a few
// at once, a short pause between starts, nothing started after Cancel), each token request exactly
// as its profile is saved (its endpoint, its keychain secret, which never leaves this process),
// optionally the Messaging access check, and the run's one history entry. The window asks for the
// answers with one call for many (batchProgress waits for the next), so its work does not grow
// with every profile: checking each profile with a call of its own kept its main thread busy.
import { holdSaid, rateLimitHoldMs, runBatch, BATCH_START_GAP_MS } from '../../app/batch-schedule';
import { batchRequestId } from '../../app/batch-run';
import { batchReport } from '../../app/batch-report';
import { batchEntry, batchRow, batchVerdict } from '../../app/batch-summary';
import type { BatchRow } from '../../app/history';
import { COPIED } from '../../app/copy-messages';
import { isLoopbackHost } from '../../app/endpoints';
import { EXPLANATIONS } from '../../app/explanations';
import type { BatchProgressAnswer } from '../../app/ipc-contract';
import type { Profile } from '../../app/profiles';
import type { AccessService } from '../access/access-service';
import type { ClipboardGuard } from '../clipboard/clipboard-guard';
import { historyItem } from '../history/history-item';
import type { HistoryStore } from '../history/history-store';
import { ipcFailure, type IpcHandlers } from '../ipc/router';
import type { ProfileService } from '../profiles/profile-service';
import type { RequestLog } from '../requests/request-log';
import { pendingWork } from '../storage/pending-work';
import { profileChecks } from './batch-checks';
import { news, wake, type Run } from './batch-run-state';
import type { SentSecrets } from '../token/sent-secrets';
import type { TokenService } from '../token/token-service';
import type { AppInfo } from './support-handlers';

export interface BatchHandlerDeps {
  readonly tokens: Pick<TokenService, 'request' | 'cancel'>;
  readonly access: Pick<AccessService, 'check' | 'cancel'>;
  readonly profiles: Pick<ProfileService, 'find' | 'findSettled' | 'secret' | 'listed'>;
  /** Every answer is redacted of these (main/token/sent-secrets.ts): a run's secrets go in first. */
  readonly sentSecrets?: Pick<SentSecrets, 'add'>;
  readonly history: Pick<HistoryStore, 'mark' | 'upsert' | 'find' | 'list'>;
  readonly log: RequestLog;
  readonly clipboard: Pick<ClipboardGuard, 'copy'>;
  readonly appInfo: AppInfo;
  readonly now: () => number;
  /** How long the window's call for answers waits for the next one before answering anyway. */
  readonly progressWaitMs?: number;
  /** The least time between two answers with news for one run (see PROGRESS_GAP_MS). */
  readonly progressGapMs?: number;
}

/**
 * A run's answers go to the window at most this often, counted from the run's start (the window
 * has just drawn its rows then), but the run's end (done or cancelled) at once: each answer is a
 * redraw of the window's table, and redraws, not the checks, were most of the window's work during
 * a run. Held here rather than by a pause in the window, so the end is never held back by a pause.
 */
export const PROGRESS_GAP_MS = 500;

/** Runs remembered for their answers and Cancel; older ones are only in the history. */
const RUNS_KEPT = 4;
/** Cancels of runs not (yet) known, remembered so those runs never start. */
const CANCELLED_KEPT = 16;

/** The pause is politeness towards Telstra; the sandbox and this computer's servers skip it. */
function startGapMs(profile: Profile): number {
  if (profile.preset === 'sandbox') return 0;
  try {
    return isLoopbackHost(new URL(profile.tokenUrl).hostname) ? 0 : BATCH_START_GAP_MS;
  } catch {
    return BATCH_START_GAP_MS;
  }
}

const RUN_GOING =
  'A run started in another window, or before this page was reloaded, is still going. Cancel it there, or wait for its end (a run no window follows is stopped within 20 seconds), then try again.';

export function batchRuns(deps: BatchHandlerDeps) {
  const { tokens, access, profiles, history, now } = deps;
  const { readSecrets, check } = profileChecks(deps);
  const runs = new Map<string, Run>();
  const cancelledUnknown = new Set<string>();
  /** The runs under way (to their last answer's history entry): a quit waits for them. */
  const going = pendingWork();

  /**
   * The window asks for answers all the time a run goes on (each call waits up to
   * `progressWaitMs`); a run nobody has asked about for three of those waits belongs to a window
   * that was closed or reloaded, and nothing more of it is sent.
   */
  function watchForAbandon(run: Run) {
    const waitMs = deps.progressWaitMs ?? 5_000;
    const timer = setInterval(() => {
      if (run.finished || run.cancelled) clearInterval(timer);
      else if (performance.now() - run.askedAt > 3 * waitMs) {
        cancelRun(run);
        clearInterval(timer);
      }
    }, waitMs);
    timer.unref();
  }

  function cancelRun(run: Run) {
    run.cancelled = true;
    for (const requestId of run.inFlight) {
      tokens.cancel(requestId);
      access.cancel(requestId);
    }
  }

  function record(runId: string, run: Run, preset: Profile['preset']) {
    // In the profiles' order, as the window lists them, not in the order the answers came.
    const rows = run.rows.filter((row): row is BatchRow => row !== undefined);
    const entry = batchEntry(runId, now(), performance.now() - run.startedAt, preset, {
      total: run.total,
      rows,
    });
    // The history is a convenience: a full disk must not fail the run.
    void history.upsert(entry, run.historyMark).catch(() => undefined);
  }

  /**
   * The run's answers after the first `seen`, once there is news (an answer, a start since the
   * last answer, or the end) and the gap since the last answer has passed, or the end at once.
   */
  async function progress(runId: string, run: Run, seen: number): Promise<BatchProgressAnswer> {
    run.askedAt = performance.now();
    // News: an answer the window has not seen, a start since the last answer, or the end.
    const hasNews = () => run.answers.length > seen || run.started > run.sentStarted || run.finished;
    if (!hasNews()) await news(run, deps.progressWaitMs ?? 5_000);
    // News so soon after the last answer waits for the gap to pass, or for the run's end.
    const gapMs = deps.progressGapMs ?? PROGRESS_GAP_MS;
    if (hasNews()) {
      const until = run.sentAt + gapMs;
      while (!run.finished && performance.now() < until) await news(run, until - performance.now());
      run.sentAt = performance.now();
    }
    run.sentStarted = run.started;
    const { finished, started } = run;
    // A wait after a 429 is said while it lasts: the answer that brought it is news already.
    const left = finished || run.cancelled ? 0 : run.heldUntil - performance.now();
    const said = left > 0 ? { wait: holdSaid(left, run.heldAsked) } : {};
    const answers = run.answers.slice(seen).map(({ index, profileId, result, access }) => ({
      index,
      profileId,
      verdict: batchVerdict(result, access),
    }));
    if (!finished) return { ok: true, runId, started, answers, finished, ...said };
    // The last answer's upsert is queued already (record, in onResult): the list has it. The
    // window shows the run's entry at once and checks its own list against the ids.
    const entries = await history.list().catch(() => null);
    if (entries === null) return { ok: true, runId, started, answers, finished };
    const entry = entries.find((e) => e.id === runId);
    return {
      ok: true,
      runId,
      started,
      answers,
      finished,
      history: { entry: entry ? historyItem(entry) : null, ids: entries.map((e) => e.id) },
    };
  }

  const handlers: Pick<
    IpcHandlers,
    'startBatch' | 'batchProgress' | 'batchAnswer' | 'cancelBatch' | 'copyBatchReport'
  > = {
    async startBatch({ runId, profileIds, checkAccess, waitForNews }) {
      if (runs.has(runId) || cancelledUnknown.has(runId)) {
        return ipcFailure('conflict', 'That run has started or been cancelled already.');
      }
      // One run at a time, so a few at a time stays a few. A run a window still follows (it asked
      // for news within two waits) is not stopped for another window's: that start is refused. A
      // run no window follows any more (its window was reloaded or closed) is stopped now rather
      // than at its abandonment.
      const followedMs = 2 * (deps.progressWaitMs ?? 5_000);
      const others = [...runs.values()].filter((other) => !other.finished && !other.cancelled);
      if (others.some((other) => performance.now() - other.askedAt < followedMs))
        return ipcFailure('conflict', RUN_GOING);
      for (const other of others) cancelRun(other);
      // Known (and so cancellable) before anything is awaited: the window's Cancel may arrive while
      // the profiles are looked up.
      const run: Run = {
        startedAt: performance.now(),
        historyMark: history.mark(),
        total: profileIds.length,
        rows: [],
        answers: [],
        started: 0,
        finished: false,
        cancelled: false,
        inFlight: new Set(),
        waiting: new Set(),
        askedAt: performance.now(),
        sentAt: performance.now(),
        sentStarted: 0,
        keychainDown: null,
        heldUntil: 0,
        heldAsked: null,
      };
      runs.set(runId, run);
      const chosen: Profile[] = [];
      for (const profileId of profileIds) {
        const profile = await profiles.find(profileId);
        if (!profile) {
          runs.delete(runId);
          return ipcFailure('not-found', 'A chosen profile is no longer saved; choose again.');
        }
        chosen.push(profile);
      }
      // A server may answer one profile with another's client ID: no row keeps any of them.
      const runClientIds = [...new Set(chosen.map((profile) => profile.clientId))];
      watchForAbandon(run);
      for (const [id, old] of runs) {
        if (runs.size <= RUNS_KEPT) break;
        cancelRun(old);
        runs.delete(id);
      }
      const ended = readSecrets(run, chosen)
        .then((secrets) =>
          runBatch({
            items: chosen,
            run: (profile, index) => check(run, profile, batchRequestId(runId, index), checkAccess, secrets),
            gapMs: startGapMs,
            sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
            cancelled: () => run.cancelled,
            // A server that says "too many requests" (the token's or Messaging's) gets its time; a
            // server on this computer too, but not the sandbox, whose 429s are for practice.
            holdMs: (profile, { result, access: checked }) =>
              profile.preset === 'sandbox'
                ? 0
                : Math.max(
                    result.ok ? 0 : rateLimitHoldMs(result.status, result.retryAfterSeconds),
                    checked ? rateLimitHoldMs(checked.status, checked.retryAfterSeconds) : 0,
                  ),
            // Told right after the answer that asks for it, which is news: no wake of its own.
            onHold: (ms, _profile, { result, access: checked }) => {
              run.heldUntil = performance.now() + ms;
              // The Retry-After of the answer whose wait this is (the token's, or Messaging's).
              const token = result.ok ? 0 : rateLimitHoldMs(result.status, result.retryAfterSeconds);
              run.heldAsked =
                token === ms || !checked
                  ? result.ok
                    ? null
                    : result.retryAfterSeconds
                  : checked.retryAfterSeconds;
            },
            onStart: () => {
              run.started += 1;
              run.heldUntil = 0;
              wake(run);
            },
            onResult: (index, { result, access: checked, clientId: sent }) => {
              const profile = chosen[index]!;
              run.answers.push({ index, profileId: profile.id, result, access: checked });
              const others = sent === undefined ? runClientIds : [sent, ...runClientIds];
              run.rows[index] = batchRow(profile.name, profile.clientId, result, checked, others);
              record(runId, run, chosen[0]!.preset);
              wake(run);
            },
          }),
        )
        .catch(() => undefined)
        .finally(() => {
          run.finished = true;
          wake(run);
        });
      void going.track(ended);
      if (waitForNews === true) return progress(runId, run, 0);
      return { ok: true, runId, started: run.started, answers: [], finished: false };
    },

    async batchProgress({ runId, seen }) {
      const run = runs.get(runId);
      if (!run) return ipcFailure('not-found', 'That run is no longer known.');
      return progress(runId, run, seen);
    },

    async batchAnswer({ runId, index }) {
      const run = runs.get(runId);
      if (!run) {
        return ipcFailure(
          'not-found',
          'This row’s details are no longer kept (only the last few runs are); check the profile again.',
        );
      }
      // By the profile's place in the run, not by when its answer came.
      const kept = run.answers.find((answer) => answer.index === index);
      if (!kept) return ipcFailure('not-found', 'That row has no answer yet.');
      return { ok: true, result: kept.result, access: kept.access };
    },

    async cancelBatch({ runId }) {
      const run = runs.get(runId);
      if (run) cancelRun(run);
      else {
        // Calls may arrive out of order (browser mode sends each as its own HTTP request): a Cancel
        // before its run is known still stops that run from ever starting.
        cancelledUnknown.add(runId);
        if (cancelledUnknown.size > CANCELLED_KEPT) {
          cancelledUnknown.delete(cancelledUnknown.values().next().value as string);
        }
      }
      return { ok: true };
    },

    async copyBatchReport({ runId }) {
      const entry = await history.find(runId);
      if (!entry?.batch) return ipcFailure('not-found', 'That batch run is no longer in the history.');
      const report = batchReport({
        appVersion: deps.appInfo.version,
        os: deps.appInfo.os,
        generatedAt: now(),
        entry: { ...entry, batch: entry.batch },
        titleOf: (outcome) => EXPLANATIONS[outcome].title,
      });
      return { ok: true, ...(await deps.clipboard.copy(report, null)), message: COPIED.batchReport };
    },
  };

  return {
    handlers,
    /** Quitting: nothing more of any run is sent. */
    cancelAll() {
      for (const run of runs.values()) cancelRun(run);
    },
    /** Once every run has ended (after cancelAll: soon), its entries asked to be written. */
    settled: () => going.settled(),
  };
}
