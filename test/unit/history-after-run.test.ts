// The window's history list after a batch run's end (app/history.ts, historyAfterRun): the run's
// entry shown at once only when the rest of the list is what the main side's store holds; any
// entry the window was never told of (an access check, a revealed secret, an earlier listing
// still on its way) makes it ask for the list again instead of showing a list the store lacks.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { historyAfterRun, MAX_HISTORY, type HistoryItem } from '../../app/history';

const item = (id: string, title = `Entry ${id}`): HistoryItem => ({
  id,
  at: 1,
  profileName: null,
  host: '127.0.0.1',
  preset: 'sandbox',
  outcome: 'token-received',
  ok: true,
  status: 200,
  error: null,
  durationMs: 5,
  title,
});

describe('the history list after a batch run', () => {
  it('puts the run’s entry first, in place of its older self, as the store ordered them', () => {
    const before = [item('run-1', 'Batch check: 2 of 6'), item('a'), item('b')];
    const run = item('run-1', 'Batch check: 6 of 6');
    expect(historyAfterRun(before, { entry: run, ids: ['run-1', 'a', 'b'] })).toEqual([
      run,
      before[1],
      before[2],
    ]);
    const fresh = item('run-2');
    expect(historyAfterRun(before, { entry: fresh, ids: ['run-2', 'run-1', 'a', 'b'] })).toEqual([
      fresh,
      ...before,
    ]);
  });

  it('drops what the store dropped (its cap, a clear), and shows nothing of a run cleared meanwhile', () => {
    const before = Array.from({ length: MAX_HISTORY }, (_, i) => item(`e${i}`));
    const run = item('run');
    const ids = ['run', ...before.slice(0, MAX_HISTORY - 1).map((e) => e.id)];
    const after = historyAfterRun(before, { entry: run, ids });
    expect(after).toHaveLength(MAX_HISTORY);
    expect(after?.map((e) => e.id)).toEqual(ids);
    expect(historyAfterRun(before, { entry: null, ids: [] })).toEqual([]);
  });

  it('asks again (null) when the store holds an entry the window never saw', () => {
    // "Check Messaging access" or "Reveal secret" wrote "x" while the window was not told.
    const before = [item('run-1'), item('a')];
    expect(historyAfterRun(before, { entry: item('run-2'), ids: ['run-2', 'x', 'run-1', 'a'] })).toBeNull();
  });

  it('whatever the lists: either exactly the store’s ids, from the window’s entries and the run’s, or null', () => {
    const ids = fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'run'), { maxLength: 6 });
    fc.assert(
      fc.property(ids, ids, fc.boolean(), (shown, stored, withEntry) => {
        const before = shown.map((id) => item(id));
        const entry = withEntry && stored.includes('run') ? item('run', 'the run now') : null;
        const after = historyAfterRun(before, { entry, ids: stored });
        const known = new Set([...shown, ...(entry ? [entry.id] : [])]);
        if (stored.every((id) => known.has(id))) {
          expect(after?.map((e) => e.id)).toEqual(stored);
          if (entry) expect(after?.find((e) => e.id === 'run')).toBe(entry);
        } else {
          expect(after).toBeNull();
        }
      }),
    );
  });
});
