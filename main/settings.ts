// Preferences in settings.json in the user-data folder, kept by the app's one JSON store (atomic
// writes, validated on load; a damaged file is set aside and the defaults apply).
// TOKEN_TESTER_CLIPBOARD_CLEAR_SECONDS overrides the clipboard delay (main/config.ts).
import path from 'node:path';
import { DEFAULT_SETTINGS, type Settings } from '../app/settings';
import { settingsSchema } from '../app/settings-schema';
import type { StillHeld } from './storage/folder-taken-over';
import { createJsonStore } from './storage/json-store';
import { unknownKeysReader, type UnknownKeys } from './storage/unknown-keys';

export const SETTINGS_FILE = 'settings.json';

/** `stillHeld`: whether this process still holds the data folder (storage/folder-taken-over.ts). */
export function createSettingsStore(
  userDataDir: string,
  now: () => number = Date.now,
  stillHeld?: StillHeld,
) {
  /** A later version's preferences (main/storage/unknown-keys.ts). */
  let unknown: UnknownKeys = {};
  const known = new Set(Object.keys(DEFAULT_SETTINGS));
  const store = createJsonStore<Settings>({
    file: path.join(userDataDir, SETTINGS_FILE),
    what: 'Your preferences',
    entry: 'preference',
    empty: DEFAULT_SETTINGS,
    parse(data) {
      if (data === null || typeof data !== 'object' || Array.isArray(data)) return null;
      // Each preference on its own: one edited by hand into something this version cannot use is
      // left at its default (and the original kept), not the whole file set aside with the rest.
      let dropped = 0;
      const value = Object.fromEntries(
        Object.entries(DEFAULT_SETTINGS).map(([key, fallback]) => {
          if (!Object.hasOwn(data, key)) return [key, fallback];
          const parsed = settingsSchema.shape[key as keyof Settings].safeParse(
            (data as Record<string, unknown>)[key],
          );
          if (parsed.success) return [key, parsed.data];
          dropped += 1;
          return [key, fallback];
        }),
      ) as unknown as Settings;
      const reader = unknownKeysReader();
      const others = reader(data, known);
      if (others === null) return null;
      unknown = others;
      return { value, dropped, secrets: reader.secrets() };
    },
    serialize: (settings) => ({ ...unknown, ...settings }),
    reassurance: 'The defaults are used until you change them.',
    now,
    ...(stillHeld ? { stillHeld } : {}),
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
    /** Once every change asked for so far is on disk (the app waits for it before it goes). */
    settled: () => store.settled(),
  };
}

export type SettingsStore = ReturnType<typeof createSettingsStore>;
