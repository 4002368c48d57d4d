// `request --profile NAME`: the saved profile's fields, and its secret from the keychain. The
// window's rule holds here too: a stored secret is only sent to the endpoint saved with it.
import { V2_NOT_CHECKED } from '../../../app/access-check';
import { sameEndpoint } from '../../../app/endpoints';
import { isIpcFailure } from '../../../app/ipc-contract';
import { sameName } from '../../../app/profiles';
import { keychainRefusal } from '../../token/token-service';
import { visibleControls } from '../format/terminal-safe';
import type { CliIo, Output } from '../io';
import { REQUEST_ID, SANDBOX_MESSAGING, type Prepared, type RequestPlan } from '../request-plan';
import { openProfiles, sameSave, savedNow, tellNotices, noProfiles } from './profile-access';
import { withoutUrlCredentials } from '../../token/url-credentials';

/** Reads of a profile and its secret, when the app saved it again in between each time. */
const READS = 3;

export async function withProfile(
  plan: RequestPlan,
  name: string,
  io: CliIo,
  output: Output,
  reads = 1,
  told = new Set<string>(),
): Promise<Prepared> {
  const { dataDir, store, profiles } = openProfiles(io, plan.userDataDir);
  const { profiles: saved, notices } = await store.load();
  // Each once: a read again may have set the file aside, or kept a copy and rewritten it, since.
  tellNotices(
    notices.filter((notice) => !told.has(notice)),
    output,
  );
  for (const notice of notices) told.add(notice);
  const alike = saved.filter((p) => sameName(p.name, name));
  // Names that compare alike now could both be saved by an older version (before lookalike
  // letters and characters drawn as nothing were compared away): the exact one, or none.
  const profile = alike.length > 1 ? alike.find((p) => p.name === name) : alike[0];
  if (!profile && alike.length > 1) {
    return {
      kind: 'usage',
      message: `More than one saved profile has a name that reads as the one given to --profile: ${alike.map((p) => `“${spelledOut(p.name)}”`).join(', ')}. Give the name exactly as saved, or rename one of them in the app.`,
    };
  }
  if (!profile) {
    // The name given is not repeated (it could be a secret typed in the wrong place).
    const known = saved.map((p) => `“${p.name}”`).join(', ');
    return {
      kind: 'usage',
      message:
        saved.length === 0
          ? noProfiles(dataDir, notices, io.runAs)
          : `No saved profile has the name given to --profile. Saved profiles: ${known}.`,
    };
  }
  const endpoint = plan.endpoint ?? profile;
  if (!sameEndpoint(endpoint, profile)) {
    const savedAt = profile.preset === 'custom' ? withoutUrlCredentials(profile.tokenUrl) : profile.preset;
    return {
      kind: 'usage',
      message: `A saved secret is only sent to the endpoint saved with its profile (${savedAt}), so --endpoint must be left out or match it. For a one-off request elsewhere, give the secret with --client-id and --secret-stdin or --secret-env.`,
    };
  }
  // As for --endpoint v2 (request-plan.ts): a v2 profile's key is not checked, so its secret is
  // neither read nor sent for a token no one would check.
  if (plan.checkAccess && endpoint.preset === 'v2') {
    return {
      kind: 'usage',
      message: `--check-access needs a profile whose endpoint is v3, the sandbox or a token URL; this one's is v2. ${V2_NOT_CHECKED}`,
    };
  }
  if (plan.messagingUrl !== null && endpoint.preset === 'sandbox')
    return { kind: 'usage', message: SANDBOX_MESSAGING };
  const request = {
    requestId: REQUEST_ID,
    preset: endpoint.preset,
    tokenUrl: endpoint.tokenUrl,
    clientId: profile.clientId,
    grantType: plan.grantType ?? profile.grantType,
    scope: plan.scope ?? profile.scope,
  };
  const stored = await profiles.secret(profile.id);
  if (isIpcFailure(stored)) return { kind: 'usage', message: stored.message };
  if (!stored.ok) {
    const result = keychainRefusal(unsent(request), stored.problem, stored.message, io.now());
    return { kind: 'result', result };
  }
  // The app may have saved or deleted the profile since the file was read (savedNow): the secret
  // goes only with the fields it was saved with.
  const now = await savedNow(dataDir, profile.id);
  if (now === null) return { kind: 'usage', message: 'That profile was deleted just now, in the app.' };
  if (now !== undefined && !sameSave(profile, now)) {
    if (reads < READS) return withProfile(plan, name, io, output, reads + 1, told);
    return {
      kind: 'usage',
      message: 'That profile is being saved again and again in the app; try again once it is saved.',
    };
  }
  return { kind: 'send', request: { ...request, clientSecret: stored.secret } };
}

/**
 * A request not sent (its secret could not be read), with where it would have gone: the sandbox's
 * address saved with a profile is an old run's, so for the sandbox none is known.
 */
export function unsent<T extends { readonly preset: string; readonly tokenUrl: string }>(request: T): T {
  return { ...request, tokenUrl: request.preset === 'sandbox' ? '' : request.tokenUrl };
}

/** A name with its characters drawn as nothing spelled out (Stage\u{3164}), so alike ones differ. */
const spelledOut = (name: string) =>
  visibleControls(name).replace(
    /[\p{Cf}\p{Default_Ignorable_Code_Point}\u2800]/gu,
    (char) => `\\u{${(char.codePointAt(0) ?? 0).toString(16)}}`,
  );
