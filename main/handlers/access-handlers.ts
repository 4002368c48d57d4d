// "Check Messaging access": the token of an earlier request (kept in the main process only),
// one read-only call, the verdict remembered for the report and recorded in the history.
import { accessCheckTarget } from '../../app/access-check';
import { keptCode } from '../../app/batch-summary';
import type { AccessService } from '../access/access-service';
import { unsentCheck } from '../access/access-result';
import { sandboxMessagingBase } from '../sandbox/sandbox-server';
import type { HistoryStore } from '../history/history-store';
import { ipcFailure, type IpcHandlers } from '../ipc/router';
import type { RequestLog } from '../requests/request-log';

export interface AccessHandlerDeps {
  readonly access: AccessService;
  readonly history: HistoryStore;
  readonly log: RequestLog;
  readonly now: () => number;
}

// The same Messaging URL is checked again and again: its host is worked out once for the last one.
let lastHost: { readonly url: string; readonly host: string } | null = null;
function hostOf(url: string): string {
  if (lastHost?.url !== url) {
    let host = '';
    try {
      host = new URL(url).host;
    } catch {
      // no host to show
    }
    lastHost = { url, host };
  }
  return lastHost.host;
}

/** The history entry's id: the token request's, marked as its check (ids are at most 64 characters). */
export const accessEntryId = (requestId: string) => `${requestId.slice(0, 57)}-access`;

export function accessHandlers(deps: AccessHandlerDeps): Pick<IpcHandlers, 'checkMessagingAccess'> {
  const { access, history, log, now } = deps;
  return {
    async checkMessagingAccess({ requestId, messagingUrl }) {
      const record = log.get(requestId);
      if (record === undefined || !record.result.ok)
        return ipcFailure('not-found', 'That token is no longer available; request a token first.');
      const { input, result: token } = record;
      const historyMark = history.mark();
      const sandboxBase = input.preset === 'sandbox' ? sandboxMessagingBase(token.tokenUrl) : null;
      const target = accessCheckTarget(input.preset, messagingUrl, sandboxBase);
      // Spelled out, not spread: spreading was a measurable share of a check (npm run bench).
      const result = target.ok
        ? await access.check({
            requestId,
            requestedScope: input.scope,
            grantedScope: token.scope,
            tokenType: token.tokenType,
            checkUrl: target.url,
            accessToken: token.accessToken,
            clientSecret: record.clientSecret,
          })
        : unsentCheck(
            { requestId, requestedScope: input.scope, grantedScope: token.scope },
            input.preset === 'v2' ? 'access:v2-not-checked' : 'invalid-input',
            target.reason,
            now(),
          );
      log.rememberAccess(requestId, result);
      // One entry per token's check: a second check of the same token takes the first one's place
      // (its id is the token request's), so the list never holds one id twice.
      void history
        .upsert(
          {
            id: accessEntryId(requestId),
            at: result.receivedAt,
            profileName: record.profileName,
            host: hostOf(result.checkUrl).slice(0, 300),
            preset: input.preset,
            outcome: result.outcome,
            ok: result.ok,
            status: result.status,
            // At most MAX_CODE (app/access-check.ts), cut there and redacted again; and, as a
            // token request's error, without the client ID (the history keeps none).
            error: result.code === null ? null : keptCode(result.code, [input.clientId]),
            durationMs: result.durationMs,
          },
          historyMark,
        )
        .catch(() => undefined); // as for token requests: the history must not fail the check
      return result;
    },
  };
}
