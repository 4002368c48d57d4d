// "Check all profiles" on the main side: each profile's token request exactly as the profile is
// saved (its endpoint, its keychain secret, which never leaves this process), optionally its
// Messaging access check, and the run's one history entry. The window schedules the run
// (app/batch-schedule.ts); Cancel here makes sure nothing of a cancelled run is sent afterwards,
// even a check the window asked for just before it cancelled.
import { accessCheckTarget, type AccessCheckResult } from '../../app/access-check';
import { batchReport } from '../../app/batch-report';
import { batchEntry, batchRow } from '../../app/batch-summary';
import { COPIED } from '../../app/copy-messages';
import type { PresetId } from '../../app/endpoints';
import { EXPLANATIONS } from '../../app/explanations';
import type { BatchRow } from '../../app/history';
import { isIpcFailure } from '../../app/ipc-contract';
import { withFindings } from '../../app/preflight';
import type { TokenResult } from '../../app/token-result';
import type { AccessService } from '../access/access-service';
import type { ClipboardGuard } from '../clipboard/clipboard-guard';
import type { HistoryStore } from '../history/history-store';
import { ipcFailure, type IpcHandlers } from '../ipc/router';
import type { ProfileService } from '../profiles/profile-service';
import type { RequestLog } from '../requests/request-log';
import { sandboxMessagingBase } from '../sandbox/sandbox-server';
import { failure } from '../token/token-failure';
import { keychainRefusal, type TokenService } from '../token/token-service';
import type { AppInfo } from './support-handlers';

export interface BatchHandlerDeps {
  readonly tokens: TokenService;
  readonly access: Pick<AccessService, 'check' | 'cancel'>;
  readonly profiles: Pick<ProfileService, 'find' | 'secret'>;
  readonly history: HistoryStore;
  readonly log: RequestLog;
  readonly clipboard: ClipboardGuard;
  readonly appInfo: AppInfo;
  readonly now: () => number;
}

interface RunRecord {
  readonly startedAt: number;
  readonly total: number;
  preset: PresetId | null;
  readonly rows: BatchRow[];
  cancelled: boolean;
  /** Requests of this run now in flight, to cancel them with the run. */
  readonly inFlight: Set<string>;
}

/** Runs remembered for Cancel and for their history entry; older ones are only in the history. */
const RUNS_KEPT = 8;

export function batchHandlers(
  deps: BatchHandlerDeps,
): Pick<IpcHandlers, 'checkProfile' | 'cancelBatch' | 'copyBatchReport'> {
  const { tokens, access, profiles, history, log, now } = deps;
  const runs = new Map<string, RunRecord>();

  function runOf(runId: string, total: number): RunRecord {
    let run = runs.get(runId);
    if (!run) {
      run = { startedAt: now(), total, preset: null, rows: [], cancelled: false, inFlight: new Set() };
      runs.set(runId, run);
      for (const id of runs.keys()) {
        if (runs.size <= RUNS_KEPT) break;
        runs.delete(id);
      }
    }
    return run;
  }

  const cancelledBeforeSending = (requestId: string, tokenUrl: string): TokenResult =>
    failure(requestId, tokenUrl, 0, now(), (text) => text, {
      kind: 'cancelled',
      message: 'Cancelled before it was sent.',
    });

  async function accessCheck(requestId: string, result: TokenResult): Promise<AccessCheckResult | null> {
    const record = log.get(requestId);
    if (!result.ok || record === undefined) return null;
    const { input } = record;
    const sandboxBase = input.preset === 'sandbox' ? sandboxMessagingBase(result.tokenUrl) : null;
    const target = accessCheckTarget(input.preset, undefined, sandboxBase);
    // Where there is nothing to call (v2 keys have no Messaging v3 to ask), the row says nothing.
    if (!target.ok) return null;
    const checked = await access.check({
      requestId,
      requestedScope: input.scope,
      grantedScope: result.scope,
      checkUrl: target.url,
      accessToken: result.accessToken,
      clientSecret: record.clientSecret,
    });
    log.rememberAccess(requestId, checked);
    return checked;
  }

  return {
    async checkProfile({ runId, runSize, requestId, profileId, checkAccess }) {
      const run = runOf(runId, runSize);
      const profile = await profiles.find(profileId);
      if (!profile) return ipcFailure('not-found', 'That profile is no longer saved.');
      run.preset ??= profile.preset;
      let result: TokenResult;
      let checked: AccessCheckResult | null = null;
      if (run.cancelled) {
        result = cancelledBeforeSending(requestId, profile.tokenUrl);
      } else {
        const stored = await profiles.secret(profileId);
        if (isIpcFailure(stored)) return stored;
        if (!stored.ok) {
          result = keychainRefusal({ requestId, tokenUrl: '' }, stored.problem, stored.message, now());
        } else if (run.cancelled) {
          // Cancel came while the keychain was being read: still nothing is sent.
          result = cancelledBeforeSending(requestId, profile.tokenUrl);
        } else {
          const input = {
            requestId,
            preset: profile.preset,
            tokenUrl: profile.tokenUrl,
            clientId: profile.clientId,
            grantType: profile.grantType,
            scope: profile.scope,
            profileId,
          };
          const clientSecret = stored.secret;
          run.inFlight.add(requestId);
          try {
            const request = { ...input, clientSecret };
            result = withFindings(await tokens.request(request), request);
            log.remember({ input, clientSecret, profileName: profile.name, clientAuth: 'body', result });
            if (checkAccess && !run.cancelled) checked = await accessCheck(requestId, result);
          } finally {
            run.inFlight.delete(requestId);
          }
        }
      }
      run.rows.push(batchRow(profile.name, result, checked));
      // The history is a convenience: a full disk must not fail the check.
      void history
        .upsert(
          batchEntry(runId, now(), run.startedAt, run.preset ?? 'sandbox', {
            total: run.total,
            rows: [...run.rows],
          }),
        )
        .catch(() => undefined);
      return { ok: true, runId, profileId, result, access: checked };
    },

    async cancelBatch({ runId }) {
      const run = runs.get(runId);
      if (run) {
        run.cancelled = true;
        for (const requestId of run.inFlight) {
          tokens.cancel(requestId);
          access.cancel(requestId);
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
}
