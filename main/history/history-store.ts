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
  let queue: Promise<unknown> = Promise.resolve();

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

  const write = (change: (current: HistoryEntry[]) => HistoryEntry[]) => {
    const run = queue.then(async () => {
      const next = change(await (entries ??= load())).slice(0, MAX_HISTORY);
      await writeJsonFileAtomic(file, { version: 1, entries: next });
      entries = Promise.resolve(next);
      return next;
    });
    queue = run.catch(() => undefined);
    return run;
  };

  return {
    list: () => (entries ??= load()),
    add: (entry: HistoryEntry) => write((current) => [entry, ...current]),
    clear: () => write(() => []),
  };
}

export type HistoryStore = ReturnType<typeof createHistoryStore>;
