// `request --check-access`: the Messaging access check's verdict as text and as JSON, and its
// exit status (0 only when access is confirmed). What the Messaging API said was redacted by the
// access service; here it is also made terminal-safe before any colour is added.
import type { AccessCheckResult } from '../../app/access-check';
import { NOT_BEARER } from '../access/access-result';
import { EXIT, type ExitCode } from './exit-codes';
import { facts } from './format/columns';
import { explanationLines, titleIn } from './format/explanation-text';
import { explanationJson } from './format/result-json';
import { terminalSafe } from './format/terminal-safe';
import type { Paint } from './style';

export function exitCodeForAccess(check: AccessCheckResult): ExitCode {
  if (check.ok) return EXIT.token;
  const { outcome, status } = check;
  // Refused before sending, but not for anything on the command line: the token the server issued
  // is not one the check may use, "an answer without a usable token" (3), not a usage error.
  if (check.explanation.title === NOT_BEARER.title) return EXIT.serverError;
  if (
    outcome === 'invalid-input' ||
    outcome === 'access:v2-not-checked' ||
    outcome === 'access:custom-not-checked'
  )
    return EXIT.usage;
  if (outcome === 'timeout' || outcome === 'cancelled' || outcome.startsWith('network:'))
    return EXIT.noAnswer;
  // A refusal (401, 402, 403, and other 4xx such as 429): the key or the request needs fixing.
  if (status !== null && status >= 400 && status < 500) return EXIT.rejected;
  return EXIT.serverError;
}

export function accessText(unsafe: AccessCheckResult, paint: Paint): string {
  const check = terminalSafe(unsafe);
  const head = [titleIn(check.explanation, paint)];
  // A check refused before it was sent (invalid-input: a secret or the token in its URL, plain
  // http: to a name) still says which URL it was refused for, but not as one called.
  const sent = check.checkUrl !== '' && check.outcome !== 'invalid-input';
  head.push(check.status === null ? (sent ? 'no HTTP answer' : 'nothing sent') : `HTTP ${check.status}`);
  if (check.durationMs > 0) head.push(`${Math.round(check.durationMs)} ms`);
  const rows: Array<[string, string]> = [];
  if (check.checkUrl !== '') rows.push([sent ? 'Called' : 'Not called', `GET ${check.checkUrl}`]);
  if (check.virtualNumbers !== null) rows.push(['Virtual numbers', String(check.virtualNumbers)]);
  if (!check.ok) rows.push(['Detail', check.message]);
  return [
    '',
    paint.bold('Messaging access check'),
    head.join(' · '),
    ...facts(rows, paint.dim),
    '',
    ...explanationLines(check.explanation, check.explanation.details, paint),
  ].join('\n');
}

/** The `accessCheck` key of `--json` (never the token: the result never holds it). */
export function accessJson(check: AccessCheckResult) {
  return {
    ok: check.ok,
    outcome: check.outcome,
    title: check.explanation.title,
    url: check.checkUrl === '' ? null : check.checkUrl,
    status: check.status,
    virtualNumbers: check.virtualNumbers,
    code: check.code,
    issue: check.issue,
    suggestedAction: check.suggestedAction,
    scope: check.scope,
    retryAfterSeconds: check.retryAfterSeconds,
    networkCode: check.networkCode,
    requestIds: check.requestIds,
    redirectLocation: check.redirectLocation,
    message: check.message,
    bodyExcerpt: check.bodyExcerpt,
    durationMs: Math.round(check.durationMs),
    explanation: explanationJson(check.explanation, check.explanation.details),
  };
}
