// How a token request that did not yield a token becomes its plain-JSON result: the failure's
// fields, what was thrown turned into a kind, and the outcome the explanations are chosen by.
import { explain, formatWait } from '../../app/explanations';
import type { TokenRequestInput } from '../../app/ipc-contract';
import type { KeychainProblem } from '../../app/keychain';
import {
  classifyHttpFailure,
  classifyNetworkCode,
  isStandardOAuthError,
  type Outcome,
} from '../../app/outcomes';
import type { TokenFailure } from '../../app/token-result';
import { NotLoopbackAddress } from './loopback-lookup';
import { closedInHandshake, isRefusedRedirect, lowLevelCodeOf, StoppedAtProxy } from './network-error';
import { BodyTooLarge } from './read-body';
import type { Redact } from './response-facts';
import { shownUrlMemo } from './url-credentials';
import { shownUrl } from './secret-in-url';
import { credentialRedactor } from '../../app/redact';

/** The abort reason of a request that ran out of time (main/token/deadlines.ts). */
export const DEADLINE = Symbol('deadline');
const shownTokenUrl = shownUrlMemo();

const OAUTH_SHAPES = new Set(['rfc6749', 'apigee-oauth']);

export type FailureFields = Partial<
  Omit<
    TokenFailure,
    'ok' | 'requestId' | 'tokenUrl' | 'durationMs' | 'receivedAt' | 'outcome' | 'explanation' | 'findings'
  >
> &
  Pick<TokenFailure, 'kind' | 'message'> & { readonly keychainProblem?: KeychainProblem };

/** The result when a saved profile's secret could not be read: nothing was sent. */
export function keychainRefusal(
  input: Pick<TokenRequestInput, 'requestId' | 'tokenUrl'>,
  problem: KeychainProblem,
  message: string,
  now: number,
): TokenFailure {
  return failure(input.requestId, input.tokenUrl, 0, now, (text) => text, {
    kind: 'keychain',
    keychainProblem: problem,
    message,
  });
}

/**
 * The result of a request cancelled while its saved secret was being read (the keychain may ask
 * the user first): nothing was sent. The URL as typed may hold the secret (the token service
 * refuses it so, and shows it redacted): redacted here too.
 */
export function cancelledUnsent(
  input: Pick<TokenRequestInput, 'requestId' | 'tokenUrl'>,
  secret: string,
  now: number,
): TokenFailure {
  const redact = credentialRedactor(secret);
  return failure(input.requestId, shownUrl(input.tokenUrl, secret, redact), 0, now, redact, {
    kind: 'cancelled',
    message: 'Cancelled before it was sent.',
  });
}

/** What was thrown, as a kind and the app's sentence (a network failure's code with it). */
export type Thrown =
  | {
      readonly kind: 'timeout' | 'cancelled' | 'too-large' | 'invalid-input' | 'redirect';
      readonly message: string;
    }
  | { readonly kind: 'network'; readonly networkCode: string; readonly message: string };

/**
 * What was thrown, as a failure's fields. The low-level code is redacted with `redact`: it is the
 * network stack's code or, without one, its own words, which can quote what the other side sent
 * (a certificate's names, say).
 */
export function describeThrown(
  error: unknown,
  signal: AbortSignal,
  deadlineMs: number,
  redact: Redact,
): Thrown {
  // A proxy that had not opened the tunnel yet: the server was never asked (network-error.ts).
  const atProxy = error instanceof StoppedAtProxy;
  const proxyWords = 'the proxy had not yet opened the way to the server, so nothing reached the server';
  if (signal.aborted && signal.reason === DEADLINE) {
    // Whole seconds as such ("20 seconds"), anything else as it was set ("1500 ms").
    const within = `No complete answer within ${
      deadlineMs % 1000 === 0 ? formatWait(deadlineMs / 1000) : `${Math.round(deadlineMs)} ms`
    }`;
    return { kind: 'timeout', message: atProxy ? `${within}: ${proxyWords}.` : `${within}.` };
  }
  if (signal.aborted)
    return {
      kind: 'cancelled',
      message: atProxy ? `Cancelled while ${proxyWords}.` : 'Cancelled before an answer arrived.',
    };
  if (error instanceof BodyTooLarge) return { kind: 'too-large', message: error.message };
  // Refused before connecting (main/token/loopback-lookup.ts): nothing was sent.
  if (error instanceof NotLoopbackAddress) return { kind: 'invalid-input', message: error.message };
  if (isRefusedRedirect(error)) {
    return {
      kind: 'redirect',
      message: 'The server answered with a redirect, which the app does not follow.',
    };
  }
  const networkCode = lowLevelCodeOf(error, redact);
  // A reset is a reset to its code; Node's words alone tell one during the TLS handshake, which
  // is before anything of the request left (a server or a firewall that will not talk TLS here).
  if (closedInHandshake(error)) {
    return {
      kind: 'network',
      networkCode,
      message: `The connection was closed during the TLS handshake, before anything was sent (${networkCode}).`,
    };
  }
  // Chromium's HTTP/2 broke down: before anything of an answer came, or part-way (network.ts).
  if (classifyNetworkCode(networkCode) === 'http2') {
    const message = `The HTTP/2 exchange with the server broke down (${networkCode}).`;
    return { kind: 'network', networkCode, message };
  }
  // Something answered over a connection that worked, but nothing the app can read: "The
  // connection failed" was untrue of an answer without a status line or a body that does not
  // decode, which a hostile or broken server sends (test/integration/hostile-framing.test.ts).
  if (classifyNetworkCode(networkCode) === 'bad-answer') {
    const message = /^(Z_|net::ERR_CONTENT_DECODING|ERR_HTTP_TOO_MANY_CONTENT_ENCODINGS$)/.test(networkCode)
      ? 'The answer came, but its body could not be decoded as its Content-Encoding says'
      : 'The answer came, but not as HTTP the app can read';
    return { kind: 'network', networkCode, message: `${message} (${networkCode}).` };
  }
  return { kind: 'network', networkCode, message: `The connection failed (${networkCode}).` };
}

/**
 * A Cancel or the deadline once the status line and headers had come, with the body still on its
 * way (a server that drips it, say): said as such, not as "before an answer arrived", and with
 * the status and headers kept (`http`, redacted already), as for any other HTTP answer.
 */
export function stoppedInBody<H extends { readonly status: number; readonly statusText: string | null }>(
  signal: AbortSignal,
  deadlineMs: number,
  http: H,
): H & { readonly kind: 'timeout' | 'cancelled'; readonly message: string } {
  const came = `HTTP ${http.status}${http.statusText ? ` ${http.statusText}` : ''} and its headers had arrived`;
  if (signal.reason !== DEADLINE) {
    const message = `Cancelled while the answer was arriving: ${came}, and the app stopped before the body had been read to its end.`;
    return { ...http, kind: 'cancelled' as const, message };
  }
  const { message } = describeThrown(null, signal, deadlineMs, (text) => text);
  return { ...http, kind: 'timeout' as const, message: `${message} ${came}; the body was still arriving.` };
}

export function failure(
  requestId: string,
  tokenUrl: string,
  durationMs: number,
  receivedAt: number,
  redact: Redact,
  fields: FailureFields,
): TokenFailure {
  const error = fields.error ?? null;
  const status = fields.status ?? null;
  const networkCode = fields.networkCode ?? null;
  const result = {
    ok: false,
    requestId,
    // The URL the user typed (or the sandbox's own): not from outside, but any credential written
    // into it (an API key, a token: url-credentials.ts) is a marker here, as wherever it is shown.
    tokenUrl: shownTokenUrl(tokenUrl),
    durationMs,
    receivedAt,
    outcome: outcomeOf(fields, status, error, networkCode),
    status,
    statusText: fields.statusText ?? null,
    error: error === null ? null : redact(error),
    errorDescription: fields.errorDescription == null ? null : redact(fields.errorDescription),
    errorShape: fields.errorShape ?? null,
    // Only fields meant to hold an OAuth code are judged; a gateway's own codes are not OAuth's.
    nonStandardError:
      error !== null && OAUTH_SHAPES.has(fields.errorShape ?? '') && !isStandardOAuthError(error),
    networkCode,
    bodyExcerpt: fields.bodyExcerpt ?? null,
    contentType: fields.contentType ?? null,
    headers: fields.headers ?? [],
    redirectLocation: fields.redirectLocation ?? null,
    retryAfterSeconds: fields.retryAfterSeconds ?? null,
    kind: fields.kind,
    // The app's own sentence; what it quotes of the server (the reason phrase) is redacted already.
    message: fields.message,
    findings: [],
  } as const;
  return { ...result, explanation: explain(result) };
}

function outcomeOf(
  fields: FailureFields,
  status: number | null,
  error: string | null,
  networkCode: string | null,
): Outcome {
  const { kind } = fields;
  if (kind === 'http') return classifyHttpFailure(status ?? 0, error);
  if (kind === 'network') return `network:${classifyNetworkCode(networkCode)}`;
  if (kind === 'keychain') return `keychain:${fields.keychainProblem ?? 'other'}`;
  return kind;
}
