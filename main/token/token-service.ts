// The token request itself: one POST, never a redirect, a deadline, a cancel, a capped body, and a
// plain-JSON result that never contains the client secret.
import { basicAuthorization } from '../../app/client-auth';
import { checkTokenUrl } from '../../app/endpoints';
import { readErrorBody } from '../../app/error-body';
import { explainSuccess } from '../../app/explanations';
import { STEP } from '../../app/explanations/types';
import type { TokenRequestInput } from '../../app/ipc-contract';
import type { TokenFailure, TokenResult } from '../../app/token-result';
import { parseTokenResponse } from '../../app/token-response';
import { V2_NOT_CHECKED } from '../../app/access-check';
import type { FetchLike } from './fetch-like';
import { createDeadlines } from './deadlines';
import { createSentSecrets, redactingOthers, withoutTokens, type SentSecrets } from './sent-secrets';
import { cutOfStopped, withTokenLikeCut } from './token-like';
import { tokenHoldsSecret, tokenWithoutSecret } from './secret-in-token';
import { cleanUrlMemo, SECRET_IN_URL, shownUrl, shownUrlMemo, urlPartToSearch } from './secret-in-url';
import { grantedScope, shownTokenType } from './granted-scope';
import { DEADLINE, describeThrown, failure, stoppedInBody, type FailureFields } from './token-failure';
export { keychainRefusal } from './token-failure';
import { lowLevelCodeOf } from './network-error';
import { BodyTooLarge, readCappedText, unreadBody } from './read-body';
import {
  excerpt,
  excerptOfRedacted,
  isRedirect,
  redactAndCut,
  retryAfterOf,
  credentialRedactors,
  reasonPhrase,
  shownHeaders,
  type Redact,
} from './response-facts';

export type { FetchLike } from './fetch-like';

export interface TokenServiceOptions {
  /** Electron's net.request in the app, Node's fetch in tests, node:http in the CLI, browser mode and bridge mode. */
  readonly fetch: FetchLike;
  /** Where the sandbox answers; starts it on first use. */
  readonly sandboxUrl: () => Promise<string>;
  readonly now?: () => number;
  readonly monotonic?: () => number;
  readonly deadlineMs?: number;
  readonly maxBodyBytes?: number;
  /**
   * The secrets sent so far, which every answer is redacted of (./sent-secrets.ts); shared with
   * the access check in the app. By default this service's own.
   */
  readonly sentSecrets?: SentSecrets;
}

export const DEFAULT_DEADLINE_MS = 20_000;
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

const CANCELLED = Symbol('cancelled');

/** How the client authenticates: in the form body (documented by Telstra) or HTTP Basic. */
export type ClientAuth = 'body' | 'basic';

/** A request whose secret has been resolved (typed, or read from the keychain by the caller). */
export type ResolvedTokenRequest = Omit<TokenRequestInput, 'secret'> & {
  readonly clientSecret: string;
  /** Default 'body'. 'basic' is RFC 6749 §2.3.1, offered as a probe after invalid_client. */
  readonly clientAuth?: ClientAuth;
};

export interface TokenService {
  request(input: ResolvedTokenRequest): Promise<TokenResult>;
  /** Aborts a request in flight; false when there is none with that id. */
  cancel(requestId: string): boolean;
  /** Aborts everything in flight (the app is closing). */
  cancelAll(): void;
}

export function formBody(input: ResolvedTokenRequest): URLSearchParams {
  // Values go exactly as typed: spotting stray white space is the user's call (pre-flight checks).
  const body =
    input.clientAuth === 'basic'
      ? new URLSearchParams({ grant_type: input.grantType })
      : new URLSearchParams({
          client_id: input.clientId,
          client_secret: input.clientSecret,
          grant_type: input.grantType,
        });
  if (input.scope !== '') body.set('scope', input.scope);
  return body;
}

/** The request's headers; with Basic, the credentials go in Authorization instead of the body. */
export function requestHeaders(input: ResolvedTokenRequest): Record<string, string> {
  const headers: Record<string, string> = {
    'Content-Type': 'application/x-www-form-urlencoded',
    Accept: 'application/json',
  };
  if (input.clientAuth === 'basic')
    headers.Authorization = basicAuthorization(input.clientId, input.clientSecret);
  return headers;
}

export function createTokenService(options: TokenServiceOptions): TokenService {
  const now = options.now ?? Date.now;
  const monotonic = options.monotonic ?? (() => performance.now());
  const deadlineMs = options.deadlineMs ?? DEFAULT_DEADLINE_MS;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const inFlight = new Map<string, AbortController>();
  const deadlines = createDeadlines(monotonic);
  const redactors = credentialRedactors();
  const sent = options.sentSecrets ?? createSentSecrets();
  // The URL last found to hold no secret (secret-in-url.ts); with Basic, keyed by its credentials
  // too. And the URL a token's result shows: any other credential written in it a marker.
  const [cleanUrls, shownTokenUrl] = [cleanUrlMemo(), shownUrlMemo()];

  async function request(input: ResolvedTokenRequest): Promise<TokenResult> {
    const started = monotonic();
    // With Basic, the base64 credentials are as secret as the secret itself.
    const basic =
      input.clientAuth === 'basic'
        ? [basicAuthorization(input.clientId, input.clientSecret).slice('Basic '.length)]
        : [];
    // And every other secret sent so far, as it stands when a text is redacted: requests of a
    // batch run at once, and a server could hold its answer until another's secret has come.
    const alsoSecret = () => [...basic, ...sent.others(input.clientSecret)];
    // Made on the first failure that needs it: a success redacts with the token's redactor only.
    const redact: Redact = redactingOthers(sent, () => redactors.secret(input.clientSecret, ...alsoSecret()));
    const fail = (tokenUrl: string, fields: FailureFields): TokenFailure => {
      const failed = failure(input.requestId, tokenUrl, monotonic() - started, now(), redact, fields);
      // "Choose the sandbox" is no advice to someone already using it (practising invalid_client).
      if (input.preset !== 'sandbox') return failed;
      const nextSteps = failed.explanation.nextSteps.filter((step) => step !== STEP.sandbox);
      return { ...failed, explanation: { ...failed.explanation, nextSteps } };
    };
    // The URL as typed, with any secret in it out: refused below for it or not (http: to a host).
    const shown = (url = input.tokenUrl) => shownUrl(url, input.clientSecret, redact);
    if (inFlight.has(input.requestId)) {
      return fail(shown(), {
        kind: 'invalid-input',
        message: 'A request with this id is already running.',
      });
    }
    const controller = new AbortController();
    let tokenUrl: string;
    if (input.preset === 'sandbox') {
      // Known while the sandbox starts (its first use): a Cancel meanwhile is not lost.
      inFlight.set(input.requestId, controller);
      try {
        tokenUrl = await options.sandboxUrl();
      } catch (error) {
        const networkCode = lowLevelCodeOf(error);
        return fail('sandbox', {
          kind: 'network',
          networkCode,
          message: 'The built-in sandbox could not start.',
        });
      } finally {
        inFlight.delete(input.requestId);
      }
      if (controller.signal.aborted)
        return fail(tokenUrl, { kind: 'cancelled', message: 'Cancelled before it was sent.' });
    } else {
      const verdict = checkTokenUrl(input.tokenUrl);
      if (!verdict.ok) return fail(shown(), { kind: 'invalid-input', message: verdict.reason });
      tokenUrl = verdict.url;
      // A secret written into the URL would go where a URL goes (a proxy's and a server's logs,
      // the profiles file, reports, the command line's output): refused, and not repeated.
      // (The parsed URL: ASCII, a typed secret in it percent-encoded, which the redaction finds.)
      const carried = urlPartToSearch(tokenUrl, input.clientSecret);
      const key = [carried, input.clientSecret, basic[0], sent.version];
      if (!cleanUrls.known(key)) {
        if (redact(carried) !== carried)
          return fail(shown(tokenUrl), { kind: 'invalid-input', message: SECRET_IN_URL });
        cleanUrls.remember(key);
      }
      // Plain http: to a name ("localhost") only where the transport checks the address it
      // connects to is loopback; a resolver could otherwise send the secret off the machine.
      // (The verdict is remembered for the same URL: no second parse of it on every request.)
      if (verdict.httpToName && options.fetch.loopbackChecked !== true) {
        const { hostname } = new URL(tokenUrl);
        // As typed, it can hold a secret the parsed URL searched above does not (a dot segment).
        return fail(shown(), {
          kind: 'invalid-input',
          message: `Plain http: to a name (${hostname}) is not sent from here, since the address it resolves to cannot be checked; use http://127.0.0.1 or http://[::1], or https:.`,
        });
      }
    }
    inFlight.set(input.requestId, controller);
    deadlines.watch(controller, deadlineMs, DEADLINE);
    sent.add(input.clientSecret);
    try {
      const response = await options.fetch(tokenUrl, {
        method: 'POST',
        headers: requestHeaders(input),
        body: formBody(input),
        // Never follow a redirect with credentials (no cookies, cache or referrer: fetch-like.ts).
        redirect: 'manual',
        signal: controller.signal,
      });
      // Everything the server says is redacted before it is kept: it may echo the secret back.
      // A failure keeps it redacted of the secret; a token's answer, of the token too (below), so
      // these are worked out on the failures' paths only, not twice on every success (bench).
      const rawContentType = response.headers.get('content-type');
      const httpFacts = (cut: Redact = redact) => ({
        status: response.status,
        statusText: reasonPhrase(response.statusText, cut),
        headers: shownHeaders(response.headers, cut),
        contentType: rawContentType === null ? null : cut(rawContentType),
      });
      if (isRedirect(response)) {
        await response.body?.cancel().catch(() => undefined);
        const location = response.headers.get('location');
        return fail(tokenUrl, {
          ...httpFacts(),
          kind: 'redirect',
          redirectLocation: location === null ? null : redactAndCut(location, 500, redact),
          message: `The server answered ${response.status} with a redirect, which the app does not follow.`,
        });
      }
      let text: string;
      try {
        text = await readCappedText(response, maxBodyBytes, controller.signal);
      } catch (error) {
        // The status line and headers did arrive: kept, as for any HTTP answer, also after a Cancel.
        if (controller.signal.aborted && !(error instanceof BodyTooLarge)) {
          const cut = cutOfStopped(error, response.status, redact, sent, input.clientSecret, ...alsoSecret());
          return fail(tokenUrl, stoppedInBody(controller.signal, deadlineMs, httpFacts(cut)));
        }
        // A 429 or a 5xx says what happened by its status alone, and a 429's Retry-After is in its
        // headers: a gateway's oversized error page, or one that does not decode as its
        // Content-Encoding says, or is cut short, must not turn "rate limited, wait 30 seconds" or
        // "Telstra's side" into "Answer too large" or "not understood" (as in the access check).
        if (response.status === 429 || response.status >= 500) {
          const http = httpFacts();
          return fail(tokenUrl, {
            ...http,
            kind: 'http',
            retryAfterSeconds: retryAfterOf(response.headers, now()),
            message: `The server answered ${response.status}${http.statusText ? ` ${http.statusText}` : ''}, ${unreadBody(error, redact)}.`,
          });
        }
        if (!(error instanceof BodyTooLarge)) throw error;
        return fail(tokenUrl, {
          ...httpFacts(),
          kind: 'too-large',
          message: `The server answered ${response.status}, ${unreadBody(error, redact)}.`,
        });
      }
      if (response.status >= 200 && response.status < 300) {
        const parsed = tokenWithoutSecret(parseTokenResponse(text), (token) =>
          [input.clientSecret, ...alsoSecret()].some((secret) => tokenHoldsSecret(token, secret)),
        );
        if (!parsed.ok) {
          // A token the app does not take is still the server's token: out of the excerpt, and
          // of the headers and reason phrase, as a token taken is.
          // `redact` itself cuts the tokens received before: wrapped only when replaced.
          const cut = withTokenLikeCut(text, [input.clientSecret, ...alsoSecret()], redact, sent);
          return failure(input.requestId, tokenUrl, monotonic() - started, now(), cut, {
            ...httpFacts(cut),
            kind: 'unexpected-response',
            bodyExcerpt: excerpt(text, cut),
            message: parsed.reason,
          });
        }
        const receivedAt = now();
        const { accessToken, tokenType, scope, expiresInSeconds } = parsed.token;
        // The token is shown only where it is asked for: a server echoing it in its other fields
        // (scope, a header) must not put it into a log that was meant to hold none.
        // Another token this process received, echoed here, is cut out too (app/known-tokens.ts).
        const clean = withoutTokens(
          sent,
          redactors.withToken(
            accessToken,
            input.clientSecret,
            ...basic,
            ...sent.others(input.clientSecret, accessToken),
          ),
        );
        sent.addToken(accessToken);
        const granted = grantedScope(input.scope, scope, clean);
        const explanation = explainSuccess(expiresInSeconds !== null);
        const scopeLines = granted.lines;
        // No "Check Messaging access" for v2: said plainly, not hidden without a word.
        if (input.preset === 'v2') scopeLines.push(V2_NOT_CHECKED);
        // Written out in full (no spreads): this is the path every successful request takes.
        return {
          ok: true,
          requestId: input.requestId,
          tokenUrl: shownTokenUrl(tokenUrl),
          outcome: 'token-received',
          durationMs: monotonic() - started,
          receivedAt,
          status: response.status,
          statusText: reasonPhrase(response.statusText, clean),
          headers: shownHeaders(response.headers, clean),
          contentType: rawContentType === null ? null : clean(rawContentType),
          accessToken,
          tokenType: shownTokenType(tokenType, clean),
          scope: granted.scope,
          expiresInSeconds,
          expiresAt: expiresInSeconds === null ? null : receivedAt + expiresInSeconds * 1000,
          preset: input.preset,
          scopeDifference: granted.difference,
          // Granted against requested scopes, said plainly wherever the answer carried a `scope`.
          explanation:
            scopeLines.length === 0
              ? explanation
              : { ...explanation, details: [...explanation.details, ...scopeLines] },
        };
      }
      // Redacted before reading: the reader trims and cuts fields, which could hide a secret's edges.
      const cut = withTokenLikeCut(text, [input.clientSecret, ...alsoSecret()], redact, sent);
      const clean = cut(text);
      const body = readErrorBody(clean);
      const http = httpFacts(cut);
      return fail(tokenUrl, {
        ...http,
        kind: 'http',
        error: body.error,
        errorDescription: body.description,
        errorShape: body.shape,
        bodyExcerpt: excerptOfRedacted(clean, cut),
        retryAfterSeconds: retryAfterOf(response.headers, now()),
        message: `The server answered ${response.status}${http.statusText ? ` ${http.statusText}` : ''}.`,
      });
    } catch (error) {
      return fail(tokenUrl, describeThrown(error, controller.signal, deadlineMs, redact));
    } finally {
      deadlines.release(controller);
      inFlight.delete(input.requestId);
    }
  }

  return {
    request,
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
