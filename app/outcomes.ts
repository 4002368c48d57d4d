import { KEYCHAIN_PROBLEMS } from './keychain';
import { NETWORK_CAUSES } from './network-codes';

export { classifyNetworkCode, NETWORK_CAUSES, type NetworkCause } from './network-codes';

// Every way a token request can end, as one closed set of keys. The explanations catalog has an
// entry for each key (a test enforces it), so the UI can always say something useful.

/** The token-endpoint error codes RFC 6749 §5.2 defines. */
export const OAUTH_ERROR_CODES = [
  'invalid_request',
  'invalid_client',
  'invalid_grant',
  'unauthorized_client',
  'unsupported_grant_type',
  'invalid_scope',
] as const;
export type OAuthErrorCode = (typeof OAUTH_ERROR_CODES)[number];

export function isStandardOAuthError(code: string | null): code is OAuthErrorCode {
  return code !== null && (OAUTH_ERROR_CODES as readonly string[]).includes(code);
}

/** Statuses with an explanation of their own; others fall into 4xx, 5xx or the catch-all. */
export const EXPLAINED_STATUSES = [400, 401, 403, 404, 405, 429, 500, 502, 503, 504] as const;
type ExplainedStatus = (typeof EXPLAINED_STATUSES)[number];

/** The Messaging access check's own verdicts (app/access-check.ts); below HTTP it shares the above. */
export const ACCESS_VERDICTS = [
  'access:confirmed',
  'access:token-refused',
  'access:not-set-up',
  'access:scope-missing',
  'access:rate-limited',
  'access:telstra-side',
  'access:unknown-code',
  'access:unexpected-answer',
  'access:v2-not-checked',
  'access:custom-not-checked',
] as const;

export const OUTCOMES = [
  'token-received',
  ...OAUTH_ERROR_CODES.map((code) => `oauth:${code}` as const),
  ...EXPLAINED_STATUSES.map((status) => `http:${status}` as const),
  'http:4xx',
  'http:5xx',
  // The spec's catch-all `default` response, which generated SDKs print as "0: an internal
  // error occurred"; here it covers any status that is neither success nor 4xx/5xx.
  'http:other',
  ...NETWORK_CAUSES.map((cause) => `network:${cause}` as const),
  'timeout',
  'cancelled',
  'redirect',
  'too-large',
  'unexpected-response',
  'invalid-input',
  // A run's profile was deleted before its turn came ("Check all profiles"): nothing was sent.
  'profile-deleted',
  // The secret of a saved profile could not be read from the OS keychain.
  ...KEYCHAIN_PROBLEMS.map((problem) => `keychain:${problem}` as const),
  // The app itself failed, or refused a call that did not come from its own window.
  'app-error',
  // After a token: the read-only Messaging access check.
  ...ACCESS_VERDICTS,
  // Not a request: a saved secret was shown in the window ("Reveal secret"), recorded in the history.
  'secret-revealed',
] as const;
export type Outcome = (typeof OUTCOMES)[number];

export function isOutcome(value: unknown): value is Outcome {
  return typeof value === 'string' && (OUTCOMES as readonly string[]).includes(value);
}

/**
 * Picks the explanation for an HTTP error answer. A standard OAuth code says more than the
 * status, except for 429 and 5xx, where the status is the story and any code is a detail.
 */
export function classifyHttpFailure(status: number, errorCode: string | null): Outcome {
  const statusFirst = status === 429 || status >= 500;
  if (!statusFirst && isStandardOAuthError(errorCode)) return `oauth:${errorCode}`;
  if ((EXPLAINED_STATUSES as readonly number[]).includes(status)) {
    return `http:${status as ExplainedStatus}`;
  }
  if (status >= 400 && status < 500) return 'http:4xx';
  if (status >= 500 && status < 600) return 'http:5xx';
  return 'http:other';
}
