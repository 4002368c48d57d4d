// What the profile service answers, said one way for each of its operations (profile-service.ts,
// profile-update.ts): a saved profile, a keychain failure the window can explain, a refusal.
import { keychainFailure, type KeychainFailure } from '../../app/keychain';
import type { Profile, ProfileSummary, SecretState } from '../../app/profiles';
import { ipcFailure } from '../ipc/router';
import { TAKEN_OVER, type StillHeld } from '../storage/folder-taken-over';
import { NotWritable } from '../storage/json-store';
import { holdsSecret } from '../token/secret-in-url';
import { classifyKeychainError } from './keychain';

export type Saved = { readonly ok: true; readonly profile: ProfileSummary };

/** A save with a new secret: the profile as it will be saved, and the secret saved before (null: none). */
export type SecretSave = {
  readonly profileId: string;
  readonly updated: Profile;
  readonly secret: string;
  readonly previous: string | null;
};

export function toKeychainFailure(error: unknown): KeychainFailure {
  const problem = classifyKeychainError(error);
  return keychainFailure(problem, error instanceof Error ? error.message : undefined);
}

/**
 * A delete of a profile's secret that the keychain has not answered may still happen (it is not
 * undone): the failure says so, in one wording for a save and a delete, with what the profile
 * keeps and what to do if its secret then shows as missing.
 */
export function removalMayStillGoThrough(
  error: unknown,
  kept: string,
  secret: string,
  advice: string,
): KeychainFailure {
  return withConsequence(
    toKeychainFailure(error),
    `${kept}, but the removal of ${secret} may still go through: if it then shows its secret as missing, ${advice}.`,
  );
}

/**
 * A keychain failure that left something as it was not meant to be (a profile listed without its
 * secret, a removal that may still happen), said after the keychain's own message and in the
 * advice: the window shows the advice (its title, then this, then the remedy), not the message.
 * `message`: the message in full, where it says the keychain's own words otherwise.
 */
export function withConsequence(
  failure: KeychainFailure,
  consequence: string,
  message = `${failure.message.replace(/\.?$/, '.')} ${consequence}`,
): KeychainFailure {
  const { title, remedy } = failure.advice;
  return { ...failure, message, advice: { title, remedy: `${consequence} ${remedy}` } };
}

/**
 * A new profile written to the profiles file, whose secret the keychain then refused, and which the
 * file could not take out again: it stays listed with its secret missing. Said in the message and
 * in the advice too (what the window shows of a keychain failure), and marked for an import, whose
 * row is then imported without its secret rather than failed.
 */
export type KeptWithoutSecret = KeychainFailure & { readonly keptWithoutSecret: true };

export function keptWithoutSecret(failure: KeychainFailure): KeptWithoutSecret {
  const kept =
    'The secret was not saved, and the profile is listed without it: select it in the list, type the secret and save, or delete it.';
  return { ...withConsequence(failure, kept), keptWithoutSecret: true };
}

export const summary = (profile: Profile, secretState: SecretState): ProfileSummary => ({
  ...profile,
  secretState,
});
export const notFound = () => ipcFailure('not-found', 'That profile no longer exists.');
/** `unlisted`: the name is a later version's profile's, kept in the file unlisted (profile-store.ts, held). */
export const nameTaken = (name: string, unlisted = false) =>
  // The issue is the message's own advice: the window shows a message with its issue, said once.
  ipcFailure(
    'conflict',
    `A profile named “${name}” already exists${unlisted ? ' (saved by a newer version of the app, not listed here)' : ''}. Choose another name.`,
    [{ field: 'name', message: 'Choose another name.' }],
  );

/**
 * A token URL that holds the profile's own secret (or a part of it) would keep the secret in the
 * profiles file and its exports, outside the keychain: refused, without repeating it.
 */
export function secretInTokenUrl(tokenUrl: string, secret: string | null) {
  if (secret === null || !holdsSecret(tokenUrl, secret)) return null;
  const words =
    'The token URL holds the client secret (or a part of it), which the profiles file would keep outside the keychain. Remove it from the URL: the secret is sent in the request body.';
  return ipcFailure('invalid-input', words, [{ field: 'tokenUrl', message: words }]);
}

/**
 * A profiles file that must not be written over (left as it is: see its notice) refuses a change
 * before the keychain is touched: no secret written only to be taken back (a keychain prompt
 * each time, on some systems), none deleted for a profile the file cannot drop.
 */
export function unwritable(loaded: { readonly writable?: boolean }) {
  return loaded.writable === false
    ? ipcFailure('app-error', new NotWritable('Your saved profiles').message)
    : null;
}

/**
 * Before a save or a delete touches a profile's keychain entry: once another program took the data
 * folder over (storage/folder-taken-over.ts), that entry (the same service and account) may be its
 * own now, and the file write that follows would be refused anyway. Refused as the profiles file
 * refuses it (thrown, the same NotWritable), once per operation: it reads the lock file. A new
 * profile (an import's row) needs none: its file write comes first, and the store asks. A copy
 * asks before it reads the original's secret (a prompt, perhaps the other program's entry).
 */
export async function stillOurs(stillHeld: StillHeld | undefined): Promise<void> {
  if (stillHeld && !(await stillHeld())) throw new NotWritable('Your saved profiles', TAKEN_OVER);
}
