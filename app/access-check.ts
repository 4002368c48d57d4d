// The Messaging access check: one read-only GET …/virtual-numbers with a token just issued, to
// prove the key may use Messaging (shared/telstra-token-endpoint.md, "After the token"). This file
// holds what both processes need: the verdicts, the result's shape, the URL rule, the classifier.
import { redactAndCut } from './redact';
import type { HeaderList } from './token-result';
import { checkTokenUrl, type PresetId } from './endpoints';
import type { ExplainedResult } from './explanations';
import { ACCESS_VERDICTS, type Outcome } from './outcomes';

export const DEFAULT_MESSAGING_URL = 'https://products.api.telstra.com/messaging/v3';
export const ACCESS_CHECK_PATH = '/virtual-numbers';
/** The scope GET /virtual-numbers needs (inferred from the scope names; the spec lists none). */
export const ACCESS_CHECK_SCOPE = 'virtual-numbers:read';

/** The verdicts only this check has; failures below HTTP reuse the token call's outcomes. */
export { ACCESS_VERDICTS };
export type AccessVerdict = (typeof ACCESS_VERDICTS)[number];

/** The token call's outcomes a check can also end with (no answer, refused before sending…). */
export type AccessOutcome =
  | AccessVerdict
  | Extract<
      Outcome,
      `network:${string}` | 'timeout' | 'cancelled' | 'redirect' | 'too-large' | 'invalid-input'
    >;

export interface AccessScope {
  /** ACCESS_CHECK_SCOPE, or the scope list a refusal's Bearer challenge names (server text, redacted). */
  readonly needed: string;
  readonly requested: boolean;
  /** Null when the token answer carried no `scope`. */
  readonly granted: boolean | null;
}

export interface AccessCheckResult {
  /** True only when access is confirmed. */
  readonly ok: boolean;
  /** The token request whose token was used. */
  readonly requestId: string;
  /** The URL called (the token is never part of it). */
  readonly checkUrl: string;
  readonly outcome: AccessOutcome;
  readonly status: number | null;
  readonly statusText: string | null;
  /** From `errors[0]` of a v3 error body, redacted: shown verbatim. */
  readonly code: string | null;
  readonly issue: string | null;
  readonly suggestedAction: string | null;
  /** How many virtual numbers the account has, when access is confirmed. */
  readonly virtualNumbers: number | null;
  readonly retryAfterSeconds: number | null;
  /** Epoch ms when Retry-After allows another try (for a live countdown). */
  readonly retryAt: number | null;
  readonly networkCode: string | null;
  /**
   * When access is not confirmed: the answer's request, correlation or trace id headers, redacted,
   * for Telstra support. No other header is kept (Retry-After is read into its own field).
   */
  readonly requestIds: HeaderList;
  /** A redirect's target (redacted): reported, never followed. */
  readonly redirectLocation: string | null;
  readonly bodyExcerpt: string | null;
  readonly scope: AccessScope;
  /** A short technical sentence; never the token. */
  readonly message: string;
  readonly durationMs: number;
  readonly receivedAt: number;
  readonly explanation: ExplainedResult;
}

/** Where a token from this preset is checked, or why it is not. */
export type CheckTarget =
  { readonly ok: true; readonly url: string } | { readonly ok: false; readonly reason: string };

/** The https/loopback rule of token URLs (app/endpoints.ts), for the Messaging base URL. */
export function checkMessagingUrl(raw: string): CheckTarget {
  // The same base URL is checked again and again (every check of a session; npm run bench).
  if (lastTarget?.raw !== raw) lastTarget = { raw, target: judgeMessagingUrl(raw) };
  return lastTarget.target;
}

let lastTarget: { readonly raw: string; readonly target: CheckTarget } | null = null;

function judgeMessagingUrl(raw: string): CheckTarget {
  const verdict = checkTokenUrl(raw);
  if (!verdict.ok)
    return {
      ok: false,
      reason: `Messaging API URL: ${verdict.reason.replace(/token URL/g, 'Messaging API URL').replace('the secret', 'the token')}`,
    };
  if (/[?#]/.test(verdict.url))
    return { ok: false, reason: 'The Messaging API URL must not contain a query or fragment.' };
  return { ok: true, url: `${verdict.url.replace(/\/+$/, '')}${ACCESS_CHECK_PATH}` };
}

export const V2_NOT_CHECKED =
  'No read-only Messaging v2 call is relied on: Telstra decommissioned Messaging API v2 (announced July 2023, for August 2024), and v2 keys cannot authenticate against v3.';

/** The check's target for a preset: v3 and custom URLs use the base URL given; v2 is not checked. */
export function accessCheckTarget(
  preset: PresetId,
  messagingUrl: string | undefined,
  sandboxBase: string | null,
): CheckTarget {
  if (preset === 'v2') return { ok: false, reason: V2_NOT_CHECKED };
  if (preset === 'sandbox') {
    if (sandboxBase === null) return { ok: false, reason: 'The sandbox is not running.' };
    return checkMessagingUrl(sandboxBase);
  }
  if (preset === 'v3') return checkMessagingUrl(messagingUrl ?? DEFAULT_MESSAGING_URL);
  return checkMessagingUrl(messagingUrl ?? DEFAULT_MESSAGING_URL);
}

const NOT_SET_UP = new Set(['ACCOUNT_NOT_LINKED', 'ACCOUNT_ERR', 'RATE_PLAN_ERR']);
// With RFC 6750's codes, which a gateway may put in its WWW-Authenticate Bearer challenge alone.
const TOKEN_REFUSED = new Set(['TOKEN_INVALID', 'TOKEN_EXPIRED', 'invalid_token']);
const SCOPE_MISSING = new Set(['INSUFFICIENT_SCOPE', 'RESOURCE_AUTH_ERR', 'insufficient_scope']);

/** The verdict for an HTTP answer other than 2xx, from its status and `errors[0].code`. */
export function classifyAccessAnswer(status: number, code: string | null): AccessVerdict {
  if (status === 429) return 'access:rate-limited';
  if (status >= 500) return 'access:telstra-side';
  if (code !== null && TOKEN_REFUSED.has(code)) return 'access:token-refused';
  if (code !== null && NOT_SET_UP.has(code)) return 'access:not-set-up';
  if (code !== null && SCOPE_MISSING.has(code)) return 'access:scope-missing';
  if (code !== null) return 'access:unknown-code';
  // Without a v3 error body, the status alone says which way it went.
  if (status === 401) return 'access:token-refused';
  if (status === 402) return 'access:not-set-up';
  if (status === 403) return 'access:scope-missing';
  return 'access:unexpected-answer';
}

export interface V3ErrorFields {
  readonly code: string | null;
  readonly issue: string | null;
  readonly suggestedAction: string | null;
}

const MAX_FIELD = 500;
/** As the history keeps a check's code (main/handlers/access-handlers.ts). */
export const MAX_CODE = 200;

/** `errors[0]` of a v3 error body (text already redacted), or nulls for any other shape. */
/**
 * `text` has been through `redact` already; each field is cut and, where cut, redacted again (a
 * cut can leave a short secret standing alone). The code is cut to what the history keeps.
 */
export function readV3Error(text: string, redact: (text: string) => string): V3ErrorFields {
  const none = { code: null, issue: null, suggestedAction: null };
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return none;
  }
  const first = (body as { errors?: unknown } | null)?.errors;
  if (!Array.isArray(first) || typeof first[0] !== 'object' || first[0] === null) return none;
  const entry = first[0] as Record<string, unknown>;
  const field = (value: unknown, max = MAX_FIELD) =>
    typeof value === 'string' && value !== '' ? redactAndCut(value, max, redact) : null;
  return {
    code: field(entry.code, MAX_CODE),
    issue: field(entry.issue),
    suggestedAction: field(entry.suggested_action),
  };
}

/**
 * How many virtual numbers a 200 answer says the account has: `virtualNumbers` (v3), or a bare
 * array. The v3 list comes a page at a time (`limit`, default 10), with the whole count in
 * `paging.totalCount`: that count, where it is a whole number no smaller than the page, or the
 * page's own length.
 */
export function countVirtualNumbers(text: string): number | null {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return null;
  }
  if (Array.isArray(body)) return body.length;
  const { virtualNumbers: list, paging } = (body ?? {}) as { virtualNumbers?: unknown; paging?: unknown };
  if (!Array.isArray(list)) return null;
  const total = (paging as { totalCount?: unknown } | null | undefined)?.totalCount;
  return Number.isSafeInteger(total) && (total as number) >= list.length ? (total as number) : list.length;
}
