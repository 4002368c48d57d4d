import type { IpcHandlers } from '../ipc/router';
import type { ProfileService } from '../profiles/profile-service';

type ProfileMethods = 'listProfiles' | 'saveProfile' | 'duplicateProfile' | 'deleteProfile' | 'revealSecret';

export function profileHandlers(profiles: ProfileService): Pick<IpcHandlers, ProfileMethods> {
  return {
    listProfiles: () => profiles.list(),
    saveProfile: (input) => profiles.save(input),
    duplicateProfile: ({ profileId }) => profiles.duplicate(profileId),
    deleteProfile: ({ profileId }) => profiles.remove(profileId),
    // The only way a stored secret reaches the window: the user pressed "Reveal secret".
    async revealSecret({ profileId }) {
      const stored = await profiles.secret(profileId);
      return stored.ok ? { ok: true, secret: stored.secret } : stored;
    },
  };
}
