import { randomUUID } from 'node:crypto';
import type { HistoryStore } from '../history/history-store';
import type { IpcHandlers } from '../ipc/router';
import type { ProfileService } from '../profiles/profile-service';
import { notSaved } from './not-saved';

type ProfileMethods = 'listProfiles' | 'saveProfile' | 'duplicateProfile' | 'deleteProfile' | 'revealSecret';

function hostOf(url: string): string {
  try {
    return new URL(url).host.slice(0, 300);
  } catch {
    return '';
  }
}

export function profileHandlers(
  profiles: ProfileService,
  history: HistoryStore,
  now: () => number,
): Pick<IpcHandlers, ProfileMethods> {
  return {
    listProfiles: () => profiles.list(),
    saveProfile: (input) =>
      profiles.save(input).catch((error: unknown) => notSaved(error, 'The profile was not saved')),
    duplicateProfile: ({ profileId }) =>
      profiles.duplicate(profileId).catch((error: unknown) => notSaved(error, 'The copy was not saved')),
    deleteProfile: ({ profileId }) =>
      profiles.remove(profileId).catch((error: unknown) => notSaved(error, 'The profile was not deleted')),
    // The only way a stored secret reaches the window: the user pressed "Reveal secret". Each
    // time is recorded in the history (which profile, when; never the secret), so a secret that
    // left the keychain for the window can be accounted for.
    async revealSecret({ profileId }) {
      const stored = await profiles.secret(profileId);
      if (!stored.ok) return stored;
      const { profile } = stored;
      // No record, no reveal: a history file that is not written over (a newer version's) or a
      // disk that refuses it is said as such, not as the app failing.
      const recorded = await history
        .record({
          id: `reveal-${randomUUID()}`,
          at: now(),
          profileName: profile.name.slice(0, 200),
          host: profile.preset === 'custom' ? hostOf(profile.tokenUrl) : '',
          preset: profile.preset,
          outcome: 'secret-revealed',
          ok: false,
          status: null,
          error: null,
          durationMs: 0,
        })
        .then(
          () => null,
          (error: unknown) =>
            notSaved(
              error,
              'The secret was not revealed, because its reveal could not be recorded in the history',
            ),
        );
      if (recorded !== null) return recorded;
      return { ok: true, secret: stored.secret };
    },
  };
}
