// `--json`: one object per request, the CLI's public contract (documented field by field in the
// README). Built explicitly rather than dumping TokenResult, so the app's internal types can
// change without changing what scripts read. Every key is always present (null when it does not
// apply), and the token itself only with --show-token.
import type { Explanation } from '../../../app/explanations';
import type { Outcome } from '../../../app/outcomes';
import type { FailureKind, TokenResult } from '../../../app/token-result';
import type { ExitCode } from '../exit-codes';
import { cliWording, forCli } from './cli-wording';

export interface ExplanationJson {
  readonly meaning: string;
  readonly causes: readonly string[];
  readonly nextSteps: readonly string[];
  readonly details: readonly string[];
}

export interface RequestJson {
  readonly ok: boolean;
  readonly exitCode: ExitCode;
  readonly outcome: Outcome;
  readonly title: string;
  readonly status: number | null;
  readonly statusText: string | null;
  readonly durationMs: number;
  /** Null when no address is known (nothing was sent, e.g. to a sandbox that never started). */
  readonly tokenUrl: string | null;
  readonly receivedAt: string;
  readonly headers: ReadonlyArray<readonly [string, string]>;
  readonly token: {
    /** Null unless --show-token. */
    readonly value: string | null;
    readonly length: number;
    readonly type: string | null;
    readonly scope: string | null;
    readonly expiresInSeconds: number | null;
    readonly expiresAt: string | null;
  } | null;
  readonly failure: {
    readonly kind: FailureKind;
    readonly error: string | null;
    readonly errorDescription: string | null;
    readonly nonStandardError: boolean;
    readonly networkCode: string | null;
    readonly retryAfterSeconds: number | null;
    readonly redirectLocation: string | null;
    readonly message: string;
    readonly contentType: string | null;
    readonly bodyExcerpt: string | null;
    /** What the pre-flight checks say about what was sent, e.g. a secret's trailing space. */
    readonly findings: ReadonlyArray<{
      readonly field: string;
      readonly id: string;
      readonly severity: string;
      readonly message: string;
    }>;
  } | null;
  readonly explanation: ExplanationJson;
}

/**
 * The `explanation` key, the same wherever the command line prints one (`request --json`, its
 * `accessCheck`, `explain --json`), in the command line's words.
 */
export function explanationJson(explanation: Explanation, details: readonly string[]): ExplanationJson {
  const worded = forCli(explanation);
  return {
    meaning: worded.meaning,
    causes: worded.causes,
    nextSteps: worded.nextSteps,
    details: details.map(cliWording),
  };
}

const iso = (epochMs: number) => new Date(epochMs).toISOString();

export function resultJson(result: TokenResult, exitCode: ExitCode, showToken: boolean): RequestJson {
  const explained = result.explanation;
  return {
    ok: result.ok,
    exitCode,
    outcome: result.outcome,
    title: explained.title,
    status: result.status,
    statusText: result.statusText,
    durationMs: Math.round(result.durationMs),
    tokenUrl: result.tokenUrl === '' ? null : result.tokenUrl,
    receivedAt: iso(result.receivedAt),
    headers: result.headers,
    token: result.ok
      ? {
          value: showToken ? result.accessToken : null,
          length: result.accessToken.length,
          type: result.tokenType,
          scope: result.scope,
          expiresInSeconds: result.expiresInSeconds,
          expiresAt: result.expiresAt === null ? null : iso(result.expiresAt),
        }
      : null,
    failure: result.ok
      ? null
      : {
          kind: result.kind,
          error: result.error,
          errorDescription: result.errorDescription,
          nonStandardError: result.nonStandardError,
          networkCode: result.networkCode,
          retryAfterSeconds: result.retryAfterSeconds,
          redirectLocation: result.redirectLocation,
          message: result.message,
          contentType: result.contentType,
          bodyExcerpt: result.bodyExcerpt,
          findings: result.findings.map(({ field, id, severity, message }) => ({
            field,
            id,
            severity,
            message,
          })),
        },
    explanation: explanationJson(explained, explained.details),
  };
}

/** What an interrupted secret prompt means (exit 130), in text and in --json. */
export const INTERRUPTED_AT_PROMPT =
  'Interrupted at the secret prompt: no secret was read, and nothing was sent.';

/** A signal while the secret or the profile was read (no prompt at a terminal), in text and --json. */
export const INTERRUPTED_BEFORE_SENDING = 'Interrupted while the secret was read: nothing was sent.';

/** What --json prints when the command is interrupted before sending (exit 130): nothing was sent. */
export function interruptedJson(message: string = INTERRUPTED_AT_PROMPT) {
  return {
    ok: false,
    exitCode: 130,
    outcome: 'interrupted',
    title: 'Interrupted',
    message,
  } as const;
}

/** What --json prints when the command line itself is wrong (exit 1): nothing was sent. */
export function usageErrorJson(message: string) {
  return { ok: false, exitCode: 1, outcome: 'usage-error', title: 'Usage error', message } as const;
}
