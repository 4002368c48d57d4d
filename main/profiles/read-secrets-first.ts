// Every chosen profile's secret, read before a run's first request is sent: the window's "Check
// all profiles" (main/handlers/batch-checks.ts) and `telstra-token request --all-profiles`. Each
// secret read is made known to the redaction of every answer at once (`known`): a server that
// holds one profile's secret could otherwise put it in an earlier profile's answer, kept or
// printed before that secret was ever sent. The keychain is listed once for the run (a profile
// not in the listing has no secret: profile-service.ts, listed); a keychain down for one read
// (not answering, locked, unreachable) is down for all, and the rest are not asked (a keychain
// that does not answer costs its whole limit each time).
import { isIpcFailure } from '../../app/ipc-contract';
import { isKeychainFailure, KEYCHAIN_DOWN, type KeychainProblem } from '../../app/keychain';
import type { ProfileService } from './profile-service';

/** A profile's secret as the profile service reads it (with the profile saved with it). */
export type Stored = Awaited<ReturnType<ProfileService['secret']>>;

/** Why a run asks the keychain nothing more. */
export interface KeychainDown {
  readonly problem: KeychainProblem;
  readonly message: string;
}

/** What a keychain answer says of the whole keychain: down (for the rest of the run), or null. */
export function downOf(answer: unknown): KeychainDown | null {
  return isKeychainFailure(answer) && KEYCHAIN_DOWN.has(answer.problem)
    ? { problem: answer.problem, message: answer.message }
    : null;
}

export async function readSecretsFirst(
  profiles: Pick<ProfileService, 'secret' | 'listed'>,
  profileIds: readonly string[],
  options: {
    /** How many reads at once. */
    readonly lanes: number;
    /** Asked before each read: once true (Cancel, Ctrl-C), no more are made. */
    readonly stopped: () => boolean;
    readonly known: (secret: string) => void;
  },
): Promise<{ readonly read: Map<string, Stored>; readonly keychainDown: KeychainDown | null }> {
  const read = new Map<string, Stored>();
  let keychainDown: KeychainDown | null = null;
  const listing = await profiles.listed();
  keychainDown ??= downOf(listing);
  const listed = isKeychainFailure(listing) ? undefined : listing;
  let next = 0;
  const lane = async () => {
    while (next < profileIds.length && !options.stopped() && keychainDown === null) {
      const profileId = profileIds[next++]!;
      const stored = await profiles.secret(profileId, listed);
      read.set(profileId, stored);
      if (!isIpcFailure(stored) && stored.ok) options.known(stored.secret);
      keychainDown ??= downOf(stored);
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.lanes, profileIds.length) }, lane));
  return { read, keychainDown };
}
