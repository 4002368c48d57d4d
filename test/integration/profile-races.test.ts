// Saves that overlap, on the real keychain (the private gnome-keyring, cross-checked with
// secret-tool): a profile's name is checked where no other save can land in between, and a
// keychain write the app gave up on, but that completes later, is taken back.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ProfileFields } from '../../app/profiles';
import { SANDBOX_CLIENT_ID } from '../../app/sandbox';
import { createKeychain, type Keychain } from '../../main/profiles/keychain';
import { loadKeytar, type Keytar } from '../../main/profiles/keytar';
import { createProfileService } from '../../main/profiles/profile-service';
import { createProfileStore } from '../../main/profiles/profile-store';
import { requireTestKeyring, secretToolLookup, testService } from '../support/keyring';

const fields = (name: string): ProfileFields => ({
  name,
  clientId: SANDBOX_CLIENT_ID,
  preset: 'sandbox',
  tokenUrl: '',
  grantType: 'client_credentials',
  scope: 'NSMS',
});

async function profilesOn(keychain: Keychain) {
  const dir = await mkdtemp(path.join(tmpdir(), 'profile-races-'));
  let ids = 0;
  return createProfileService({
    store: createProfileStore(dir),
    keychain,
    newId: () => `profile-${(ids += 1)}`,
  });
}

/**
 * The keychain's limit in these tests: only a held call reaches it; the real keyring's calls around
 * it must stay far inside it, even on a busy machine (so not a few hundred milliseconds).
 */
const HELD_LIMIT_MS = 3_000;

/** The profile service on a keychain that answers when the test lets it (slowKeytar), within HELD_LIMIT_MS. */
async function onSlowKeychain() {
  const service = testService();
  const slow = await slowKeytar();
  const profiles = await profilesOn(
    createKeychain({ service, timeoutMs: HELD_LIMIT_MS, load: async () => slow.keytar }),
  );
  return { service, slow, profiles };
}

function savedId(answer: { ok: boolean; profile?: { id: string } }): string {
  if (!answer.ok || !answer.profile)
    throw new Error(`expected a saved profile, got ${JSON.stringify(answer)}`);
  return answer.profile.id;
}

/**
 * The real keytar, except that while held, its writes wait for `release()` before they reach the
 * keyring: a keychain that answers after the app's limit, as one does behind an unlock prompt.
 */
async function slowKeytar() {
  const real = await loadKeytar();
  let held = false;
  let release = () => undefined as void;
  let gate = Promise.resolve();
  const writes: Promise<unknown>[] = [];
  const track = <T>(write: Promise<T>) => {
    writes.push(write.catch(() => undefined));
    return write;
  };
  // Reads are tracked too: a late write's undo reads the entry before it deletes it, and the
  // delete starts only once that read is answered (under load, after a quiet() that did not
  // wait for the read would have returned).
  const keytar: Keytar = {
    getPassword: (service, account) => track(real.getPassword(service, account)),
    findCredentials: (service) => track(real.findCredentials(service)),
    deletePassword: (service, account) => track(real.deletePassword(service, account)),
    setPassword: (service, account, password) =>
      track(
        held
          ? gate.then(() => real.setPassword(service, account, password))
          : real.setPassword(service, account, password),
      ),
  };
  return {
    keytar,
    hold() {
      held = true;
      gate = new Promise<void>((resolve) => (release = resolve));
    },
    /** New writes go straight through; the held ones still wait. */
    stopHolding() {
      held = false;
    },
    release() {
      held = false;
      release();
    },
    /** Resolves once every call has been answered, including any a late answer started. */
    async quiet() {
      for (;;) {
        const count = writes.length;
        await Promise.all(writes);
        await new Promise((resolve) => setImmediate(resolve));
        if (writes.length === count) return;
      }
    },
  };
}

describe.runIf(requireTestKeyring('overlapping profile saves'))(
  'overlapping profile saves (private keyring)',
  () => {
    it('lets only one of two renames to the same name succeed', async () => {
      const service = testService();
      const profiles = await profilesOn(createKeychain({ service }));
      const a = savedId(await profiles.save({ profileId: null, fields: fields('A'), secret: 'secret-a' }));
      const b = savedId(await profiles.save({ profileId: null, fields: fields('B'), secret: 'secret-b' }));

      const answers = await Promise.all([
        profiles.save({ profileId: a, fields: fields('Same'), secret: null }),
        profiles.save({ profileId: b, fields: fields('same'), secret: null }),
      ]);
      expect(answers.filter((answer) => answer.ok)).toHaveLength(1);
      expect(answers.find((answer) => !answer.ok)).toMatchObject({ kind: 'conflict' });
      const names = (await profiles.list()).profiles.map((p) => p.name.toLowerCase()).sort();
      expect(names.filter((name) => name === 'same')).toHaveLength(1);
    });

    it('lets only one of a rename with a new secret and a create to the same name succeed, and leaves no stray secret', async () => {
      const service = testService();
      const profiles = await profilesOn(createKeychain({ service }));
      const a = savedId(await profiles.save({ profileId: null, fields: fields('A'), secret: 'secret-a' }));

      const [renamed, created] = await Promise.all([
        profiles.save({ profileId: a, fields: fields('Prod'), secret: 'secret-a2' }),
        profiles.save({ profileId: null, fields: fields('PROD'), secret: 'secret-new' }),
      ]);
      expect([renamed.ok, created.ok].filter(Boolean)).toHaveLength(1);
      const listed = (await profiles.list()).profiles;
      expect(listed.filter((p) => p.name.toLowerCase() === 'prod')).toHaveLength(1);
      // The keychain holds exactly the listed profiles' secrets, each the one it was saved with.
      expect([...(await createKeychain({ service }).accounts())].sort()).toEqual(
        listed.map((p) => p.id).sort(),
      );
      expect(await secretToolLookup(service, a)).toBe(renamed.ok ? 'secret-a2' : 'secret-a');
    });

    it('takes back a new profile’s secret that reaches the keychain after the save was reported as failed', async () => {
      const { service, slow, profiles } = await onSlowKeychain();

      slow.hold();
      const answer = await profiles.save({ profileId: null, fields: fields('Late'), secret: 'late-secret' });
      expect(answer).toMatchObject({ ok: false, kind: 'keychain', problem: 'timeout' });
      expect((await profiles.list()).profiles).toEqual([]);

      slow.release();
      await slow.quiet();
      expect(await secretToolLookup(service, 'profile-1')).toBeNull();
      expect(await createKeychain({ service }).accounts()).toEqual(new Set());
    });

    it('puts the old secret back when a profile update’s new secret arrives late', async () => {
      const { service, slow, profiles } = await onSlowKeychain();
      const id = savedId(
        await profiles.save({ profileId: null, fields: fields('Kept'), secret: 'old-secret' }),
      );

      slow.hold();
      const answer = await profiles.save({ profileId: id, fields: fields('Kept'), secret: 'new-secret' });
      expect(answer).toMatchObject({ ok: false, kind: 'keychain', problem: 'timeout' });

      slow.release();
      await slow.quiet();
      expect(await secretToolLookup(service, id)).toBe('old-secret');
    });

    it('keeps a moved profile’s new secret that reaches the keychain late, with the new endpoint only', async () => {
      const { service, slow, profiles } = await onSlowKeychain();
      const id = savedId(
        await profiles.save({ profileId: null, fields: fields('Moving'), secret: 'old-secret' }),
      );
      const moved = { ...fields('Moving'), preset: 'custom' as const, tokenUrl: 'https://new.example/token' };

      slow.hold();
      const answer = await profiles.save({ profileId: id, fields: moved, secret: 'new-secret' });
      expect(answer).toMatchObject({ ok: false, kind: 'keychain', problem: 'timeout' });
      // Meanwhile: the new endpoint, and no secret (the old one was taken out before the move).
      expect(await profiles.find(id)).toMatchObject({ tokenUrl: 'https://new.example/token' });
      expect(await secretToolLookup(service, id)).toBeNull();

      slow.release();
      await slow.quiet();
      expect(await secretToolLookup(service, id)).toBe('new-secret');
      expect(await profiles.find(id)).toMatchObject({ tokenUrl: 'https://new.example/token' });
    });

    it('never lets a late write, or its undo, land after a later save of the same profile', async () => {
      const service = testService();
      const slow = await slowKeytar();
      const adapter = createKeychain({ service, timeoutMs: HELD_LIMIT_MS, load: async () => slow.keytar });
      let retryStarted = () => undefined as void;
      const retrying = new Promise<void>((resolve) => (retryStarted = resolve));
      const keychain: Keychain = {
        ...adapter,
        setSecret(account, secret, ifLate) {
          const writing = adapter.setSecret(account, secret, ifLate);
          if (secret === 'third') retryStarted();
          return writing;
        },
      };
      const profiles = await profilesOn(keychain);
      const id = savedId(await profiles.save({ profileId: null, fields: fields('Retry'), secret: 'first' }));

      slow.hold();
      expect(await profiles.save({ profileId: id, fields: fields('Retry'), secret: 'second' })).toMatchObject(
        {
          ok: false,
          problem: 'timeout',
        },
      );
      // The keychain answers again, but the write it was stuck on is still on its way when the user
      // saves again; it arrives only after this save has started.
      slow.stopHolding();
      const retry = profiles.save({ profileId: id, fields: fields('Retry'), secret: 'third' });
      await retrying;
      await new Promise((resolve) => setImmediate(resolve));
      slow.release();
      expect(await retry).toMatchObject({ ok: true });
      await slow.quiet();
      expect(await secretToolLookup(service, id)).toBe('third');
    });

    it('leaves a secret another process saved meanwhile when it takes back a late write', async () => {
      // The command line's write reaches the keyring in time, but its answer comes after the
      // command line gave up; meanwhile the desktop app saves a newer secret for the same profile.
      const service = testService();
      const real = await loadKeytar();
      let answer = () => undefined as void;
      const answered = new Promise<void>((resolve) => (answer = resolve));
      let written = () => undefined as void;
      const reachedKeyring = new Promise<void>((resolve) => (written = resolve));
      const lateAnswers: Keytar = {
        ...real,
        setPassword: async (svc, account, password) => {
          await real.setPassword(svc, account, password);
          if (password !== 'second') return;
          written();
          await answered;
        },
      };
      const cli = createKeychain({ service, timeoutMs: 300, load: async () => lateAnswers });
      const app = createKeychain({ service });
      await app.setSecret('profile-x', 'first', { putBack: null });

      await expect(cli.setSecret('profile-x', 'second', { putBack: 'first' })).rejects.toMatchObject({
        problem: 'timeout',
      });
      await reachedKeyring;
      await app.setSecret('profile-x', 'third', { putBack: 'second' });
      answer();
      expect(await cli.writesSettled(10_000)).toBe(true);
      expect(await secretToolLookup(service, 'profile-x')).toBe('third');
    });
  },
);
