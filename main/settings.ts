// Preferences in settings.json in the user-data folder, kept by the app's one JSON store (atomic
// writes, validated on load; a damaged file is set aside and the defaults apply).
// TOKEN_TESTER_CLIPBOARD_CLEAR_SECONDS overrides the clipboard delay (main/config.ts).
import path from 'node:path';
import { DEFAULT_SETTINGS, type Settings } from '../app/settings';
import { settingsSchema } from '../app/settings-schema';
import { createJsonStore } from './storage/json-store';

export const SETTINGS_FILE = 'settings.json';

export function createSettingsStore(userDataDir: string, now: () => number = Date.now) {
  const store = createJsonStore<Settings>({
    file: path.join(userDataDir, SETTINGS_FILE),
    what: 'Your preferences',
    entry: 'preference',
    empty: DEFAULT_SETTINGS,
    parse(data) {
      if (data === null || typeof data !== 'object' || Array.isArray(data)) return null;
      const parsed = settingsSchema.safeParse({ ...DEFAULT_SETTINGS, ...data });
      return parsed.success ? { value: parsed.data, dropped: 0 } : null;
    },
    serialize: (settings) => settings,
    reassurance: 'The defaults are used until you change them.',
    now,
  });

  return {
    get: async () => (await store.load()).value,
    /** What the user must be told about the file (read once). */
    notices: async () => (await store.load()).notices,
    update: (change: Partial<Settings>): Promise<Settings> =>
      store.change((current) => {
        const next = { ...current, ...change };
        return { value: next, result: next };
      }),
  };
}

export type SettingsStore = ReturnType<typeof createSettingsStore>;
