// The Messaging access check: one read-only GET …/virtual-numbers with a token just issued, under
// the token call's rules (main/token/token-service.ts): never a redirect, a deadline, a cancel, a
// capped body, everything the server says redacted, and the token in nothing that is returned.
import {
  ACCESS_CHECK_SCOPE,
  classifyAccessAnswer,
  countVirtualNumbers,
  readV3Error,
  type AccessCheckResult,
  type AccessOutcome,
  type AccessScope,
} from '../../app/access-check';
import { isLoopbackLiteral } from '../../app/endpoints';
import { EXPLANATIONS, formatWait, type ExplainedResult } from '../../app/explanations';
import { classifyNetworkCode } from '../../app/outcomes';
import type { Redactor } from '../../app/redact';
import { scopeList } from '../../app/scopes';
import { createDeadlines } from '../token/deadlines';
import type { FetchedResponse, FetchLike } from '../token/fetch-like';
import { lowLevelCodeOf } from '../token/network-error';
import { DEADLINE, describeThrown } from '../token/token-failure';
import { BodyTooLarge, readCappedText } from '../token/read-body';
import { excerptOfRedacted, retryAfterSeconds, shownHeaders, tokenRedactor } from '../token/response-facts';

export interface AccessCheckInput {
  /** The token request's id; the check runs under `${requestId}` in this service. */
  readonly requestId: string;
  /** The full URL to GET (app/access-check.ts `checkMessagingUrl` made it). */
  readonly checkUrl: string;
  readonly accessToken: string;
  /** Also redacted from whatever the server says. */
  readonly clientSecret: string;
  readonly requestedScope: string;
  readonly grantedScope: string | null;
}

export interface AccessServiceOptions {
  readonly fetch: FetchLike;
  readonly now?: () => number;
  readonly monotonic?: () => number;
  readonly deadlineMs?: number;
  readonly maxBodyBytes?: number;
}

export interface AccessService {
  check(input: AccessCheckInput): Promise<AccessCheckResult>;
  cancel(requestId: string): boolean;
  cancelAll(): void;
}

const CANCELLED = Symbol('cancelled');

/** The headers the v3 spec marks required; the token only in Authorization. */
export function accessHeaders(accessToken: string): Record<string, string> {
  return {
    Authorization: `Bearer ${accessToken}`,
    Accept: 'application/json',
    'Content-Language': 'en-au',
    'Accept-Charset': 'utf-8',
  };
}

export function scopeFacts(requested: string, granted: string | null): AccessScope {
  return {
    needed: ACCESS_CHECK_SCOPE,
    requested: scopeList(requested).includes(ACCESS_CHECK_SCOPE),
    granted: granted === null ? null : scopeList(granted).includes(ACCESS_CHECK_SCOPE),
  };
}

type Fields = Partial<Omit<AccessCheckResult, 'ok' | 'requestId' | 'checkUrl' | 'explanation' | 'scope'>> &
  Pick<AccessCheckResult, 'outcome' | 'message'>;

function details(fields: Fields, scope: AccessScope): string[] {
  const lines: string[] = [];
  if (fields.virtualNumbers != null)
    lines.push(
      `The account has ${fields.virtualNumbers} virtual number${fields.virtualNumbers === 1 ? '' : 's'}.`,
    );
  if (fields.code != null) lines.push(`Code: ${fields.code}`);
  if (fields.issue != null) lines.push(`Issue: ${fields.issue}`);
  if (fields.suggestedAction != null) lines.push(`Suggested action: ${fields.suggestedAction}`);
  if (fields.outcome === 'access:scope-missing') {
    const granted =
      scope.granted === null
        ? 'the token answer did not say which scopes were granted'
        : scope.granted
          ? 'it was granted'
          : 'it was not granted';
    lines.push(
      `This call needs ${scope.needed}: it was ${scope.requested ? '' : 'not '}requested, and ${granted}.`,
    );
  }
  if (fields.retryAfterSeconds != null)
    lines.push(
      `Messaging asks you to wait ${formatWait(fields.retryAfterSeconds)} before trying again (Retry-After).`,
    );
  if (fields.networkCode != null) lines.push(`Low-level code: ${fields.networkCode}`);
  return lines;
}

export function createAccessService(options: AccessServiceOptions): AccessService {
  const now = options.now ?? Date.now;
  const monotonic = options.monotonic ?? (() => performance.now());
  const deadlineMs = options.deadlineMs ?? 20_000;
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
  const inFlight = new Map<string, AbortController>();
  const deadlines = createDeadlines(monotonic);
  // Making a redactor finds every form of each value (app/secret-forms.ts): the same token is often
  // checked again, so the last one is kept (for no longer than this service lives).
  let lastRedactor: { readonly token: string; readonly secret: string; readonly redact: Redactor } | null =
    null;
  const redactorFor = (token: string, secret: string): Redactor => {
    if (lastRedactor?.token !== token || lastRedactor.secret !== secret)
      lastRedactor = { token, secret, redact: tokenRedactor(token, secret) };
    return lastRedactor.redact;
  };

  // The same Messaging URL and scopes are checked again and again: what they say is worked out
  // once for the last ones, not on every check (npm run bench, access-check overhead).
  let lastUrl: { readonly url: string; readonly httpToName: string | null } | null = null;
  const httpToName = (url: string): string | null => {
    if (lastUrl?.url !== url) {
      const { protocol, hostname } = new URL(url);
      lastUrl = { url, httpToName: protocol === 'http:' && !isLoopbackLiteral(hostname) ? hostname : null };
    }
    return lastUrl.httpToName;
  };
  let lastScope: {
    readonly requested: string;
    readonly granted: string | null;
    readonly scope: AccessScope;
  } | null = null;
  const scopeOf = (requested: string, granted: string | null): AccessScope => {
    if (lastScope?.requested !== requested || lastScope.granted !== granted)
      lastScope = { requested, granted, scope: scopeFacts(requested, granted) };
    return lastScope.scope;
  };

  async function check(input: AccessCheckInput): Promise<AccessCheckResult> {
    const started = monotonic();
    const scope = scopeOf(input.requestedScope, input.grantedScope);
    const result = (fields: Fields): AccessCheckResult =>
      accessResult(input, scope, fields, monotonic() - started, now());
    if (inFlight.has(input.requestId))
      return result({ outcome: 'invalid-input', message: 'A check for this token is already running.' });
    // The token is a credential: plain http: only where the address is known to be loopback.
    const hostname = options.fetch.loopbackChecked === true ? null : httpToName(input.checkUrl);
    if (hostname !== null) {
      return result({
        outcome: 'invalid-input',
        message: `Plain http: to a name (${hostname}) is not sent from here; use http://127.0.0.1 or http://[::1], or https:.`,
      });
    }
    // The token and the secret are cut out of everything the server says, wherever it echoes them.
    const redact = redactorFor(input.accessToken, input.clientSecret);
    const controller = new AbortController();
    inFlight.set(input.requestId, controller);
    deadlines.watch(controller, deadlineMs, DEADLINE);
    try {
      const response = await options.fetch(input.checkUrl, {
        method: 'GET',
        headers: accessHeaders(input.accessToken),
        body: null,
        // The token call's rules: a redirect is reported, never followed with the token.
        redirect: 'manual',
        credentials: 'omit',
        cache: 'no-store',
        referrerPolicy: 'no-referrer',
        signal: controller.signal,
      });
      const rawType = response.headers.get('content-type');
      const http = {
        status: response.status,
        statusText: redact(response.statusText),
        headers: shownHeaders(response.headers, redact),
        contentType: rawType === null ? null : redact(rawType),
      };
      if (isRedirect(response)) {
        await response.body?.cancel().catch(() => undefined);
        return result({
          ...http,
          outcome: 'redirect',
          message: `The Messaging API answered ${response.status} with a redirect, which the app does not follow.`,
        });
      }
      let raw: string;
      try {
        raw = await readCappedText(response, maxBodyBytes);
      } catch (error) {
        if (!(error instanceof BodyTooLarge)) throw error;
        return result({
          ...http,
          outcome: 'too-large',
          message: `The Messaging API answered ${response.status}, with a body larger than ${error.limitBytes} bytes; the app stopped reading it.`,
        });
      }
      const ok = response.status >= 200 && response.status < 300;
      // Only the count is kept of a list: the numbers are the account's business, not the check's.
      // So a list is not redacted (nothing of it is kept); anything else is, before it is read.
      const count = ok ? countVirtualNumbers(raw) : null;
      if (count !== null) return confirmed(input, scope, http, count, monotonic() - started, now());
      const text = redact(raw);
      const bodyExcerpt = excerptOfRedacted(text);
      if (ok) {
        return result({
          ...http,
          bodyExcerpt,
          outcome: 'access:unexpected-answer',
          message: `The Messaging API answered ${response.status} without a virtual-numbers list.`,
        });
      }
      const v3 = readV3Error(text);
      const outcome: AccessOutcome = classifyAccessAnswer(response.status, v3.code);
      return result({
        ...http,
        ...v3,
        bodyExcerpt,
        outcome,
        retryAfterSeconds: retryAfterSeconds(response.headers.get('retry-after'), now()),
        message: `The Messaging API answered ${response.status}${http.statusText ? ` ${http.statusText}` : ''}.`,
      });
    } catch (error) {
      // What was thrown means what it means for the token call (main/token/token-failure.ts).
      const { kind, message } = describeThrown(error, controller.signal, deadlineMs);
      if (
        kind === 'timeout' ||
        kind === 'cancelled' ||
        kind === 'redirect' ||
        kind === 'too-large' ||
        kind === 'invalid-input'
      )
        return result({ outcome: kind, message });
      // The code comes from the network stack's own words, redacted all the same.
      const networkCode = redact(lowLevelCodeOf(error));
      return result({
        outcome: `network:${classifyNetworkCode(networkCode)}`,
        networkCode,
        message: `The connection failed (${networkCode}).`,
      });
    } finally {
      deadlines.release(controller);
      inFlight.delete(input.requestId);
      // No abort after every check: it is a measurable share of a loopback check (npm run bench),
      // and there is nothing left to abandon. Every answer is read to its end or its body is
      // cancelled (a redirect, a body over the cap); a deadline or Cancel aborts through the
      // signal; a failed connection has nothing open. As in main/token/token-service.ts.
    }
  }

  return {
    check,
    cancel(requestId) {
      const controller = inFlight.get(requestId);
      controller?.abort(CANCELLED);
      return controller !== undefined;
    },
    cancelAll() {
      for (const controller of inFlight.values()) controller.abort(CANCELLED);
    },
  };
}

/** The plain-JSON result; `retryAt` lets the window count Retry-After down live. */
function accessResult(
  input: Pick<AccessCheckInput, 'requestId' | 'checkUrl'>,
  scope: AccessScope,
  fields: Fields,
  durationMs: number,
  receivedAt: number,
): AccessCheckResult {
  return {
    ok: fields.outcome === 'access:confirmed',
    requestId: input.requestId,
    checkUrl: input.checkUrl,
    outcome: fields.outcome,
    status: fields.status ?? null,
    statusText: fields.statusText ?? null,
    code: fields.code ?? null,
    issue: fields.issue ?? null,
    suggestedAction: fields.suggestedAction ?? null,
    virtualNumbers: fields.virtualNumbers ?? null,
    retryAfterSeconds: fields.retryAfterSeconds ?? null,
    retryAt: fields.retryAfterSeconds == null ? null : receivedAt + fields.retryAfterSeconds * 1000,
    networkCode: fields.networkCode ?? null,
    contentType: fields.contentType ?? null,
    headers: fields.headers ?? [],
    bodyExcerpt: fields.bodyExcerpt ?? null,
    scope,
    message: fields.message,
    durationMs,
    receivedAt,
    explanation: { ...EXPLANATIONS[fields.outcome], details: details(fields, scope) },
  };
}

type HttpFacts = Pick<AccessCheckResult, 'status' | 'statusText' | 'headers' | 'contentType'>;

/**
 * What `accessResult` makes of a confirmed check, written out: this is the path nearly every check
 * takes, and the generic one's spreads and defaults were a measurable share of it (npm run bench).
 * A test holds it to the whole result, field by field.
 */
function confirmed(
  input: Pick<AccessCheckInput, 'requestId' | 'checkUrl'>,
  scope: AccessScope,
  http: HttpFacts,
  count: number,
  durationMs: number,
  receivedAt: number,
): AccessCheckResult {
  return {
    ok: true,
    requestId: input.requestId,
    checkUrl: input.checkUrl,
    outcome: 'access:confirmed',
    status: http.status,
    statusText: http.statusText,
    code: null,
    issue: null,
    suggestedAction: null,
    virtualNumbers: count,
    retryAfterSeconds: null,
    retryAt: null,
    networkCode: null,
    contentType: http.contentType,
    headers: http.headers,
    bodyExcerpt: null,
    scope,
    message: `Answered ${http.status}.`,
    durationMs,
    receivedAt,
    explanation: confirmedExplanation(count, scope),
  };
}

/**
 * The confirmed verdict's explanation for the last count, made once and frozen, as a token's is
 * (app/explanations). Its details say only the count (the scope line is for a missing scope).
 */
let lastConfirmed: { readonly count: number; readonly explanation: ExplainedResult } | null = null;
function confirmedExplanation(count: number, scope: AccessScope): ExplainedResult {
  if (lastConfirmed?.count !== count) {
    const fields: Fields = { outcome: 'access:confirmed', virtualNumbers: count, message: '' };
    lastConfirmed = {
      count,
      explanation: Object.freeze({
        ...EXPLANATIONS['access:confirmed'],
        details: Object.freeze(details(fields, scope)),
      }),
    };
  }
  return lastConfirmed.explanation;
}

/** A check that was not sent (v2, or a Messaging URL the rule refuses): said, not hidden. */
export function unsentCheck(
  input: Pick<AccessCheckInput, 'requestId' | 'requestedScope' | 'grantedScope'>,
  outcome: 'access:v2-not-checked' | 'invalid-input',
  message: string,
  now: number,
): AccessCheckResult {
  const scope = scopeFacts(input.requestedScope, input.grantedScope);
  return accessResult({ requestId: input.requestId, checkUrl: '' }, scope, { outcome, message }, 0, now);
}

function isRedirect(response: FetchedResponse): boolean {
  return response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400);
}
