// Going back a version: attempts a newer version recorded (a field it added, an outcome or a
// batch row's field this version does not know) are kept in history.json, never left out and the
// file rewritten without them; those this version can read are listed, the others said.
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_HISTORY, type HistoryEntry } from '../../app/history';
import { sized, withHeld } from '../../main/history/held-entries';
import { createHistoryStore, HISTORY_FILE } from '../../main/history/history-store';
import { withAppServices } from '../support/app-services';
import { requireTestKeyring, testService } from '../support/keyring';

const AT = 1_700_000_000_000;
const entry = (id: string, at: number): HistoryEntry => ({
  id,
  at,
  profileName: 'Prod',
  host: 'tapi.telstra.com',
  preset: 'v3',
  outcome: 'token-received',
  ok: true,
  status: 200,
  error: null,
  durationMs: 40,
});
/** An attempt that ended in a way a newer version names and this one does not. */
const newerOutcome = (id: string, at: number) => ({ ...entry(id, at), outcome: 'network:quic-refused' });
/** A batch run whose rows carry a field a newer version added. */
const newerRun = (id: string, at: number) => ({
  ...entry(id, at),
  batch: { total: 1, rows: [{ ...entry(id, at), profileName: 'Prod', access: null, region: 'eu' }] },
});

const folder = () => mkdtemp(path.join(tmpdir(), 'later-history-'));
const write = (dir: string, entries: readonly object[]) =>
  writeFile(path.join(dir, HISTORY_FILE), JSON.stringify({ version: 1, entries }));
const fileEntries = async (dir: string) =>
  (JSON.parse(await readFile(path.join(dir, HISTORY_FILE), 'utf8')) as { entries: { id: string }[] }).entries;

describe('attempts a newer version recorded', () => {
  it('with a field this version does not know are listed, and the field is written back', async () => {
    const dir = await folder();
    await write(dir, [{ ...entry('n1', AT + 1), scopeAsked: 'free-trial-numbers:read' }, entry('o1', AT)]);
    const history = createHistoryStore(dir);
    expect((await history.list()).map((e) => e.id)).toEqual(['n1', 'o1']);
    expect(await history.notices()).toEqual([]);
    await history.add(entry('here', AT + 2));
    await history.settled();
    expect(await readdir(dir)).toEqual([HISTORY_FILE]);
    expect(await fileEntries(dir)).toEqual([
      entry('here', AT + 2),
      { ...entry('n1', AT + 1), scopeAsked: 'free-trial-numbers:read' },
      entry('o1', AT),
    ]);
  });

  it('that this version cannot show are kept in the file in their place by time, said, not listed', async () => {
    const dir = await folder();
    const kept = [newerOutcome('n3', AT + 3), entry('o2', AT + 2), newerRun('n1', AT + 1), entry('o0', AT)];
    await write(dir, kept);
    const history = createHistoryStore(dir);
    expect((await history.list()).map((e) => e.id)).toEqual(['o2', 'o0']);
    expect(await history.notices()).toEqual([
      '2 attempts in the history are in a form this version of the app cannot show (recorded by a newer version?): kept in the file as they are, not listed.',
    ]);
    await history.add(entry('here', AT + 4));
    await history.settled();
    expect(await readdir(dir)).toEqual([HISTORY_FILE]);
    expect(await fileEntries(dir)).toEqual([entry('here', AT + 4), ...kept]);
  });

  it('age out with the rest, so the file never holds more than it reads back', async () => {
    const dir = await folder();
    // A full list of this version's attempts, each with a newer version's just before it.
    const entries = Array.from({ length: MAX_HISTORY }, (_, i) => [
      newerOutcome(`n${i}`, AT + 2 * (MAX_HISTORY - i) + 1),
      entry(`o${i}`, AT + 2 * (MAX_HISTORY - i)),
    ]).flat();
    await write(dir, entries);
    const history = createHistoryStore(dir);
    await history.add(entry('here', AT + 10 * MAX_HISTORY));
    await history.settled();
    const again = createHistoryStore(dir);
    expect(await again.list()).toHaveLength(MAX_HISTORY);
    expect(await again.notices()).toEqual([
      expect.stringMatching(/^99 attempts in the history are in a form/),
    ]);
    expect(await readdir(dir)).toEqual([HISTORY_FILE]);
  });

  it('are kept when they are batch runs of hundreds of profiles, within the size the list keeps', async () => {
    const dir = await folder();
    // Runs of 500 profiles, some 120 KB each in the file, one row of each ended in a way this
    // version does not know: all 20 are kept (they used up the 1 MiB of unknown keys, and 12 were
    // left out as unreadable).
    const run = (id: string, at: number) => ({
      ...entry(id, at),
      batch: {
        total: 500,
        rows: Array.from({ length: 500 }, (_, i) => ({
          ...entry(id, at),
          profileName: `p${i}`,
          outcome: i === 0 ? 'network:quic-refused' : 'token-received',
          access: null,
          id: undefined,
          at: undefined,
          preset: undefined,
        })),
      },
    });
    const runs = Array.from({ length: 20 }, (_, i) => run(`run${i}`, AT - i));
    await write(dir, runs);
    const history = createHistoryStore(dir);
    expect(await history.notices()).toEqual([
      expect.stringMatching(/^20 attempts in the history are in a form this version of the app cannot show/),
    ]);
    await history.add(entry('here', AT + 1));
    await history.settled();
    expect(await readdir(dir)).toEqual([HISTORY_FILE]);
    expect((await fileEntries(dir)).map((e) => e.id)).toEqual(['here', ...runs.map((r) => r.id)]);
    // Within the list's own bytes: what a full list leaves no room for goes, the oldest first.
    const held = runs.slice(0, 3).map((r) => sized({ at: r.at, raw: r }));
    const room = 2 * held[0]!.bytes + 10;
    const list = [entry('here', AT + 1)];
    expect(withHeld(list, held, () => 10, room).map((e) => (e as HistoryEntry).id)).toEqual([
      'here',
      'run0',
      'run1',
    ]);
  });

  it('go with the rest when the history is cleared', async () => {
    const dir = await folder();
    await write(dir, [newerOutcome('n1', AT + 1), entry('o1', AT)]);
    const history = createHistoryStore(dir);
    await history.clear();
    expect(await fileEntries(dir)).toEqual([]);
  });
});

describe.runIf(requireTestKeyring('the window and a newer version’s history'))(
  'the window and a newer version’s history',
  () => {
    it('lists what it can show, and says what it cannot', async () => {
      const dir = await folder();
      await write(dir, [newerOutcome('n1', AT + 1), entry('o1', AT)]);
      await withAppServices(dir, testService(), async (app) => {
        const list = await app.listHistory();
        expect(list.ok && list.entries.map((e) => e.id)).toEqual(['o1']);
        const profiles = await app.listProfiles();
        expect(profiles.ok && profiles.notices).toEqual([
          '1 attempt in the history is in a form this version of the app cannot show (recorded by a newer version?): kept in the file as it is, not listed.',
        ]);
      });
      expect((await fileEntries(dir)).map((e) => e.id)).toEqual(['n1', 'o1']);
    });

    it('of a later file version: Reveal secret says why it reveals nothing, and lists no reveal', async () => {
      const dir = await folder();
      const original = JSON.stringify({ version: 2, entries: [] });
      await writeFile(path.join(dir, HISTORY_FILE), original);
      await withAppServices(dir, testService(), async (app) => {
        const fields = {
          name: 'P',
          clientId: 'c',
          preset: 'v3',
          tokenUrl: '',
          grantType: 'client_credentials',
          scope: '',
        } as const;
        const saved = await app.saveProfile({ profileId: null, fields, secret: 'the-secret-itself' });
        if (!saved.ok) throw new Error('not saved');
        const answer = await app.revealSecret({ profileId: saved.profile.id });
        expect(answer).toMatchObject({
          ok: false,
          kind: 'app-error',
          message:
            'The secret was not revealed, because its reveal could not be recorded in the history. The file of the history of recent attempts is not written over: see the notice.',
        });
        const list = await app.listHistory();
        expect(list.ok && list.entries).toEqual([]);
      });
      expect(await readFile(path.join(dir, HISTORY_FILE), 'utf8')).toBe(original);
    });
  },
);
