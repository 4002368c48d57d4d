// What support staff take away from a request: a curl command that repeats it (the secret only as
// a shell variable) and a diagnostic report that never contains the secret or the token.
import { createHmac, randomBytes } from 'node:crypto';
import { curlCommand } from '../../app/curl';
import { preflight } from '../../app/preflight';
import { COPIED } from '../../app/copy-messages';
import { diagnosticReport } from '../../app/report';
import { holdsSecret, SECRET_IN_URL, withoutUrlCredentials } from '../token/secret-in-url';
import type { ClipboardGuard } from '../clipboard/clipboard-guard';
import { ipcFailure, type IpcHandlers } from '../ipc/router';
import { writeFileAtomic } from '../storage/json-file';
import { reportNotSaved } from './not-saved';
import type { RequestLog, RequestRecord } from '../requests/request-log';

export interface AppInfo {
  readonly version: string;
  readonly os: string;
}

export interface SupportHandlerDeps {
  readonly log: RequestLog;
  readonly clipboard: ClipboardGuard;
  readonly appInfo: AppInfo;
  /** Asks where to save a report (a save dialog in the app); null when the user cancels. */
  readonly chooseReportPath: (suggestedName: string) => Promise<string | null>;
  /**
   * Hands the report over without a file of the app's own (browser mode: a download in the
   * user's browser); answers the name it was given, or null when nothing was handed over.
   */
  readonly deliverReport?: (suggestedName: string, report: string) => Promise<string | null>;
  readonly now: () => number;
  /** The fingerprint key (tests pass one); by default a random one for this run of the app. */
  readonly fingerprintKey?: Uint8Array;
}

const gone = () => ipcFailure('not-found', 'That request is no longer available; send it again first.');

/**
 * Enough to tell two secrets apart in reports from this run of the app, useless for recovering
 * one: an HMAC whose key is random, held in memory and never written or sent anywhere. (A plain
 * hash of a short or guessable secret would be the secret: anyone could hash their guesses.)
 */
export function secretFingerprint(secret: string, key: Uint8Array): string {
  return createHmac('sha256', key).update(secret, 'utf8').digest('hex').slice(0, 12);
}

export function reportFor(record: RequestRecord, appInfo: AppInfo, now: number, key: Uint8Array): string {
  const { input, clientSecret, result } = record;
  const basic = record.clientAuth === 'basic';
  return diagnosticReport({
    appVersion: appInfo.version,
    os: appInfo.os,
    generatedAt: now,
    tokenUrl: result.tokenUrl,
    clientAuth: record.clientAuth,
    fieldsSent: [
      ...(basic ? [] : ['client_id', 'client_secret']),
      'grant_type',
      ...(input.scope === '' ? [] : ['scope']),
    ],
    clientId: input.clientId,
    secret: { length: [...clientSecret].length, fingerprint: secretFingerprint(clientSecret, key) },
    findings: result.ok ? preflight({ ...input, clientSecret }) : result.findings,
    result,
    explanationTitle: result.explanation.title,
    scrub: { secret: clientSecret, token: result.ok ? result.accessToken : null },
    ...(record.access ? { access: record.access } : {}),
  });
}

export function supportHandlers(
  deps: SupportHandlerDeps,
): Pick<IpcHandlers, 'copyCurl' | 'copyReport' | 'saveReport'> {
  const { log, clipboard, appInfo, chooseReportPath, deliverReport, now } = deps;
  const key = deps.fingerprintKey ?? randomBytes(32);
  return {
    async copyCurl({ requestId }) {
      const record = log.get(requestId);
      if (!record) return gone();
      const { tokenUrl, clientId, grantType, scope } = record.input;
      // The command carries the secret only as a shell variable: not one written into the URL.
      const { clientSecret } = record;
      if (holdsSecret(tokenUrl, clientSecret)) return ipcFailure('invalid-input', SECRET_IN_URL);
      // The sandbox's address is the one it answered on, not the (ignored) form value. Another
      // credential written into the URL (an API key) is a marker: the command is for sharing.
      const command = curlCommand({
        tokenUrl:
          record.input.preset === 'sandbox' ? record.result.tokenUrl : withoutUrlCredentials(tokenUrl),
        clientId,
        grantType,
        scope,
      });
      return { ok: true, ...(await clipboard.copy(command, null)), message: COPIED.curl };
    },
    async copyReport({ requestId }) {
      const record = log.get(requestId);
      if (!record) return gone();
      return {
        ok: true,
        ...(await clipboard.copy(reportFor(record, appInfo, now(), key), null)),
        message: COPIED.report,
      };
    },
    async saveReport({ requestId }) {
      const record = log.get(requestId);
      if (!record) return gone();
      const stamp = new Date(now()).toISOString().replace(/[:.]/g, '-');
      const name = `token-tester-report-${stamp}.md`;
      if (deliverReport)
        return { ok: true, saved: await deliverReport(name, reportFor(record, appInfo, now(), key)) };
      const target = await chooseReportPath(name);
      if (target === null) return { ok: true, saved: null };
      // Whole or not at all (a crash or a full disk midway left half a report over the last one).
      const report = reportFor(record, appInfo, now(), key);
      try {
        await writeFileAtomic(target, report);
      } catch (error) {
        return reportNotSaved(error);
      }
      return { ok: true, saved: target };
    },
  };
}
