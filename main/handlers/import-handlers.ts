// Import and export of profiles. The window sends a file's text (it read the file, so this works
// the same in Electron and in browser mode); parsing happens here, never in the window.
import { readCredentialText } from '../import/credential-formats';
import type { ImportService } from '../import/import-service';
import { exportFileName, exportProfilesJson } from '../import/profiles-export';
import type { IpcHandlers } from '../ipc/router';
import type { ProfileService } from '../profiles/profile-service';

export function importHandlers(
  imports: ImportService,
  profiles: ProfileService,
  now: () => number,
  /** True once the app is quitting: the rows not yet saved are skipped. */
  stopped: () => boolean = () => false,
): Pick<IpcHandlers, 'previewImport' | 'importProfiles' | 'exportProfiles'> {
  return {
    previewImport: ({ fileName, text }) => imports.preview(readCredentialText(text, fileName)),
    importProfiles: ({ previewId, choices }) => imports.confirm(previewId, choices, stopped),
    async exportProfiles() {
      const { profiles: list } = await profiles.list();
      return { ok: true, fileName: exportFileName(now()), json: exportProfilesJson(list, now()) };
    },
  };
}
