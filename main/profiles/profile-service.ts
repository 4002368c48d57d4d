// Profile operations: the file holds everything but the secret, the keychain holds the secret
// under the profile's id. Keychain failures come back as values the UI can explain; the app never
// falls back to writing a secret anywhere else.
import { randomUUID } from 'node:crypto';
import { sameEndpoint } from '../../app/endpoints';
import type { IpcFailure, KeychainStatus, ProfileList, SaveProfileInput } from '../../app/ipc-contract';
import { KEYCHAIN_ADVICE, keychainFailure, MAX_SECRET_BYTES, type KeychainFailure } from '../../app/keychain';
import { copyName, MAX_PROFILES, sameName, type Profile, type ProfileFields } from '../../app/profiles';
import { ipcFailure } from '../ipc/router';
import { classifyKeychainError, type Keychain } from './keychain';
import {
  keptWithoutSecret,
  nameTaken,
  notFound,
  removalMayStillGoThrough,
  secretInTokenUrl,
  stillOurs,
  summary,
  toKeychainFailure,
  unwritable,
  type Saved,
  type SecretSave,
} from './profile-answers';
import { profileUpdates, type KeychainKnown } from './profile-update';
import type { StillHeld } from '../storage/folder-taken-over';
import type { ProfileStore } from './profile-store';

export interface ProfileServiceOptions {
  readonly store: ProfileStore;
  readonly keychain: Keychain;
  readonly now?: () => number;
  readonly newId?: () => string;
  /** Whether this process still holds the data folder: no keychain entry is touched once not. */
  readonly stillHeld?: StillHeld;
}

// The rule that a stored secret is only sent to the endpoint saved with it would mean nothing if
// saving a new endpoint carried the stored secret along: moving it takes the secret typed again.
const secretNeededToMove = () =>
  ipcFailure('invalid-input', 'The saved secret stays with the endpoint it was saved for.', [
    { field: 'secret', message: 'Type the client secret again to save this profile with the new endpoint.' },
  ]);

// The profiles file holds at most MAX_PROFILES (a longer one would be refused as damaged on load),
// a later version's that this one keeps without listing them (profile-store.ts, held) among them.
const full = (held = 0) =>
  ipcFailure(
    'conflict',
    `The app keeps at most ${MAX_PROFILES} profiles${held > 0 ? ` (${held} of them saved by a newer version of the app, not listed here)` : ''}. Delete one you no longer need, then save again.`,
  );

/**
 * A later version's profile kept unlisted (profile-store.ts, held) of a name that reads as `name`:
 * its name is taken too, or going forward again the user had two profiles of one name.
 */
const heldNamed = (loaded: { readonly held?: readonly { readonly name: string }[] }, name: string) =>
  (loaded.held ?? []).some((p) => sameName(p.name, name));

/** How many more profiles the file takes. */
const room = (loaded: { readonly profiles: readonly Profile[]; readonly held?: readonly unknown[] }) =>
  MAX_PROFILES - loaded.profiles.length - (loaded.held?.length ?? 0);

export function createProfileService({
  store,
  keychain,
  now = Date.now,
  newId = randomUUID,
  stillHeld,
}: ProfileServiceOptions) {
  let noticesTaken = false;
  const { updateFields, updateSecret, moveEndpoint } = profileUpdates({ store, keychain });

  // One profile's secret and fields change together (update: the secret and the file, in the order
  // its path needs, profile-update.ts) and are read together (secret: the
  // fields, then the secret): each runs alone for its profile, so a request never pairs a
  // profile's new secret with its old endpoint, or the reverse.
  const busy = new Map<string, Promise<unknown>>();
  function exclusive<T>(profileId: string, work: () => Promise<T>): Promise<T> {
    const turn = (busy.get(profileId) ?? Promise.resolve()).then(work);
    const settled = turn.catch(() => undefined);
    busy.set(profileId, settled);
    void settled.then(() => {
      if (busy.get(profileId) === settled) busy.delete(profileId);
    });
    return turn;
  }

  async function find(profileId: string): Promise<Profile | undefined> {
    return (await store.load()).profiles.find((p) => p.id === profileId);
  }

  async function list(): Promise<ProfileList> {
    const { profiles, notices } = await store.load();
    let stored: ReadonlySet<string> | null = null;
    let status: KeychainStatus = { available: true, problem: null };
    try {
      stored = await keychain.accounts();
    } catch (error) {
      status = { available: false, problem: classifyKeychainError(error) };
    }
    const shownNotices = noticesTaken ? [] : notices;
    noticesTaken = true;
    return {
      ok: true,
      profiles: profiles.map((p) =>
        summary(p, stored === null ? 'unknown' : stored.has(p.id) ? 'stored' : 'missing'),
      ),
      keychain: status,
      keychainAdvice: status.available ? null : KEYCHAIN_ADVICE[status.problem ?? 'unavailable'],
      notices: shownNotices,
    };
  }

  async function create(
    fields: ProfileFields,
    secret: string | null,
  ): Promise<Saved | KeychainFailure | IpcFailure> {
    if (secret === null) {
      const words = 'Enter the client secret to save it to the keychain.';
      return ipcFailure('invalid-input', words, [{ field: 'secret', message: words }]);
    }
    return insert(fields, secret);
  }

  /** A new profile; without a secret (an import that had none), its secret shows as missing. */
  async function insert(
    fields: ProfileFields,
    secret: string | null,
  ): Promise<Saved | KeychainFailure | IpcFailure> {
    const loaded = await store.load();
    const refused = unwritable(loaded) ?? secretInTokenUrl(fields.tokenUrl, secret);
    if (refused) return refused;
    const current = loaded.profiles;
    if (current.some((p) => sameName(p.name, fields.name))) return nameTaken(fields.name);
    if (heldNamed(loaded, fields.name)) return nameTaken(fields.name, true);
    const held = loaded.held?.length ?? 0;
    if (room(loaded) <= 0) return full(held);
    const at = now();
    const profile: Profile = { ...fields, id: newId(), createdAt: at, updatedAt: at };
    // The file first, then the secret: a process killed in between leaves a profile listed with
    // its secret missing, to fix or delete; the other order left a secret no profile names (an
    // import killed midway). The name and the room are checked again in the write queue (another
    // save may have landed), and the profile's own turn is held until its secret is in: an edit
    // from another tab, or a request, waits, and is not lost with a profile the keychain refused.
    return exclusive(profile.id, () => insertNew(profile, held, secret));
  }

  async function insertNew(
    profile: Profile,
    held: number,
    secret: string | null,
  ): Promise<Saved | KeychainFailure | IpcFailure> {
    const refusal = await store.change((profiles) => {
      if (profiles.some((p) => sameName(p.name, profile.name)))
        return { profiles, result: nameTaken(profile.name) };
      if (profiles.length + held >= MAX_PROFILES) return { profiles, result: full(held) };
      return { profiles: [...profiles, profile], result: null };
    });
    if (refusal !== null) return refusal;
    try {
      if (secret !== null) await keychain.setSecret(profile.id, secret, { putBack: null });
    } catch (error) {
      // Not saved: the profile goes again (a secret the keychain takes late is taken back then).
      const failure = toKeychainFailure(error);
      const dropped = await store
        .change((profiles) => ({ profiles: profiles.filter((p) => p.id !== profile.id), result: true }))
        .catch(() => false);
      return dropped ? failure : keptWithoutSecret(failure);
    }
    return { ok: true, profile: summary(profile, secret === null ? 'missing' : 'stored') };
  }

  async function update(
    profileId: string,
    fields: ProfileFields,
    secret: string | null,
    known: KeychainKnown = {},
  ): Promise<Saved | KeychainFailure | IpcFailure> {
    const existing = await find(profileId);
    if (!existing) return notFound();
    const refused = unwritable(await store.load()) ?? secretInTokenUrl(fields.tokenUrl, secret);
    if (refused) return refused;
    // Keeping its own name is no new clash (see profile-update.ts, writeUpdate).
    const loaded = await store.load();
    if (
      existing.name !== fields.name &&
      loaded.profiles.some((p) => p.id !== profileId && sameName(p.name, fields.name))
    )
      return nameTaken(fields.name);
    if (existing.name !== fields.name && heldNamed(loaded, fields.name)) return nameTaken(fields.name, true);
    if (secret === null && !sameEndpoint(fields, existing)) return secretNeededToMove();
    const updated: Profile = { ...existing, ...fields, updatedAt: now() };
    if (secret === null) return updateFields(profileId, updated, known);
    await stillOurs(stillHeld);
    // With a new secret (same endpoint or not), the secret saved before is read first: it is what
    // goes back if the file cannot be written.
    let previous: string | null;
    try {
      previous = await keychain.getSecret(profileId);
    } catch (error) {
      return toKeychainFailure(error);
    }
    const save: SecretSave = { profileId, updated, secret, previous };
    return sameEndpoint(fields, existing) ? updateSecret(save) : moveEndpoint(save);
  }

  return {
    list,
    /**
     * The saved profiles as the file has them, without asking the keychain (an import's names and
     * count): a keychain that does not answer costs each listing its whole timeout.
     */
    saved: async (): Promise<readonly Profile[]> => (await store.load()).profiles,
    /** How many profiles the file holds: those saved, and a later version's it keeps unlisted. */
    count: async (): Promise<number> => MAX_PROFILES - room(await store.load()),
    find,
    /** As `find`, once a change of that profile under way (a save, a delete) has finished. */
    findSettled: (profileId: string) => exclusive(profileId, () => find(profileId)),
    /** For imports: a new profile, its secret (if the source had one) to the keychain only. */
    add: insert,

    /**
     * `known`: what the caller (an import) knows of the keychain: found down, a save without a
     * secret does not ask it for the state of the secret saved before (it shows as 'unknown'); a
     * read of that state that fails is told to `known.unread`.
     */
    save(input: SaveProfileInput, known: KeychainKnown = {}): Promise<Saved | KeychainFailure | IpcFailure> {
      return input.profileId === null
        ? create(input.fields, input.secret)
        : exclusive(input.profileId, () => update(input.profileId!, input.fields, input.secret, known));
    },

    async duplicate(profileId: string): Promise<Saved | KeychainFailure | IpcFailure> {
      if (!(await find(profileId))) return notFound();
      // Refused before the secret is read (a keychain prompt, on some systems) when the copy
      // could not be saved anyway (a file left as it is, no room, the folder taken over).
      const loaded = await store.load();
      const refused = unwritable(loaded) ?? (room(loaded) <= 0 ? full(loaded.held?.length) : null);
      if (refused) return refused;
      await stillOurs(stillHeld);
      // The fields and the secret read together, under the original's lock: a save that moves it
      // (a new endpoint, a new secret) in between must not give a copy the old endpoint with the
      // new secret, which every request from the copy would then send there.
      const stored = await exclusive(profileId, () => secret(profileId));
      if (!stored.ok) return stored;
      const latest = await store.load();
      const names = [...latest.profiles, ...(latest.held ?? [])].map((p) => p.name);
      const { id: _id, createdAt: _c, updatedAt: _u, ...fields } = stored.profile;
      return create({ ...fields, name: copyName(stored.profile.name, names) }, stored.secret);
    },

    remove: (profileId: string) => exclusive(profileId, () => remove(profileId)),

    /**
     * For a run over many profiles: the accounts the keychain lists, once, to hand to `secret`.
     * keytar's read answers "no entry" for a locked keychain too, and where keytar runs in a
     * helper that is told apart by listing the keychain (main/profiles/keychain.ts), which reads
     * every entry: once for each profile without a secret, a run over hundreds took minutes.
     * Undefined where reads do not list.
     */
    listed: async (): Promise<ReadonlySet<string> | KeychainFailure | undefined> =>
      // Elsewhere a read lists nothing, and a listing is not risked (keytar in this process
      // crashes it listing a locked keychain on Linux).
      keychain.listsOnMissing === true
        ? keychain.accounts().catch((error: unknown) => toKeychainFailure(error))
        : undefined,

    /**
     * For "Reveal secret" and for requests: the stored secret, or why it cannot be had. With
     * `listed` (from `listed`), a profile whose account is not in it has no secret, said without
     * asking the keychain.
     */
    secret: (profileId: string, listed?: ReadonlySet<string>) =>
      exclusive(profileId, () => secret(profileId, listed)),
  };

  async function remove(profileId: string): Promise<{ readonly ok: true } | KeychainFailure | IpcFailure> {
    if (!(await find(profileId))) return notFound();
    // Before the secret goes: a profile the file cannot drop must keep its secret.
    const refused = unwritable(await store.load());
    if (refused) return refused;
    await stillOurs(stillHeld);
    // The secret goes first: a profile is only dropped once its secret is known to be gone. If
    // the file then cannot be written (a full disk), the secret goes back: nothing was deleted.
    let previous: string | null;
    try {
      previous = await keychain.getSecret(profileId);
    } catch (error) {
      return toKeychainFailure(error);
    }
    try {
      await keychain.deleteSecret(profileId);
    } catch (error) {
      return removalMayStillGoThrough(
        error,
        'The profile is kept',
        'its secret',
        'delete it again, or type the secret and save',
      );
    }
    try {
      await store.change((profiles) => ({
        profiles: profiles.filter((p) => p.id !== profileId),
        result: undefined,
      }));
    } catch (error) {
      if (previous === null) throw error;
      const putBack = await keychain.setSecret(profileId, previous, 'keep').then(
        () => true,
        () => false,
      );
      if (putBack) throw error;
      return ipcFailure(
        'app-error',
        'The profile was not deleted: its file could not be written, and its secret, already taken out of the keychain, could not be put back. Type the secret again and save the profile.',
      );
    }
    return { ok: true };
  }

  async function secret(
    profileId: string,
    listed?: ReadonlySet<string>,
  ): Promise<
    { readonly ok: true; readonly secret: string; readonly profile: Profile } | KeychainFailure | IpcFailure
  > {
    const profile = await find(profileId);
    if (!profile) return notFound();
    if (listed !== undefined && !listed.has(profileId)) return keychainFailure('missing');
    try {
      const secret = await keychain.getSecret(profileId);
      if (secret === null) return keychainFailure('missing');
      // Longer than any the app saves: the entry was written by another program (secret-tool, a
      // script), and is not this profile's client secret. Not sent, not handed to the window.
      if (Buffer.byteLength(secret, 'utf8') > MAX_SECRET_BYTES)
        return keychainFailure(
          'too-large',
          `Secret too large: the secret in the keychain is longer than ${MAX_SECRET_BYTES} bytes, more than the app saves, so it was changed outside the app.`,
        );
      return { ok: true, secret, profile };
    } catch (error) {
      return toKeychainFailure(error);
    }
  }
}

export type ProfileService = ReturnType<typeof createProfileService>;
