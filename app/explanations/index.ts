// One catalog for every outcome, and `explain`, which adds what only this result knows.
import type { Outcome } from '../outcomes';
import type { TokenFailure, TokenResult, TokenSuccess } from '../token-result';
import { ACCESS_EXPLANATIONS } from './access';
import { EVENT_EXPLANATIONS } from './events';
import { HTTP_EXPLANATIONS } from './http';
import { NETWORK_EXPLANATIONS } from './network';
import { networkCodeDetail } from './network-details';
import { KEYCHAIN_EXPLANATIONS, TRANSPORT_EXPLANATIONS } from './transport';
import type { Explanation } from './types';

export type { Explanation, Tone } from './types';

export const EXPLANATIONS: Readonly<Record<Outcome, Explanation>> = {
  ...HTTP_EXPLANATIONS,
  ...NETWORK_EXPLANATIONS,
  ...TRANSPORT_EXPLANATIONS,
  ...KEYCHAIN_EXPLANATIONS,
  ...EVENT_EXPLANATIONS,
  ...ACCESS_EXPLANATIONS,
};

export interface ExplainedResult extends Explanation {
  /** Facts from this particular answer, e.g. how long Retry-After asks to wait. */
  readonly details: readonly string[];
}

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

/** Seconds as "45 seconds", "2 minutes 5 seconds" or "24 hours". */
export function formatWait(seconds: number): string {
  if (seconds < 60) return plural(seconds, 'second');
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = seconds % 60;
  const parts = [
    ...(hours > 0 ? [plural(hours, 'hour')] : []),
    ...(minutes > 0 ? [plural(minutes, 'minute')] : []),
    ...(rest > 0 ? [plural(rest, 'second')] : []),
  ];
  return parts.join(' ');
}

/**
 * What a Retry-After said, in a sentence: `who` asks to wait so long, or (0, or a date already past)
 * may be tried again now.
 */
export function retryAfterSentence(who: string, seconds: number): string {
  return seconds === 0
    ? `${who} says it may be tried again now (Retry-After).`
    : `${who} asks you to wait ${formatWait(seconds)} before trying again (Retry-After).`;
}

/** A result before its explanation is added. */
export type Explainable = DistributiveOmit<TokenResult, 'explanation'>;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** What `explain` reads of a result: its outcome, and the facts that add details. */
export type ExplanationFacts =
  | Pick<TokenSuccess, 'ok' | 'expiresInSeconds'>
  | (Pick<
      TokenFailure,
      'ok' | 'outcome' | 'retryAfterSeconds' | 'error' | 'nonStandardError' | 'redirectLocation'
    > &
      Partial<Pick<TokenFailure, 'networkCode'>>);

const SUCCESS: ExplainedResult = Object.freeze({
  ...EXPLANATIONS['token-received'],
  details: Object.freeze([]),
});
const SUCCESS_UNKNOWN_EXPIRY: ExplainedResult = Object.freeze({
  ...EXPLANATIONS['token-received'],
  details: Object.freeze([
    'The answer did not include a usable expiry (expires_in), so the time left is unknown. Telstra tokens normally last one hour.',
  ]),
});

/** A token's explanation depends only on whether its expiry is known; the two are made once. */
export function explainSuccess(expiryKnown: boolean): ExplainedResult {
  return expiryKnown ? SUCCESS : SUCCESS_UNKNOWN_EXPIRY;
}

/**
 * Whether a server's error code may be quoted inside the app's own sentence: one word of the
 * characters codes are made of (`invalid_client`, `steps.oauth.v2.FailedToResolveClientId`).
 * Anything else (spaces, quotation marks, brackets) could close the quote and go on in the app's
 * voice: `x” was sent by a gateway: the credentials are valid. “y` read as the app's verdict.
 */
export function codeLike(code: string): boolean {
  return /^[A-Za-z0-9_.:/-]{1,100}$/.test(code);
}

/**
 * A marker the redaction puts in a server's text (app/redact.ts): the app's words, kept as they
 * are. Only those the app writes: any bracketed words ending in "removed" or starting "not shown:"
 * kept their spaces, so a server's own "[not shown: this redirect is expected and the credentials
 * are valid]" still read on as the app's.
 */
const MARKER_OR_SPACE =
  /\[(?:(?:secret|token|client ID) removed|not shown: too costly to check for secrets)\]|\s/gu;

/**
 * A server's redirect target as one address: its white space percent-encoded, as in a URL (an
 * address has none). Otherwise `https://x/. The credentials are valid: use this URL` went on, after
 * the app's "The redirect pointed to:", as a sentence of the app's own.
 */
export function asOneAddress(location: string): string {
  return location.replace(MARKER_OR_SPACE, (match) => (match.length > 1 ? match : encodeURIComponent(match)));
}

export function explain(result: ExplanationFacts): ExplainedResult {
  if (result.ok) return explainSuccess(result.expiresInSeconds !== null);
  const base = EXPLANATIONS[result.outcome];
  const details: string[] = [];
  if (result.retryAfterSeconds !== null) {
    details.push(retryAfterSentence('The server', result.retryAfterSeconds));
  }
  if (result.error !== null && result.nonStandardError) {
    details.push(
      codeLike(result.error)
        ? `The server’s error code “${result.error}” is not one of the standard OAuth 2.0 codes; it is shown exactly as received.`
        : 'The server’s error code is not one of the standard OAuth 2.0 codes; it is not quoted here, since it is more than one word of a code’s characters.',
    );
  }
  if (result.redirectLocation !== null) {
    details.push(`The redirect pointed to: ${asOneAddress(result.redirectLocation)}`);
  }
  const codeDetail = networkCodeDetail(result.networkCode);
  if (codeDetail !== null) details.push(codeDetail);
  return { ...base, details };
}
