// Preferences in settings.json in the user-data folder (atomic writes, validated on load; a bad
// file falls back to the defaults). TOKEN_TESTER_CLIPBOARD_CLEAR_SECONDS overrides the clipboard
// delay, for tests and support (1–300, or "never").
import path from 'node:path';
import { DEFAULT_SETTINGS, type Settings } from '../app/settings';
import { settingsSchema } from '../app/settings-schema';
import type { Env } from './config';
import { readJsonFile, setAside, writeJsonFileAtomic } from './storage/json-file';

export const SETTINGS_FILE = 'settings.json';

export function clipboardDelayOverride(env: Env): number | null | undefined {
  const value = env.TOKEN_TESTER_CLIPBOARD_CLEAR_SECONDS;
  if (value === undefined) return undefined;
  if (value === 'never') return null;
  if (!/^\d{1,3}$/.test(value)) return undefined;
  const seconds = Number(value);
  return seconds >= 1 && seconds <= 300 ? seconds : undefined;
}

export function createSettingsStore(userDataDir: string, now: () => number = Date.now) {
  const file = path.join(userDataDir, SETTINGS_FILE);
  let current: Promise<Settings> | null = null;
  let queue: Promise<unknown> = Promise.resolve();

  async function load(): Promise<Settings> {
    const read = await readJsonFile(file);
    if (read.kind === 'missing') return DEFAULT_SETTINGS;
    const parsed =
      read.kind === 'ok' ? settingsSchema.safeParse({ ...DEFAULT_SETTINGS, ...(read.data as object) }) : null;
    if (parsed?.success) return parsed.data;
    await setAside(file, now());
    return DEFAULT_SETTINGS;
  }

  return {
    get: () => (current ??= load()),
    update(change: Partial<Settings>): Promise<Settings> {
      const run = queue.then(async () => {
        const next = { ...(await (current ??= load())), ...change };
        await writeJsonFileAtomic(file, next);
        current = Promise.resolve(next);
        return next;
      });
      queue = run.catch(() => undefined);
      return run;
    },
  };
}

export type SettingsStore = ReturnType<typeof createSettingsStore>;
