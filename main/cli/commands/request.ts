// `telstra-token request`: the credentials from a saved profile or from stdin/the environment,
// then the app's own token service, then the result as text or JSON with its exit status.
import { DEFAULT_GRANT_TYPE, DEFAULT_PRESET, PRESETS } from '../../../app/endpoints';
import { accessCheckTarget, type AccessCheckResult } from '../../../app/access-check';
import type { TokenResult, TokenSuccess } from '../../../app/token-result';
import { accessJson, accessText, exitCodeForAccess } from '../access-output';
import type { FetchLike } from '../../token/fetch-like';
import { readConfig } from '../../config';
import { createNodeHttpFetch } from '../../token/node-http-fetch';
import { createTokenService, type ResolvedTokenRequest } from '../../token/token-service';
import type { OptionValues } from '../args';
import { EXIT, exitCodeFor, type ExitCode } from '../exit-codes';
import {
  INTERRUPTED_AT_PROMPT,
  INTERRUPTED_BEFORE_SENDING,
  interruptedJson,
  resultJson,
} from '../format/result-json';
import { resultText } from '../format/result-text';
import type { CliIo, Output } from '../io';
import { planRequest, REQUEST_ID, type Credentials, type Prepared, type RequestPlan } from '../request-plan';
import { secretFromEnv, secretFromStdin } from '../secret-input';
import { reportUsageError } from '../usage';

async function withTypedSecret(
  plan: RequestPlan,
  credentials: Extract<Credentials, { kind: 'typed' }>,
  io: CliIo,
  output: Output,
  stopped: AbortSignal,
): Promise<Prepared> {
  const read =
    credentials.secretFrom.kind === 'env'
      ? secretFromEnv(io.env, credentials.secretFrom.variable)
      : await secretFromStdin(io.stdin, (text) => output.err.write(text), undefined, stopped);
  if (!read.ok) return read.interrupted ? { kind: 'interrupted' } : { kind: 'usage', message: read.message };
  const endpoint = plan.endpoint ?? {
    preset: DEFAULT_PRESET,
    tokenUrl: PRESETS[DEFAULT_PRESET].tokenUrl ?? '',
  };
  return {
    kind: 'send',
    request: {
      requestId: REQUEST_ID,
      preset: endpoint.preset,
      tokenUrl: endpoint.tokenUrl,
      clientId: credentials.clientId,
      clientSecret: read.secret,
      grantType: plan.grantType ?? DEFAULT_GRANT_TYPE,
      scope: plan.scope ?? PRESETS[endpoint.preset].scope,
    },
  };
}

/** After a failure, what the pre-flight checks say; their rules load only then. */
async function withFindings(result: TokenResult, sent: ResolvedTokenRequest): Promise<TokenResult> {
  return result.ok ? result : (await import('../../../app/preflight')).withFindings(result, sent);
}

/** What was being prepared, or an interruption when a signal comes first (nothing is sent then). */
async function untilInterrupted(preparing: Promise<Prepared>, stopped: AbortSignal): Promise<Prepared> {
  const interrupted = new Promise<Prepared>((resolve) => {
    if (stopped.aborted) resolve({ kind: 'interrupted' });
    stopped.addEventListener('abort', () => resolve({ kind: 'interrupted' }), { once: true });
  });
  const prepared = await Promise.race([preparing, interrupted]);
  return stopped.aborted ? { kind: 'interrupted' } : prepared;
}

const noSandbox = () => Promise.reject(new Error('The sandbox was not asked for.'));

interface Sent {
  readonly result: TokenResult;
  /** Null unless --check-access and a token came back. */
  readonly access: AccessCheckResult | null;
  /** Ctrl-C (or a termination signal) cancelled what was in flight. */
  readonly interrupted: boolean;
}

/** The check after a token, while the sandbox (if used) still runs: its Messaging API answers. */
async function checkAccess(
  token: TokenSuccess,
  request: ResolvedTokenRequest,
  messagingUrl: string | null,
  fetch: FetchLike,
  deadlineMs: number,
  io: CliIo,
  stopped: AbortSignal,
): Promise<AccessCheckResult> {
  const { createAccessService, unsentCheck } = await import('../../access/access-service');
  const base = { requestId: REQUEST_ID, requestedScope: request.scope, grantedScope: token.scope };
  // Loaded already when the sandbox ran: its server module says where its Messaging API is.
  const sandboxBase =
    request.preset === 'sandbox'
      ? (await import('../../sandbox/sandbox-server')).sandboxMessagingBase(token.tokenUrl)
      : null;
  const target = accessCheckTarget(request.preset, messagingUrl ?? undefined, sandboxBase);
  if (!target.ok)
    return unsentCheck(
      base,
      request.preset === 'v2' ? 'access:v2-not-checked' : 'invalid-input',
      target.reason,
      io.now(),
    );
  // Ctrl-C while the check's code loaded: nothing is sent.
  if (stopped.aborted) return unsentCheck(base, 'cancelled', 'Cancelled before it was sent.', io.now());
  const access = createAccessService({ fetch, deadlineMs, now: () => io.now() });
  stopped.addEventListener('abort', () => access.cancel(REQUEST_ID), { once: true });
  return access.check({
    ...base,
    checkUrl: target.url,
    accessToken: token.accessToken,
    clientSecret: request.clientSecret,
    tokenType: token.tokenType,
  });
}

/** One request through the app's token service; "sandbox" runs for this request only. */
async function send(
  request: ResolvedTokenRequest,
  deadlineMs: number,
  io: CliIo,
  check: { readonly messagingUrl: string | null } | null,
  stop: AbortController,
): Promise<Sent> {
  // The sandbox's server code (node:http's server side, node:crypto) loads only for the sandbox.
  const sandbox =
    request.preset === 'sandbox' ? (await import('../../sandbox/sandbox-server')).lazySandbox() : null;
  const fetch = createNodeHttpFetch({ env: io.env });
  const tokens = createTokenService({
    fetch,
    sandboxUrl: sandbox?.url ?? noSandbox,
    deadlineMs,
    now: () => io.now(),
    // Node's `performance` global costs a cold process a few modules to load; hrtime is at hand.
    monotonic: () => Number(process.hrtime.bigint()) / 1e6,
  });
  // Ctrl-C cancels what is in flight, and the answer (cancelled) is printed as any other: with
  // --json, the one object a script expects.
  stop.signal.addEventListener('abort', () => tokens.cancel(request.requestId), { once: true });
  try {
    const result = await tokens.request(request);
    const access =
      check !== null && result.ok && !stop.signal.aborted
        ? await checkAccess(result, request, check.messagingUrl, fetch, deadlineMs, io, stop.signal)
        : null;
    // A signal that came while the answer was being read is handled before the exit status is
    // chosen: the check phase of the event loop comes after its signals.
    await new Promise((resolve) => setImmediate(resolve));
    return { result, access, interrupted: stop.signal.aborted };
  } finally {
    await sandbox?.close();
  }
}

export async function requestCommand(options: OptionValues, io: CliIo, output: Output): Promise<ExitCode> {
  if (options['all-profiles'] === true) {
    return (await import('./all-profiles')).allProfilesCommand(options, io, output);
  }
  const planned = planRequest(options);
  const json = options.json === true;
  if (!planned.ok) {
    return reportUsageError(output, { command: 'request', message: planned.message, json }, io.runAs);
  }
  const { plan } = planned;
  // Ctrl-C or a termination signal, from here to the end: at the secret prompt, while stdin or the
  // keychain is read, or while the request waits. Each is reported as an interruption (exit 130,
  // with --json its one object), never the process killed with nothing said and, at a terminal,
  // its echo left off. Listened for once: a second signal ends the process as signals do.
  const stop = new AbortController();
  void io.untilStopped().then(() => stop.abort());

  // The profile code (its file schema, the keychain) is only loaded when a profile is used.
  const prepared = await untilInterrupted(
    plan.credentials.kind === 'profile'
      ? (await import('./profile-request')).withProfile(plan, plan.credentials.name, io, output)
      : withTypedSecret(plan, plan.credentials, io, output, stop.signal),
    stop.signal,
  );
  if (prepared.kind === 'interrupted') {
    // A script reading --json gets its one object here too, never a half-typed secret; a person
    // at the terminal gets the same sentence (with the prompt, on standard error).
    const atPrompt =
      plan.credentials.kind === 'typed' &&
      plan.credentials.secretFrom.kind === 'stdin' &&
      io.stdin.isTTY === true;
    const message = atPrompt ? INTERRUPTED_AT_PROMPT : INTERRUPTED_BEFORE_SENDING;
    if (json) output.out.json(interruptedJson(message));
    else output.err.line(message);
    return EXIT.interrupted;
  }
  if (prepared.kind === 'usage') {
    return reportUsageError(output, { command: 'request', message: prepared.message, json }, io.runAs);
  }

  // The token and access services redact what servers said (app/redact.ts); nothing else here is
  // from outside.
  const sent: Sent =
    prepared.kind === 'result'
      ? { result: prepared.result, access: null, interrupted: false }
      : await send(
          prepared.request,
          plan.deadlineMs ?? readConfig(io.env).deadlineMs,
          io,
          plan.checkAccess ? { messagingUrl: plan.messagingUrl } : null,
          stop,
        );
  const result = prepared.kind === 'result' ? sent.result : await withFindings(sent.result, prepared.request);
  const { access } = sent;
  // With --check-access, a token alone is not success: the check's verdict decides.
  const exitCode = sent.interrupted
    ? EXIT.interrupted
    : access === null
      ? exitCodeFor(result)
      : exitCodeForAccess(access);
  if (plan.json) {
    const json = resultJson(result, exitCode, plan.showToken);
    output.out.json(
      plan.checkAccess ? { ...json, accessCheck: access === null ? null : accessJson(access) } : json,
    );
  } else {
    output.out.line(
      resultText(result, { showToken: plan.showToken, paint: output.out.paint, now: io.now() }),
    );
    if (access !== null) output.out.line(accessText(access, output.out.paint));
  }
  return exitCode;
}
