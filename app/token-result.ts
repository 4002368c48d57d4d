// The outcome of one token request, as it crosses IPC: plain JSON, never the client secret.
import type { ExplainedResult } from './explanations';
import type { Outcome } from './outcomes';
import type { PresetId } from './endpoints';
import type { Finding } from './preflight';
import type { ScopeDifference } from './scopes';

export type HeaderList = ReadonlyArray<readonly [name: string, value: string]>;

interface ResultBase {
  readonly requestId: string;
  /** The token URL the request went to (the sandbox's real address when the sandbox answered). */
  readonly tokenUrl: string;
  /** Milliseconds from sending to the end of the body (or the failure). */
  readonly durationMs: number;
  /** Epoch milliseconds when the result was complete. */
  readonly receivedAt: number;
  readonly outcome: Outcome;
  /** What the outcome means, its likely causes and what to try, from the catalog in app/. */
  readonly explanation: ExplainedResult;
}

export interface TokenSuccess extends ResultBase {
  readonly ok: true;
  readonly status: number;
  readonly statusText: string;
  readonly accessToken: string;
  readonly tokenType: string | null;
  readonly scope: string | null;
  /** Null when the server gave no usable expiry ("expiry unknown"). */
  readonly expiresInSeconds: number | null;
  readonly expiresAt: number | null;
  readonly headers: HeaderList;
  readonly contentType: string | null;
  /** Which preset issued it: decides where "Check Messaging access" goes (app/access-check.ts). */
  readonly preset?: PresetId;
  /** Requested against granted scopes; null when the answer carried no `scope`. */
  readonly scopeDifference?: ScopeDifference | null;
}

export const FAILURE_KINDS = [
  'http',
  'network',
  'timeout',
  'cancelled',
  'redirect',
  'too-large',
  'unexpected-response',
  'invalid-input',
  'profile-deleted',
  'keychain',
] as const;
export type FailureKind = (typeof FAILURE_KINDS)[number];

export interface TokenFailure extends ResultBase {
  readonly ok: false;
  readonly kind: FailureKind;
  /** The HTTP status when the server answered at all. */
  readonly status: number | null;
  readonly statusText: string | null;
  /** OAuth `error` (or the nearest field in other body shapes), verbatim. */
  readonly error: string | null;
  readonly errorDescription: string | null;
  /** Which body shape the error came from, e.g. "rfc6749" or "apigee-fault". */
  readonly errorShape: string | null;
  /** True when an OAuth-shaped body carries an `error` RFC 6749 §5.2 does not define. */
  readonly nonStandardError: boolean;
  /** Low-level code such as ECONNREFUSED, ENOTFOUND or a certificate error. */
  readonly networkCode: string | null;
  readonly bodyExcerpt: string | null;
  readonly contentType: string | null;
  readonly headers: HeaderList;
  /** Where a redirect pointed, shown as text and never followed. */
  readonly redirectLocation: string | null;
  readonly retryAfterSeconds: number | null;
  /** A short technical sentence; never contains the secret. */
  readonly message: string;
  /** Pre-flight findings about what was sent (the main process checks the secret it used too). */
  readonly findings: readonly Finding[];
}

export type TokenResult = TokenSuccess | TokenFailure;

/** A result as requestToken answers it: with the sentence a screen reader is told (app/spoken-result.ts). */
export type SpokenTokenResult = TokenResult & { readonly spoken: string };
