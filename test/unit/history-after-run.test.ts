// The window's history list after a batch run's end (app/history.ts, historyAfterRun): the run's
// entry shown at once only when, with it, the window's list is exactly the store's; anything else
// (an entry the window was never told of, one the store dropped at its cap or a clear, a listing
// newer than the run's end) makes it ask for the list again instead of showing a list the store lacks.
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
  it('puts the run’s entry first, in place of its older self, when that is the store’s list', () => {
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

  it('asks again (null) when the store holds an entry the window never saw', () => {
    // "Reveal secret" wrote "x" while the window was not told.
    const before = [item('run-1'), item('a')];
    expect(historyAfterRun(before, { entry: item('run-2'), ids: ['run-2', 'x', 'run-1', 'a'] })).toBeNull();
  });

  it('asks again when the window holds an entry the ids lack (a listing newer than the run’s end)', () => {
    // In browser mode each call is its own request: a listing with "x" can land before the run's
    // last answer, whose ids were read before "x" was written.
    const before = [item('x'), item('run-1'), item('a')];
    expect(historyAfterRun(before, { entry: item('run-2'), ids: ['run-2', 'run-1', 'a'] })).toBeNull();
  });

  it('asks again when the store dropped entries (its cap, a clear) or holds one id twice', () => {
    const full = Array.from({ length: MAX_HISTORY }, (_, i) => item(`e${i}`));
    const ids = ['run', ...full.slice(0, MAX_HISTORY - 1).map((e) => e.id)];
    expect(historyAfterRun(full, { entry: item('run'), ids })).toBeNull();
    expect(historyAfterRun(full, { entry: null, ids: [] })).toBeNull();
    expect(
      historyAfterRun([item('a'), item('b')], { entry: item('run'), ids: ['run', 'a', 'a', 'b'] }),
    ).toBeNull();
  });

  it('whatever the lists: exactly the store’s ids, from the window’s entries and the run’s, or null', () => {
    const ids = fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'run'), { maxLength: 6 });
    fc.assert(
      fc.property(ids, ids, fc.boolean(), (shown, stored, withEntry) => {
        const before = shown.map((id) => item(id));
        const entry = withEntry ? item('run', 'the run now') : null;
        const after = historyAfterRun(before, { entry, ids: stored });
        const expected = ['run', ...shown.filter((id) => id !== 'run')];
        if (entry && stored.join() === expected.join()) {
          expect(after?.map((e) => e.id)).toEqual(stored);
          expect(after?.[0]).toBe(entry);
          after?.slice(1).forEach((e) => expect(before).toContain(e));
        } else {
          expect(after).toBeNull();
        }
      }),
    );
  });
});
