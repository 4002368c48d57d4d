// Saving a changed profile, by what changed: its fields only, a new secret at the same endpoint,
// or a move to a new endpoint, each with its own order of keychain and file (the profile service,
// profile-service.ts, checks the change and runs it under the profile's lock).
import type { IpcFailure } from '../../app/ipc-contract';
import type { KeychainFailure, KeychainProblem } from '../../app/keychain';
import { sameName, type Profile, type SecretState } from '../../app/profiles';
import { classifyKeychainError, type Keychain } from './keychain';
import {
  nameTaken,
  notFound,
  removalMayStillGoThrough,
  summary,
  toKeychainFailure,
  withConsequence,
  type Saved,
  type SecretSave,
} from './profile-answers';
import type { ProfileStore } from './profile-store';

/**
 * What a caller (an import) knows of the keychain for a save without a secret: `down`, found so
 * already (the state of the secret saved before is not asked: 'unknown'); `unread`, told the
 * problem when that state could not be read.
 */
export interface KeychainKnown {
  readonly down?: boolean;
  readonly unread?: (problem: KeychainProblem) => void;
}

export function profileUpdates({
  store,
  keychain,
}: {
  readonly store: ProfileStore;
  readonly keychain: Keychain;
}) {
  /** The profile's new fields into the file. */
  function writeUpdate(profileId: string, updated: Profile): Promise<'saved' | IpcFailure> {
    // The name is checked again in the write queue, where no other save can land in between: two
    // renames (or a rename and a create) to the same name must not both succeed.
    return store.change((profiles): { profiles: readonly Profile[]; result: 'saved' | IpcFailure } => {
      const index = profiles.findIndex((p) => p.id === profileId);
      if (index < 0) return { profiles, result: notFound() };
      // A profile keeping the very name it has is no new clash: an older version may have saved
      // another whose name this one reads alike (lookalike letters, characters drawn as nothing).
      const keepsName = profiles[index]?.name === updated.name;
      if (!keepsName && profiles.some((p) => p.id !== profileId && sameName(p.name, updated.name)))
        return { profiles, result: nameTaken(updated.name) };
      return { profiles: profiles.with(index, updated), result: 'saved' };
    });
  }

  /**
   * No new secret and the same endpoint: only the file changes; the keychain is only read, for the
   * secret's state the saved profile shows (not when the caller knows it is down: 'unknown'; a
   * read that fails is told to the caller's `unread`).
   */
  async function updateFields(
    profileId: string,
    updated: Profile,
    known: KeychainKnown = {},
  ): Promise<Saved | IpcFailure> {
    const secretState: SecretState = known.down
      ? 'unknown'
      : await keychain.getSecret(profileId).then(
          (value) => (value === null ? 'missing' : 'stored'),
          (error: unknown) => {
            // Told to the caller, so that an import finding the keychain down here asks it no more.
            known.unread?.(classifyKeychainError(error));
            return 'unknown' as const;
          },
        );
    const written = await writeUpdate(profileId, updated);
    return written === 'saved' ? { ok: true, profile: summary(updated, secretState) } : written;
  }

  /**
   * The same endpoint with a new secret: the new secret first, then the file; if the file cannot
   * be written, the old secret goes back, so a failed save loses nothing.
   */
  async function updateSecret(save: SecretSave): Promise<Saved | KeychainFailure | IpcFailure> {
    try {
      await keychain.setSecret(save.profileId, save.secret, { putBack: save.previous });
    } catch (error) {
      return toKeychainFailure(error);
    }
    const written = await writeOrPutBack(save);
    return written === 'saved' ? { ok: true, profile: summary(save.updated, 'stored') } : written;
  }

  /**
   * A new endpoint: the old secret out first, then the file, then the new secret, so that no
   * moment, and no crash between two steps, leaves the old endpoint saved with the new secret (or
   * the new endpoint with the old one): in between, the profile has no secret, and nothing is
   * sent. Until the file is written, a failure puts the old secret back; after, the new endpoint
   * stays, without a secret.
   */
  async function moveEndpoint(save: SecretSave): Promise<Saved | KeychainFailure | IpcFailure> {
    const { profileId, updated, secret, previous } = save;
    try {
      if (previous !== null) await keychain.deleteSecret(profileId);
    } catch (error) {
      return removalMayStillGoThrough(
        error,
        'The profile keeps its endpoint',
        'its saved secret',
        'type it again',
      );
    }
    const written = await writeOrPutBack(save);
    if (written !== 'saved') return written;
    try {
      // Late or not, this secret is the one saved with the new endpoint: kept if it lands.
      await keychain.setSecret(profileId, secret, 'keep');
    } catch (error) {
      // Not undone: the file going back to the old endpoint would pair it with this secret if
      // the write lands late, and the old secret cannot be put back behind a write the
      // keychain has not answered. The new endpoint without a secret sends nothing: said so.
      const failure = toKeychainFailure(error);
      return withConsequence(
        failure,
        'The profile now has its new endpoint, but not its new secret: type the secret again and save.',
        `The profile now has its new endpoint, but the keychain did not take its new secret (${failure.message}). Type the secret again and save.`,
      );
    }
    return { ok: true, profile: summary(updated, 'stored') };
  }

  /**
   * The file written after the keychain has changed (a new secret in, or the old one out). If it
   * is not, the secret saved before goes back, as the profile keeps its fields.
   */
  async function writeOrPutBack({ profileId, updated, previous }: SecretSave): Promise<'saved' | IpcFailure> {
    const restore = async () => {
      if (previous === null) await keychain.deleteSecret(profileId);
      else await keychain.setSecret(profileId, previous, 'keep');
    };
    let written: 'saved' | IpcFailure;
    try {
      written = await writeUpdate(profileId, updated);
    } catch (error) {
      await restore().catch(() => {
        throw new Error(
          'The profiles file could not be written, and the secret saved before could not be put back in the keychain.',
          { cause: error },
        );
      });
      throw error;
    }
    if (written !== 'saved') {
      if (written.kind === 'not-found') {
        // Deleted meanwhile (its secret first): the secret just written must not stay behind.
        await keychain.deleteSecret(profileId).catch(() => undefined);
      } else {
        // The name was taken meanwhile: the profile keeps its old secret, as it keeps its fields.
        await restore().catch(() => undefined);
      }
    }
    return written;
  }

  return { updateFields, updateSecret, moveEndpoint };
}
