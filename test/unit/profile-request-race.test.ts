// `request --profile` reads the profiles file, then the profile's secret from the keychain; the app
// (another process) can save the profile to a new endpoint in between. The app removes the old
// secret, writes the file, then saves the new secret (main/profiles/profile-service.ts), so a
// secret read after the file is still the file's only if the file is unchanged since: the command
// reads the file again after the secret, and reads both again when it changed. Here the app's save
// lands, from the command's point of view, exactly between its two reads.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { ProfileFields } from '../../app/profiles';
import type { CliIo, Output } from '../../main/cli/io';
import type { RequestPlan } from '../../main/cli/request-plan';
import { createProfileService } from '../../main/profiles/profile-service';
import { createProfileStore, PROFILES_FILE } from '../../main/profiles/profile-store';
import { memoryKeychain } from '../support/memory-keychain';

const state = vi.hoisted(() => ({
  dir: '',
  beforeSecretRead: null as null | (() => Promise<void>),
  afterSavedNow: null as null | (() => Promise<void>),
}));

vi.mock('../../main/cli/commands/profile-access', async (original) => {
  const real = await original<typeof import('../../main/cli/commands/profile-access')>();
  return {
    ...real,
    savedNow: async (dir: string, id: string) => {
      const now = await real.savedNow(dir, id);
      const hook = state.afterSavedNow;
      state.afterSavedNow = null;
      await hook?.();
      return now;
    },
    // The command's own view: its store and a keychain shared with "the app" below.
    openProfiles: () => {
      const store = createProfileStore(state.dir);
      const profiles = createProfileService({ store, keychain: shared.keychain });
      return {
        dataDir: state.dir,
        store,
        profiles: {
          ...profiles,
          secret: async (id: string) => {
            const hook = state.beforeSecretRead;
            state.beforeSecretRead = null;
            await hook?.();
            return profiles.secret(id);
          },
        },
      };
    },
  };
});

const shared = memoryKeychain();
const { withProfile } = await import('../../main/cli/commands/profile-request');

const fields = (tokenUrl: string): ProfileFields => ({
  name: 'prod',
  clientId: 'client',
  preset: 'custom',
  tokenUrl,
  grantType: 'client_credentials',
  scope: '',
});

const plan = {
  endpoint: null,
  scope: null,
  grantType: null,
  userDataDir: null,
} as unknown as RequestPlan;
const io = { now: () => Date.now(), runAs: 'telstra-token' } as unknown as CliIo;
const output = { err: { line: () => undefined }, out: { line: () => undefined } } as unknown as Output;

/**
 * The app: its profile service on a fresh data folder, with `now` as its clock (for the service
 * and its store), having saved "prod" at the old endpoint with the secret "old".
 */
async function appWithProfile(now: () => number = Date.now) {
  state.dir = await mkdtemp(path.join(tmpdir(), 'cli-profile-race-'));
  const app = createProfileService({
    store: createProfileStore(state.dir, now),
    keychain: shared.keychain,
    now,
  });
  const saved = await app.save({
    profileId: null,
    fields: fields('https://old.example/token'),
    secret: 'old',
  });
  if (!saved.ok) throw new Error('not saved');
  return { app, id: saved.profile.id };
}

/** Between the command's read of the file and its read of the secret: the app moves the profile. */
function moveBeforeSecretRead({ app, id }: Awaited<ReturnType<typeof appWithProfile>>) {
  state.beforeSecretRead = async () => {
    const moved = await app.save({
      profileId: id,
      fields: fields('https://new.example/token'),
      secret: 'new',
    });
    expect(moved.ok).toBe(true);
  };
}

describe('request --profile while the app saves that profile', () => {
  it('sends the secret only with the endpoint it was saved with', async () => {
    moveBeforeSecretRead(await appWithProfile());
    const prepared = await withProfile(plan, 'prod', io, output);
    expect(prepared).toMatchObject({
      kind: 'send',
      request: { tokenUrl: 'https://new.example/token', clientSecret: 'new' },
    });
  });

  it('sends it only with its own endpoint when the app’s clock gives both saves the same time', async () => {
    // A clock that repeats a millisecond (or was set back): the move's time equals the first save's.
    moveBeforeSecretRead(await appWithProfile(() => 1_000_000));
    const prepared = await withProfile(plan, 'prod', io, output);
    expect(prepared).toMatchObject({
      kind: 'send',
      request: { tokenUrl: 'https://new.example/token', clientSecret: 'new' },
    });
  });

  it('sends nothing when the app deleted the profile meanwhile', async () => {
    const { id } = await appWithProfile();
    // The app's delete removes the secret first; here the command reads it just before the file
    // loses the profile.
    state.beforeSecretRead = async () => {
      const store = createProfileStore(state.dir);
      await store.change((profiles) => ({
        profiles: profiles.filter((p) => p.id !== id),
        result: null,
      }));
    };
    const prepared = await withProfile(plan, 'prod', io, output);
    expect(prepared.kind).toBe('usage');
  });
});

describe('request --profile reading the file again (the app saved the profile meanwhile)', () => {
  it('says what that read did to the file: a copy kept and the file rewritten are never unsaid', async () => {
    moveBeforeSecretRead(await appWithProfile());
    // After the read that found the profile saved again, before the command reads the file again:
    // an entry that cannot be read, so that read keeps a copy and rewrites the file without it.
    state.afterSavedNow = async () => {
      const file = path.join(state.dir, PROFILES_FILE);
      const data = JSON.parse(await readFile(file, 'utf8')) as { profiles: unknown[] };
      await writeFile(file, JSON.stringify({ ...data, profiles: [...data.profiles, 42] }));
    };
    const said: string[] = [];
    const told = { ...output, err: { line: (text: string) => said.push(text) } } as unknown as Output;
    const prepared = await withProfile(plan, 'prod', io, told);
    expect(prepared).toMatchObject({ kind: 'send', request: { tokenUrl: 'https://new.example/token' } });
    expect(said.join('\n')).toMatch(
      /1 saved profile could not be read and was left out\. The original file was kept as/,
    );
  });
});
