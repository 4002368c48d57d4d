// The Messaging access check: one read-only GET …/virtual-numbers with a token just issued, under
// the token call's rules (main/token/token-service.ts): never a redirect, a deadline, a cancel, a
// capped body, everything the server says redacted, and the token in nothing that is returned.
import {
  classifyAccessAnswer,
  countVirtualNumbers,
  readV3Error,
  type AccessCheckResult,
  type AccessOutcome,
  type AccessScope,
} from '../../app/access-check';
import { isLoopbackLiteral } from '../../app/endpoints';
import { MIN_SUBSTRING_LENGTH, redactor } from '../../app/redact';
import { jsonEndsOpen } from '../../app/token-response';
import { classifyNetworkCode } from '../../app/outcomes';
import { createDeadlines } from '../token/deadlines';
import { accessResult, NOT_BEARER, scopeFacts, type Fields } from './access-result';
import { readBearerChallenge } from './bearer-challenge';

// The CLI loads the check and the words for a check not sent as one chunk.
export { unsentCheck } from './access-result';
import type { FetchLike } from '../token/fetch-like';
import { redactingOthers, type SentSecrets } from '../token/sent-secrets';
import { DEADLINE, describeThrown, stoppedInBody } from '../token/token-failure';
import { SECRET_IN_MESSAGING_URL, secretsInUrls } from '../token/secret-in-url';
import { BodyTooLarge, readCappedText, unreadBody } from '../token/read-body';
import {
  credentialRedactors,
  excerptOfRedacted,
  isRedirect,
  reasonPhrase,
  redactAndCut,
  requestIdHeaders,
  retryAfterOf,
  type Redact,
} from '../token/response-facts';

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
  /** The token answer's token_type as shown (null or absent: not given, taken as Bearer). */
  readonly tokenType?: string | null;
}

export interface AccessServiceOptions {
  readonly fetch: FetchLike;
  readonly now?: () => number;
  readonly monotonic?: () => number;
  readonly deadlineMs?: number;
  readonly maxBodyBytes?: number;
  /** The secrets the token service has sent: what the Messaging API says is redacted of all. */
  readonly sentSecrets?: SentSecrets;
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

/**
 * `redact`, then without any run of half of the token or more (app/secret-fragments.ts), as the
 * secret is. This server was sent the token: it can echo it cut short, or in halves, one per field
 * (an issue and a suggested action, shown one under the other, read as the whole token). Made on
 * the first text long enough to hold such a run: the texts of a confirmed check are shorter.
 */
function withoutTokenParts(token: string, redact: Redact): Redact {
  const least = Math.max(MIN_SUBSTRING_LENGTH, Math.ceil(token.trim().length / 2));
  let parts: Redact | null = null;
  return (text) => {
    const clean = redact(text);
    if (clean.length < least) return clean;
    parts ??= redactor([{ value: token, label: 'token removed', fragments: true }]);
    return parts(clean);
  };
}

/** The check's refusal of a Messaging URL holding the token it would send. */
export const TOKEN_IN_MESSAGING_URL =
  'The Messaging API URL holds the access token. Nothing was sent: the token goes only in the Authorization header, never in a URL, which servers and proxies log. Remove it from the Messaging API URL.';

/** The check's refusal of a token whose type is not Bearer. */
export const notBearer = (tokenType: string) =>
  `The token endpoint issued a token of type “${tokenType}”, not Bearer. Nothing was sent: the check sends the token as a Bearer token (RFC 6750), and RFC 6749 §7.1 says a client must not use a token whose type it does not understand.`;

/** `url` with each %XX of an ASCII character decoded (as a server reads the path), the rest as it is. */
function percentDecoded(url: string): string {
  return url.replace(/%([0-7][0-9a-f])/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/**
 * `url` with `token` a marker, in any form a server reads as it (percent-encoded in part, "%2b"
 * for "+": app/redact.ts); null when it holds none.
 */
export function withoutToken(url: string, token: string): string | null {
  if (token.trim().length < MIN_SUBSTRING_LENGTH) return null;
  // A new token each check: the redactor (built for every form of it) only for a URL that holds
  // it as a server reads it, percent-decoded; a bare search otherwise (npm run bench, access check).
  if (!url.includes(token) && !(url.includes('%') && percentDecoded(url).includes(token))) return null;
  const cut = redactor([{ value: token, label: 'token removed' }])(url);
  return cut === url ? null : cut;
}

export function createAccessService(options: AccessServiceOptions): AccessService {
  const now = options.now ?? Date.now;
  const monotonic = options.monotonic ?? (() => performance.now());
  const deadlineMs = options.deadlineMs ?? 20_000;
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
  const inFlight = new Map<string, AbortController>();
  const deadlines = createDeadlines(monotonic);
  // The secret's forms are found once for the credentials checked last (app/secret-forms.ts), and a
  // new token's redactor is made only for a text that could hold it, as for the token call.
  const redactors = credentialRedactors();
  const urlsChecked = secretsInUrls(redactors);

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
  // And whether it holds the token, for the last URL and token (the same, check after check).
  let lastTokenCheck: { readonly url: string; readonly token: string; readonly cut: string | null } | null =
    null;
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
    const sent = options.sentSecrets;
    // Everything the server says: the token and the secret out (wherever it echoes them),
    // bidirectional controls visible, every other secret sent so far too. Made lazily
    // (main/token/sent-secrets.ts): a check refused before sending costs nothing.
    const redact: Redact = withoutTokenParts(
      input.accessToken,
      redactingOthers(sent, () =>
        redactors.withToken(
          input.accessToken,
          input.clientSecret,
          ...(sent?.others(input.clientSecret) ?? []),
        ),
      ),
    );
    const result = (fields: Fields, facts = scope): AccessCheckResult =>
      accessResult(input, facts, fields, monotonic() - started, now(), redact);
    if (inFlight.has(input.requestId))
      return result({ outcome: 'invalid-input', message: 'A check for this token is already running.' });
    // A client secret written into the Messaging URL would go to that server's logs (as in the
    // token URL, main/token/token-service.ts): refused, and shown without it.
    const others = sent?.others(input.clientSecret) ?? [];
    const cut = urlsChecked.cut(input.checkUrl, input.clientSecret, others, sent?.version ?? 0);
    // Nothing sent: refused with the URL shown without what it held.
    const refused = (checkUrl: string, message: string, explanation?: Fields['explanation']) =>
      accessResult(
        { ...input, checkUrl },
        scope,
        { outcome: 'invalid-input', message, explanation },
        0,
        now(),
      );
    if (cut !== null) return refused(cut, SECRET_IN_MESSAGING_URL);
    // The token pasted into the URL too (its path: a query is refused before, app/access-check.ts):
    // it goes in Authorization, and a URL goes to proxies' and servers' logs. Refused, as the
    // secret is, and shown without it.
    if (lastTokenCheck?.url !== input.checkUrl || lastTokenCheck.token !== input.accessToken)
      lastTokenCheck = {
        url: input.checkUrl,
        token: input.accessToken,
        cut: withoutToken(input.checkUrl, input.accessToken),
      };
    const tokenCut = lastTokenCheck.cut;
    if (tokenCut !== null) return refused(tokenCut, TOKEN_IN_MESSAGING_URL);
    // RFC 6749 §7.1: a token of a type the client does not understand is not used. The check
    // sends a Bearer token (RFC 6750); "bearer" in any case (white space around it aside) is one,
    // and so is none (Telstra's omits it).
    const { tokenType } = input;
    if (tokenType != null && !/^\s*bearer\s*$/i.test(tokenType))
      return refused(input.checkUrl, notBearer(tokenType), NOT_BEARER);
    // The token is a credential: plain http: only where the address is known to be loopback.
    const hostname = options.fetch.loopbackChecked === true ? null : httpToName(input.checkUrl);
    if (hostname !== null) {
      return result({
        outcome: 'invalid-input',
        message: `Plain http: to a name (${hostname}) is not sent from here; use http://127.0.0.1 or http://[::1], or https:.`,
      });
    }
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
        signal: controller.signal,
      });
      const http = { status: response.status, statusText: reasonPhrase(response.statusText, redact) };
      // What Telstra support asks for when access is not confirmed (not read on the confirmed path).
      const answered = () => ({ ...http, requestIds: requestIdHeaders(response.headers, redact) });
      if (isRedirect(response)) {
        await response.body?.cancel().catch(() => undefined);
        const location = response.headers.get('location');
        return result({
          ...answered(),
          redirectLocation: location === null ? null : redactAndCut(location, 500, redact),
          outcome: 'redirect',
          message: `The Messaging API answered ${response.status} with a redirect, which the app does not follow.`,
        });
      }
      let raw: string;
      try {
        raw = await readCappedText(response, maxBodyBytes, controller.signal);
      } catch (error) {
        // The status line and headers did arrive: a Cancel or the deadline meanwhile says so, and
        // keeps the status and request ids, as the token call does (main/token/token-failure.ts).
        if (controller.signal.aborted && !(error instanceof BodyTooLarge)) {
          const { kind, ...stopped } = stoppedInBody(controller.signal, deadlineMs, answered());
          return result({ ...stopped, outcome: kind });
        }
        // A 429 or a 5xx says what happened by its status alone, and a 429's Retry-After is in its
        // headers: a gateway's oversized error page, or one that does not decode or is cut short,
        // must not turn "rate limited, wait 30 seconds" or "Telstra's side" into "Answer too
        // large… check the Messaging API URL" or "not understood".
        if (response.status === 429 || response.status >= 500) {
          return result({
            ...answered(),
            outcome: classifyAccessAnswer(response.status, null),
            retryAfterSeconds: retryAfterOf(response.headers, now()),
            message: `The Messaging API answered ${response.status}${http.statusText ? ` ${http.statusText}` : ''}, ${unreadBody(error, redact)}.`,
          });
        }
        if (!(error instanceof BodyTooLarge)) throw error;
        return result({
          ...answered(),
          outcome: 'too-large',
          message: `The Messaging API answered ${response.status}, ${unreadBody(error, redact)}.`,
        });
      }
      const ok = response.status >= 200 && response.status < 300;
      // Only the count is kept of a list: the numbers are the account's business, not the check's.
      // So a list is not redacted (nothing of it is kept); anything else is, before it is read.
      const count = ok ? countVirtualNumbers(raw) : null;
      if (count !== null)
        return result({
          status: http.status,
          statusText: http.statusText,
          outcome: 'access:confirmed',
          virtualNumbers: count,
          message: `Answered ${http.status}.`,
        });
      const text = redact(raw);
      const bodyExcerpt = excerptOfRedacted(text, redact);
      if (ok) {
        return result({
          ...answered(),
          bodyExcerpt,
          outcome: 'access:unexpected-answer',
          // A list whose end is the connection's close arrives cut short when it closes early.
          message: jsonEndsOpen(raw)
            ? `The Messaging API answered ${response.status} with JSON that ends before it is closed, as an answer cut short does, so no virtual-numbers list could be read.`
            : `The Messaging API answered ${response.status} without a virtual-numbers list.`,
        });
      }
      const v3 = readV3Error(text, redact);
      // Without a v3 code, RFC 6750's: a gateway may say it only in its Bearer challenge.
      const challenge = readBearerChallenge(response.headers.get('www-authenticate'), redact);
      const bearer = v3.code === null ? challenge : null;
      const said =
        bearer === null ? v3 : { ...v3, code: bearer.error, issue: v3.issue ?? bearer.description };
      const outcome: AccessOutcome = classifyAccessAnswer(response.status, said.code);
      // The scope a challenge names (beside a v3 body too) is the one the call needs, not a guess.
      const named = challenge?.scope ?? null;
      return result(
        {
          ...answered(),
          ...said,
          neededScope: named,
          neededScopeLength: challenge?.scopeCutFrom,
          fromChallenge: bearer?.error != null,
          bodyExcerpt,
          outcome,
          retryAfterSeconds: retryAfterOf(response.headers, now()),
          message: `The Messaging API answered ${response.status}${http.statusText ? ` ${http.statusText}` : ''}.`,
        },
        named === null
          ? scope
          : scopeFacts(input.requestedScope, input.grantedScope, named, challenge?.wholeScope ?? named),
      );
    } catch (error) {
      // What was thrown means what it means for the token call (main/token/token-failure.ts).
      const thrown = describeThrown(error, controller.signal, deadlineMs, redact);
      if (thrown.kind !== 'network') return result({ outcome: thrown.kind, message: thrown.message });
      const { networkCode, message } = thrown;
      return result({ outcome: `network:${classifyNetworkCode(networkCode)}`, networkCode, message });
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
