// Requesting tokens: resolve the secret (typed, or from a saved profile's keychain entry), send,
// remember the request in memory, record the attempt in the history, schedule the expiry notice.
import { basicProbeSummary, probeVerdict } from '../../app/basic-probe';
import { sameEndpoint } from '../../app/endpoints';
import type { TokenRequestInput } from '../../app/ipc-contract';
import { isIpcFailure } from '../../app/ipc-contract';
import { isKeychainFailure } from '../../app/keychain';
import { withFindings } from '../../app/preflight';
import { keptError } from '../../app/batch-summary';
import { spokenResult } from '../../app/spoken-result';
import type { SpokenTokenResult, TokenResult } from '../../app/token-result';
import type { createExpiryNotifier } from '../expiry-notifier';
import type { HistoryStore } from '../history/history-store';
import { ipcFailure, type IpcHandlers } from '../ipc/router';
import type { ProfileService } from '../profiles/profile-service';
import type { AccessService } from '../access/access-service';
import type { RequestLog } from '../requests/request-log';
import { keychainRefusal, type ResolvedTokenRequest, type TokenService } from '../token/token-service';
import { cancelledUnsent } from '../token/token-failure';

/** A request not yet handed to the token service (its secret still being read): a Cancel marks it. */
interface Starting {
  cancelled: boolean;
}

export interface TokenHandlerDeps {
  readonly tokens: TokenService;
  readonly profiles: ProfileService;
  readonly history: HistoryStore;
  readonly log: RequestLog;
  readonly notifier: ReturnType<typeof createExpiryNotifier>;
  readonly now: () => number;
  readonly access?: Pick<AccessService, 'cancel'>;
  /** Aborted at quit: requests still reading their secret then are not sent. */
  readonly quitting?: AbortSignal;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '';
  }
}

/**
 * The request without where its secret comes from: what is sent (with the secret) and remembered.
 * Spelled out rather than spread, since every request takes this path and the copy is cheaper so.
 */
export function requestFields(input: TokenRequestInput): Omit<TokenRequestInput, 'secret'> {
  return {
    requestId: input.requestId,
    preset: input.preset,
    tokenUrl: input.tokenUrl,
    clientId: input.clientId,
    grantType: input.grantType,
    scope: input.scope,
    profileId: input.profileId,
  };
}

/** The window's answer: the result, with the sentence a screen reader is told of it. */
const spoken = (result: TokenResult): SpokenTokenResult => ({ ...result, spoken: spokenResult(result) });

export function tokenHandlers(
  deps: TokenHandlerDeps,
): Pick<IpcHandlers, 'requestToken' | 'cancelRequest' | 'probeBasicAuth'> {
  const { tokens, profiles, history, log, notifier, now } = deps;

  /** Into the history, without holding up the answer: the file is written in the background. */
  function record(
    input: TokenRequestInput,
    profileName: string | null,
    result: TokenResult,
    basic = false,
  ): void {
    void history
      .add({
        ...(basic ? { basic: true as const } : {}),
        id: result.requestId,
        at: result.receivedAt,
        profileName,
        host: hostOf(result.tokenUrl).slice(0, 300),
        preset: input.preset,
        outcome: result.outcome,
        ok: result.ok,
        status: result.status,
        error: keptError(result, input.clientId),
        durationMs: result.durationMs,
      })
      .catch(() => undefined); // history is a convenience; a full disk must not fail the request
  }

  const otherEndpoint = () =>
    ipcFailure('invalid-input', 'A saved secret is only sent to the endpoint saved with its profile.', [
      {
        field: 'tokenUrl',
        message:
          'The endpoint differs from the saved profile’s. Type the secret for a one-off request, or type it and save the profile to keep the new endpoint.',
      },
    ]);

  /** Reads the saved secret if asked to, then sends, unless `early` was cancelled meanwhile. */
  async function resolveAndSend(
    input: TokenRequestInput,
    early: Starting,
  ): ReturnType<IpcHandlers['requestToken']> {
    const formProfile = input.profileId ? ((await profiles.find(input.profileId)) ?? null) : null;
    let clientSecret: string;
    if (input.secret.source === 'typed') {
      clientSecret = input.secret.value;
    } else {
      // A stored secret is only sent to the endpoint saved with it, whatever the window asks;
      // checked before the keychain is asked, so a refused request never reads the secret...
      const saved = await profiles.find(input.secret.profileId);
      if (saved && !sameEndpoint(input, saved)) return otherEndpoint();
      const stored = await profiles.secret(input.secret.profileId);
      if (isIpcFailure(stored)) return stored;
      if (isKeychainFailure(stored)) {
        const refused = keychainRefusal(input, stored.problem, stored.message, now());
        record(input, formProfile?.name ?? null, refused);
        return spoken(refused);
      }
      // ...and again against the profile read with the secret (under its lock): a save that
      // moved the profile in between (a new endpoint, a new secret) must not pair the new
      // secret with the old endpoint, as "Renew automatically" replaying the last request would.
      if (!sameEndpoint(input, stored.profile)) return otherEndpoint();
      clientSecret = stored.secret;
    }
    const rest = requestFields(input);
    const request: ResolvedTokenRequest = { ...rest, clientSecret };
    const result = withFindings(
      early.cancelled ? cancelledUnsent(input, clientSecret, now()) : await tokens.request(request),
      request,
    );
    const profileName = formProfile?.name ?? null;
    log.remember({ input: rest, clientSecret, profileName, clientAuth: 'body', result });
    record(input, profileName, result);
    if (result.ok)
      void notifier.tokenReceived(result.expiresAt, hostOf(result.tokenUrl) || 'the token endpoint');
    return spoken(result);
  }

  // Requests not yet handed to the token service, by id: a Cancel while the profile or its secret
  // is read (the keychain may wait on the user, or on a save of the profile) was lost, and the
  // request was sent when the read was done (the service knows a request only once it has it).
  // A mark, not an AbortController: nothing waits on it, and a signal made for every request is a
  // cost on the IPC path of every click (npm run bench).
  const starting = new Map<string, Starting>();
  // Quitting cancels what the token service has in flight (tokens.cancelAll), and these with it.
  deps.quitting?.addEventListener('abort', () => starting.forEach((early) => (early.cancelled = true)), {
    once: true,
  });

  return {
    async requestToken(input) {
      // A second request under an id still running would take the first's place here, and a
      // Cancel would stop only the second: refused, as the token service refuses it.
      if (starting.has(input.requestId))
        return ipcFailure('conflict', 'A request with this id is already running.');
      // Once quitting has begun (browser mode's page can still ask meanwhile), nothing more is sent,
      // and nothing is read from the keychain or written to the history for it: an entry written
      // then came after the quit had stopped waiting for the history (main/services.ts).
      if (deps.quitting?.aborted === true)
        return spoken(
          cancelledUnsent(input, input.secret.source === 'typed' ? input.secret.value : '', now()),
        );
      const early: Starting = { cancelled: false };
      starting.set(input.requestId, early);
      try {
        return await resolveAndSend(input, early);
      } finally {
        if (starting.get(input.requestId) === early) starting.delete(input.requestId);
      }
    },
    /** "Try HTTP Basic authentication": the same request, credentials in a Basic header instead. */
    async probeBasicAuth({ requestId }) {
      const original = log.get(requestId);
      if (!original)
        return ipcFailure('not-found', 'That request is no longer available; send it again first.');
      const input = { ...original.input, requestId: `${requestId.slice(0, 50)}-basic` };
      const request = { ...input, clientSecret: original.clientSecret, clientAuth: 'basic' as const };
      const result = withFindings(await tokens.request(request), request);
      log.remember({
        input,
        clientSecret: original.clientSecret,
        profileName: original.profileName,
        clientAuth: 'basic',
        result,
      });
      record({ ...input, secret: { source: 'typed', value: '' } }, original.profileName, result, true);
      return {
        ok: true,
        body: original.result,
        basic: result,
        summary: basicProbeSummary(original.result, result),
        verdicts: { body: probeVerdict(original.result), basic: probeVerdict(result) },
      };
    },
    async cancelRequest({ requestId }) {
      const early = starting.get(requestId);
      if (early) early.cancelled = true;
      tokens.cancel(requestId);
      // The same Cancel stops a Messaging access check made with this request's token.
      deps.access?.cancel(requestId);
      return { ok: true };
    },
  };
}
