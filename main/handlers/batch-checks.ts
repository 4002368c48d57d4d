// One profile's check in a "Check all profiles" run (main/handlers/batch-handlers.ts schedules
// them): its secret read from the keychain (every profile's before the run's first request), the
// token request exactly as the profile is saved with that secret, and optionally the Messaging
// access check. Nothing is sent after Cancel, nor once the keychain is down for the whole run.
import { accessCheckTarget, type AccessCheckResult } from '../../app/access-check';
import { BATCH_CONCURRENCY } from '../../app/batch-schedule';
import { V3_TOKEN_URL } from '../../app/endpoints';
import { isIpcFailure } from '../../app/ipc-contract';
import { withFindings } from '../../app/preflight';
import type { Profile } from '../../app/profiles';
import type { TokenResult } from '../../app/token-result';
import { unsentCheck } from '../access/access-result';
import type { AccessService } from '../access/access-service';
import type { ProfileService } from '../profiles/profile-service';
import { downOf, readSecretsFirst, type Stored } from '../profiles/read-secrets-first';
import type { RequestLog } from '../requests/request-log';
import { sandboxMessagingBase } from '../sandbox/sandbox-server';
import { failure } from '../token/token-failure';
import type { SentSecrets } from '../token/sent-secrets';
import { keychainRefusal, type TokenService } from '../token/token-service';
import type { Run } from './batch-run-state';

export interface ProfileCheckDeps {
  readonly tokens: Pick<TokenService, 'request'>;
  readonly access: Pick<AccessService, 'check'>;
  readonly profiles: Pick<ProfileService, 'findSettled' | 'secret' | 'listed'>;
  /** Every answer is redacted of these (main/token/sent-secrets.ts): a run's secrets go in first. */
  readonly sentSecrets?: Pick<SentSecrets, 'add'>;
  readonly log: RequestLog;
  readonly now: () => number;
}

export type { Stored };

/** One profile's answers in a run: the token request's, and the access check's if asked for. */
export interface ProfileCheck {
  readonly result: TokenResult;
  readonly access: AccessCheckResult | null;
  /** The client ID sent, as saved then (an edit during the run may have changed it); null: none. */
  readonly clientId?: string;
}

export function profileChecks(deps: ProfileCheckDeps) {
  const { tokens, access, profiles, log, now } = deps;

  const cancelledBeforeSending = (requestId: string, tokenUrl: string): TokenResult =>
    failure(requestId, tokenUrl, 0, now(), (text) => text, {
      kind: 'cancelled',
      message: 'Cancelled before it was sent.',
    });

  /** The run's Messaging access check of a token it was given (null: none to make). */
  async function accessCheck(requestId: string, result: TokenResult): Promise<AccessCheckResult | null> {
    const record = log.get(requestId);
    if (!result.ok || record === undefined) return null;
    const { input } = record;
    // Only a token from Telstra's own v3 token URL goes to Telstra's Messaging API (and the
    // sandbox's to the sandbox): a custom token URL's Messaging API is not known (the form's
    // Messaging API URL field is not part of a profile), nor is a "v3" profile's whose URL was
    // edited by hand. Its token is not sent to Telstra's, or anywhere, on a guess. Said.
    if (input.preset === 'custom' || (input.preset === 'v3' && input.tokenUrl !== V3_TOKEN_URL)) {
      const unsent = unsentCheck(
        { requestId, requestedScope: input.scope, grantedScope: result.scope },
        'access:custom-not-checked',
        'Messaging access is not checked in a run for a custom token URL.',
        now(),
      );
      log.rememberAccess(requestId, unsent);
      return unsent;
    }
    const sandboxBase = input.preset === 'sandbox' ? sandboxMessagingBase(result.tokenUrl) : null;
    const target = accessCheckTarget(input.preset, undefined, sandboxBase);
    // Where there is nothing to call (v2 keys have no Messaging v3 to ask), the row says nothing.
    if (!target.ok) return null;
    const checked = await access.check({
      requestId,
      requestedScope: input.scope,
      grantedScope: result.scope,
      tokenType: result.tokenType,
      checkUrl: target.url,
      accessToken: result.accessToken,
      clientSecret: record.clientSecret,
    });
    log.rememberAccess(requestId, checked);
    return checked;
  }

  /** Every chosen profile's secret, before any request of the run is sent (read-secrets-first.ts). */
  async function readSecrets(run: Run, chosen: readonly Profile[]): Promise<Map<string, Stored>> {
    const { read, keychainDown } = await readSecretsFirst(
      profiles,
      chosen.map((profile) => profile.id),
      {
        lanes: BATCH_CONCURRENCY,
        stopped: () => run.cancelled,
        known: (secret) => deps.sentSecrets?.add(secret),
      },
    );
    run.keychainDown ??= keychainDown;
    return read;
  }

  /** A profile's secret as read before the run, or read now; read again if the profile changed since. */
  async function storedSecret(profile: Profile, before: Map<string, Stored>): Promise<Stored> {
    const profileId = profile.id;
    const read = before.get(profileId);
    before.delete(profileId);
    if (read === undefined) return profiles.secret(profileId);
    if (isIpcFailure(read)) return read;
    if (!read.ok) {
      // Not read (no entry in the run's listing, or in the keychain then): read again if the
      // profile was saved (its secret may have been with it: a save after the run's one listing is
      // not in it) or deleted since the run started, as the command line's run does.
      const now = await profiles.findSettled(profileId);
      return now?.updatedAt === profile.updatedAt ? read : profiles.secret(profileId);
    }
    // After any change of it under way: a delete that has removed the secret but not yet the entry
    // must not find the secret read before still good to send.
    const now = await profiles.findSettled(profileId);
    return now?.updatedAt === read.profile.updatedAt ? read : profiles.secret(profileId);
  }

  async function check(
    run: Run,
    profile: Profile,
    requestId: string,
    withAccess: boolean,
    secrets: Map<string, Stored>,
  ): Promise<ProfileCheck> {
    // Cancel may come while the keychain is read: checked before and after, nothing is sent then.
    if (run.cancelled) return { result: cancelledBeforeSending(requestId, profile.tokenUrl), access: null };
    // A keychain that is down for one profile is down for all: the rest of the run says so at once
    // instead of asking it again for each profile (a minute or more of the same answer).
    if (run.keychainDown !== null) {
      const { problem, message } = run.keychainDown;
      return { result: keychainRefusal({ requestId, tokenUrl: '' }, problem, message, now()), access: null };
    }
    const stored = await storedSecret(profile, secrets);
    // Deleted since the run started: said as such, not as a secret gone from the keychain.
    if (isIpcFailure(stored) && stored.kind === 'not-found') {
      const message = 'This profile was deleted after the run started.';
      return {
        result: failure(requestId, profile.tokenUrl, 0, now(), (text) => text, {
          kind: 'profile-deleted',
          message,
        }),
        access: null,
      };
    }
    if (isIpcFailure(stored) || !stored.ok) {
      const problem = isIpcFailure(stored) ? 'missing' : stored.problem;
      run.keychainDown ??= downOf(stored);
      return {
        result: keychainRefusal({ requestId, tokenUrl: '' }, problem, stored.message, now()),
        access: null,
      };
    }
    if (run.cancelled) return { result: cancelledBeforeSending(requestId, profile.tokenUrl), access: null };
    // The profile as saved with this secret (read together), not as it was when the run started:
    // an edit during the run must not send its new secret to the old endpoint.
    const saved = stored.profile;
    const input = {
      requestId,
      preset: saved.preset,
      tokenUrl: saved.tokenUrl,
      clientId: saved.clientId,
      grantType: saved.grantType,
      scope: saved.scope,
      profileId: saved.id,
    };
    const clientSecret = stored.secret;
    run.inFlight.add(requestId);
    try {
      const request = { ...input, clientSecret };
      const result = withFindings(await tokens.request(request), request);
      log.remember({ input, clientSecret, profileName: saved.name, clientAuth: 'body', result });
      const checked = withAccess && !run.cancelled ? await accessCheck(requestId, result) : null;
      return { result, access: checked, clientId: saved.clientId };
    } finally {
      run.inFlight.delete(requestId);
    }
  }

  return { readSecrets, check };
}
