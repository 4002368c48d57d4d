// A token result for people at a terminal: the same title, facts and explanation the window
// shows, in the same order. The token is masked unless asked for, as in the window.
import { describeRemaining, secondsLeft } from '../../../app/countdown';
import type { TokenFailure, TokenResult, TokenSuccess } from '../../../app/token-result';
import type { Paint } from '../style';
import { facts } from './columns';
import { explanationLines, titleIn } from './explanation-text';
import { formatLocalTime } from './local-time';
import { terminalSafe } from './terminal-safe';

export interface TextOptions {
  readonly showToken: boolean;
  readonly paint: Paint;
  readonly now: number;
  /** Minutes east of UTC; the machine's own offset when not given. */
  readonly utcOffsetMinutes?: number;
}

/** As the window masks it: one dot per character, at most 32. */
export function maskToken(token: string): string {
  return '•'.repeat(Math.min(token.length, 32));
}

function heading(result: TokenResult, paint: Paint): string {
  const parts = [titleIn(result.explanation, paint)];
  if (result.status !== null) {
    parts.push(`HTTP ${result.status}${result.statusText ? ` ${result.statusText}` : ''}`);
  } else {
    const nothingSent = !result.ok && (result.kind === 'keychain' || result.kind === 'invalid-input');
    parts.push(nothingSent ? 'nothing sent' : 'no HTTP answer');
  }
  if (result.ok || result.durationMs > 0) parts.push(`${Math.round(result.durationMs)} ms`);
  return parts.join(' · ');
}

function successLines(result: TokenSuccess, options: TextOptions): string[] {
  const { paint } = options;
  const token = options.showToken
    ? result.accessToken
    : `${maskToken(result.accessToken)} ${paint.dim(`(${result.accessToken.length} characters; --show-token prints it)`)}`;
  const time = (at: number) => formatLocalTime(at, options.utcOffsetMinutes);
  const expires =
    result.expiresAt === null
      ? 'unknown'
      : `${time(result.expiresAt)} (${describeRemaining(secondsLeft(result.expiresAt, options.now))})`;
  return [
    ...facts(
      [
        ['Access token', token],
        ['Token type', result.tokenType ?? 'not given'],
        ['Scope', result.scope ?? 'not given'],
        ['Issued', time(result.receivedAt)],
        ['Expires', expires],
        ['Token URL', result.tokenUrl],
      ],
      paint.dim,
    ),
    ...result.explanation.details.map((detail) => `  ${detail}`),
  ];
}

function failureLines(result: TokenFailure, paint: Paint): string[] {
  const rows: Array<[string, string]> = [];
  if (result.error !== null) {
    rows.push(['Error code', `${result.error}${result.nonStandardError ? ' (non-standard)' : ''}`]);
  }
  if (result.errorDescription !== null) rows.push(['Description', result.errorDescription]);
  rows.push(['Token URL', result.tokenUrl], ['Detail', result.message]);
  if (result.networkCode !== null) rows.push(['Network code', result.networkCode]);
  const { explanation } = result;
  // What the window shows first after a 401: what looks wrong in what was sent.
  const checks =
    result.findings.length === 0
      ? []
      : ['', paint.bold('In what was sent:'), ...result.findings.map((finding) => `  ! ${finding.message}`)];
  return [
    ...facts(rows, paint.dim),
    ...checks,
    '',
    ...explanationLines(explanation, explanation.details, paint),
  ];
}

export function resultText(unsafe: TokenResult, options: TextOptions): string {
  // Before any colour is added: the only escape sequences printed are the app's own.
  const result = terminalSafe(unsafe);
  const body = result.ok ? successLines(result, options) : failureLines(result, options.paint);
  return [heading(result, options.paint), ...body].join('\n');
}
