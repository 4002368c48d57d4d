// history.json in the user-data folder: the last 100 attempts, newest first, written atomically
// and validated on load (unreadable entries are dropped; a damaged file is set aside).
import path from 'node:path';
import { MAX_HISTORY, type HistoryEntry } from '../../app/history';
import { historyEntrySchema, historyFileSchema } from '../../app/history-schema';
import { readJsonFile, removeStaleTemporaries, setAside, writeJsonFileAtomic } from '../storage/json-file';

export const HISTORY_FILE = 'history.json';

export function createHistoryStore(userDataDir: string, now: () => number = Date.now) {
  const file = path.join(userDataDir, HISTORY_FILE);
  let entries: Promise<HistoryEntry[]> | null = null;
  let writing: Promise<unknown> = Promise.resolve();

  async function load(): Promise<HistoryEntry[]> {
    await removeStaleTemporaries(file);
    const read = await readJsonFile(file);
    if (read.kind === 'missing') return [];
    const shape = read.kind === 'ok' ? historyFileSchema.safeParse(read.data) : null;
    if (!shape?.success) {
      await setAside(file, now());
      return [];
    }
    return shape.data.entries
      .flatMap((entry) => {
        const parsed = historyEntrySchema.safeParse(entry);
        return parsed.success ? [parsed.data] : [];
      })
      .slice(0, MAX_HISTORY);
  }

  /**
   * The new list is in memory at once (so the window's next listing has it); the file follows,
   * one write after another, each writing the list as it was when the change was made.
   */
  const update = (change: (current: HistoryEntry[]) => HistoryEntry[]) => {
    const next = (entries ??= load()).then((current) => change(current).slice(0, MAX_HISTORY));
    entries = next.catch(() => []);
    const written = writing.then(async () => writeJsonFileAtomic(file, { version: 1, entries: await next }));
    writing = written.catch(() => undefined);
    return written.then(() => next);
  };

  return {
    list: () => (entries ??= load()),
    add: (entry: HistoryEntry) => update((current) => [entry, ...current]),
    clear: () => update(() => []),
  };
}

export type HistoryStore = ReturnType<typeof createHistoryStore>;
