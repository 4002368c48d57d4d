// What the Messaging access check returns: one plain-JSON result per check, whatever happened,
// with its verdict's explanation and the facts behind it (scope, count, the server's own code).
// The service (access-service.ts) finds out what happened; this says it.
import { ACCESS_CHECK_SCOPE, type AccessCheckResult, type AccessScope } from '../../app/access-check';
import { asOneAddress, EXPLANATIONS, retryAfterSentence, type ExplainedResult } from '../../app/explanations';
import { forAccessCheck } from '../../app/explanations/for-access-check';
import { networkCodeDetail } from '../../app/explanations/network-details';
import { compareScopes } from '../../app/scopes';
import type { Explanation } from '../../app/explanations/types';
import type { HeaderList } from '../../app/token-result';
import type { AccessCheckInput } from './access-service';
import { shownUrlMemo } from '../token/url-credentials';
import { MAX_SHOWN_NEEDED } from './bearer-challenge';
import type { Redact } from '../token/response-facts';

/** The Messaging URL as results show it: any credential written into it a marker. */
const shownCheckUrl = shownUrlMemo();

/**
 * Whether the scope the call needs was requested and granted. `needed` is the app's inference
 * (ACCESS_CHECK_SCOPE) unless the server names the scope itself (RFC 6750 §3's `scope`, a list):
 * then each scope it names counts, so a verdict of "scope missing" never says a scope the server
 * did not ask for was the one needed, and requested and granted. `whole` is that list uncut, where
 * `needed` shows only its first scopes: judged on all of them.
 */
export function scopeFacts(
  requested: string,
  granted: string | null,
  needed: string = ACCESS_CHECK_SCOPE,
  whole: string = needed,
): AccessScope {
  // Every scope it names is in the list: none of them "not granted" by it (app/scopes.ts).
  const holds = (list: string) => compareScopes(whole, list)?.notGranted.length === 0;
  return { needed, requested: holds(requested), granted: granted === null ? null : holds(granted) };
}

const NO_IDS: HeaderList = Object.freeze([]);

export type Fields = Partial<
  Omit<AccessCheckResult, 'ok' | 'requestId' | 'checkUrl' | 'explanation' | 'scope'>
> &
  Pick<AccessCheckResult, 'outcome' | 'message'> & {
    /** The scope a Bearer challenge says the call needs (RFC 6750 §3), redacted. */
    readonly neededScope?: string | null;
    /** That scope's whole length, where only its first scopes are shown (MAX_SHOWN_NEEDED). */
    readonly neededScopeLength?: number | null;
    /** Whether the code and issue were read from that challenge, not from a v3 error body. */
    readonly fromChallenge?: boolean;
    /** The words for a refusal the catalog's do not fit (a token not of type Bearer). */
    readonly explanation?: Explanation;
  };

/**
 * A check refused because the token is not a Bearer token: nothing the user typed is wrong, so
 * not invalid-input's "correct the value named in the detail".
 */
export const NOT_BEARER: Explanation = {
  tone: 'error',
  title: 'Check not sent: not a Bearer token',
  meaning:
    'The token endpoint issued a token of a type other than Bearer. The Messaging API takes Bearer tokens, and a client must not use a token of a type it does not understand, so the token was not sent.',
  causes: [
    'The token URL is not Telstra’s token endpoint, which issues Bearer tokens, or a gateway in front of it issues tokens of another kind (mac, DPoP).',
  ],
  nextSteps: [
    'Check that the token URL is the one published for your keys (the v3 preset), then request a new token.',
  ],
};

/** What the report's last check puts in place of server text (app/outside-text.ts `settle`). */
const WITHHELD = '[withheld]';

/**
 * A line quoting the server's (redacted) `text`: with WITHHELD in its place where the app's words
 * around it join a form of the secret or the token back together ("This call needs " and a scope
 * "qqqqq" make the secret "needs qqqqq: it"), as the report's last check does.
 */
const quoting =
  (redact: Redact) =>
  (before: string, text: string, after = ''): string => {
    const line = `${before}${text}${after}`;
    return redact(line) === line ? line : `${before}${WITHHELD}${after}`;
  };

function details(fields: Fields, scope: AccessScope, redact: Redact): string[] {
  const quote = quoting(redact);
  const lines: string[] = [];
  if (fields.virtualNumbers != null)
    lines.push(
      `The account has ${fields.virtualNumbers} virtual number${fields.virtualNumbers === 1 ? '' : 's'}.`,
    );
  if (fields.code != null)
    lines.push(
      quote(
        'Code: ',
        fields.code,
        fields.fromChallenge === true ? ' (from the WWW-Authenticate header)' : '',
      ),
    );
  if (fields.issue != null) lines.push(quote('Issue: ', fields.issue));
  if (fields.suggestedAction != null) lines.push(quote('Suggested action: ', fields.suggestedAction));
  if (fields.neededScope != null)
    lines.push(
      quote('The server’s WWW-Authenticate header says the call needs the scope: ', fields.neededScope),
    );
  if (fields.neededScopeLength != null)
    lines.push(
      `That scope is ${fields.neededScopeLength.toLocaleString('en')} characters long: only the scopes in its first ${MAX_SHOWN_NEEDED} are shown, and all of them are counted.`,
    );
  if (fields.outcome === 'access:scope-missing') {
    const granted =
      scope.granted === null
        ? 'the token answer did not say which scopes were granted'
        : scope.granted
          ? 'it was granted'
          : 'it was not granted';
    const facts = `: it was ${scope.requested ? '' : 'not '}requested, and ${granted}.`;
    // The scope the server named is its text; the app's own (ACCESS_CHECK_SCOPE) is not.
    lines.push(
      fields.neededScope == null
        ? `This call needs ${scope.needed}${facts}`
        : quote('This call needs ', scope.needed, facts),
    );
  }
  if (fields.retryAfterSeconds != null) lines.push(retryAfterSentence('Messaging', fields.retryAfterSeconds));
  if (fields.networkCode != null) {
    lines.push(`Low-level code: ${fields.networkCode}`);
    const named = networkCodeDetail(fields.networkCode);
    if (named !== null) lines.push(named);
  }
  if (fields.redirectLocation != null)
    lines.push(quote('Redirected to: ', asOneAddress(fields.redirectLocation)));
  for (const [name, value] of fields.requestIds ?? []) lines.push(quote(`${name}: `, value));
  return lines;
}

/** The plain-JSON result; `retryAt` lets the window count Retry-After down live. */
export function accessResult(
  input: Pick<AccessCheckInput, 'requestId' | 'checkUrl'>,
  scope: AccessScope,
  fields: Fields,
  durationMs: number,
  receivedAt: number,
  /** The check's redaction, for lines joining the app's words to the server's (`quoting`). */
  redact: Redact = (text) => text,
): AccessCheckResult {
  return {
    ok: fields.outcome === 'access:confirmed',
    requestId: input.requestId,
    checkUrl: shownCheckUrl(input.checkUrl),
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
    requestIds: fields.requestIds ?? NO_IDS,
    redirectLocation: fields.redirectLocation ?? null,
    bodyExcerpt: fields.bodyExcerpt ?? null,
    scope,
    message: fields.message,
    durationMs,
    receivedAt,
    explanation:
      fields.outcome === 'access:confirmed'
        ? confirmedExplanation(fields.virtualNumbers ?? 0, scope)
        : {
            // A failure of the check's own call (network, deadline, redirect…) is said of the
            // Messaging API URL and the token, not of the token call the catalog words it for.
            ...(fields.explanation ??
              (fields.outcome.startsWith('access:')
                ? EXPLANATIONS[fields.outcome]
                : forAccessCheck(EXPLANATIONS[fields.outcome]))),
            details: details(fields, scope, redact),
          },
  };
}

/**
 * The confirmed verdict's explanation for the last count, made once and frozen, as a token's is
 * (app/explanations): nearly every check takes this path, and building it afresh was a measurable
 * share of the check's cost (npm run bench). Its details say only the count.
 */
let lastConfirmed: { readonly count: number; readonly explanation: ExplainedResult } | null = null;
function confirmedExplanation(count: number, scope: AccessScope): ExplainedResult {
  if (lastConfirmed?.count !== count) {
    const fields: Fields = { outcome: 'access:confirmed', virtualNumbers: count, message: '' };
    lastConfirmed = {
      count,
      explanation: Object.freeze({
        ...EXPLANATIONS['access:confirmed'],
        details: Object.freeze(details(fields, scope, (text) => text)),
      }),
    };
  }
  return lastConfirmed.explanation;
}

/** A check that was not sent (v2, or a Messaging URL the rule refuses): said, not hidden. */
export function unsentCheck(
  input: Pick<AccessCheckInput, 'requestId' | 'requestedScope' | 'grantedScope'>,
  outcome: 'access:v2-not-checked' | 'access:custom-not-checked' | 'invalid-input' | 'cancelled',
  message: string,
  now: number,
): AccessCheckResult {
  const scope = scopeFacts(input.requestedScope, input.grantedScope);
  return accessResult({ requestId: input.requestId, checkUrl: '' }, scope, { outcome, message }, 0, now);
}
