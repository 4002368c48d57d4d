// Saved profiles through the main process's own handlers: the real keychain (private
// gnome-keyring, cross-checked with secret-tool), the real file, the real sandbox.
import { mkdir, mkdtemp, readFile, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { IPC_CHANNELS } from '../../app/ipc-contract';
import type { IpcRequest, IpcResponse, SaveProfileInput, TokenRequestInput } from '../../app/ipc-contract';
import { MAX_PROFILES, type Profile, type ProfileFields, type ProfileSummary } from '../../app/profiles';
import { SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET } from '../../app/sandbox';
import type { Keychain } from '../../main/profiles/keychain';
import { createProfileService } from '../../main/profiles/profile-service';
import { createProfileStore, PROFILES_FILE } from '../../main/profiles/profile-store';
import { createMainServices, type MainServices } from '../../main/services';
import { profileHandlers } from '../../main/handlers/profile-handlers';
import { createIpcRouter } from '../../main/ipc/router';
import { describeFailure } from '../../renderer/hooks/useProfiles';
import { createHistoryStore } from '../../main/history/history-store';
import { requireTestKeyring, secretToolClear, secretToolLookup, testService } from '../support/keyring';
import { memoryKeychain } from '../support/memory-keychain';
import { sendJson, startServer } from '../support/servers';
import { filesContaining } from '../support/data-folder';

const opened: MainServices[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.dispose()));
});

async function app(
  options: { keychain?: Keychain; service?: string; userDataDir?: string; env?: Record<string, string> } = {},
) {
  const userDataDir = options.userDataDir ?? (await mkdtemp(path.join(tmpdir(), 'user-data-')));
  const services = createMainServices({
    fetch: (url, init) => fetch(url, init),
    clipboard: { writeText: async () => undefined, readText: async () => '', clear: async () => undefined },
    openExternal: async () => undefined,
    env: { TOKEN_TESTER_KEYCHAIN_SERVICE: options.service ?? testService(), ...options.env },
    userDataDir,
    ...(options.keychain ? { keychain: options.keychain } : {}),
  });
  opened.push(services);
  const h = services.handlers;
  return {
    userDataDir,
    list: () => h.listProfiles(undefined) as Promise<Exclude<IpcResponse<'listProfiles'>, { ok: false }>>,
    save: (input: SaveProfileInput) => h.saveProfile(input),
    duplicate: (profileId: string) => h.duplicateProfile({ profileId }),
    remove: (profileId: string) => h.deleteProfile({ profileId }),
    reveal: (profileId: string) => h.revealSecret({ profileId }),
    history: async () => {
      const answer = await h.listHistory(undefined);
      return answer.ok ? answer.entries : [];
    },
    request: (input: IpcRequest<'requestToken'>) => h.requestToken(input),
    handlers: h,
  };
}

const sandboxFields: ProfileFields = {
  name: 'Free trial',
  clientId: SANDBOX_CLIENT_ID,
  preset: 'sandbox',
  tokenUrl: '',
  grantType: 'client_credentials',
  scope: 'NSMS',
};

function saved(answer: IpcResponse<'saveProfile'> | IpcResponse<'duplicateProfile'>): ProfileSummary {
  if (!answer.ok) throw new Error(`expected a saved profile, got ${JSON.stringify(answer)}`);
  return answer.profile;
}

let requests = 0;
const request = (profile: ProfileSummary, overrides: Partial<TokenRequestInput> = {}): TokenRequestInput => ({
  requestId: `p-${(requests += 1)}`,
  preset: profile.preset,
  tokenUrl: profile.tokenUrl,
  clientId: profile.clientId,
  secret: { source: 'profile', profileId: profile.id },
  grantType: profile.grantType,
  scope: profile.scope,
  ...overrides,
});

describe.runIf(requireTestKeyring('profiles on the real keychain'))(
  'profiles on the real keychain (private keyring)',
  () => {
    it('saves the secret only in the keychain, under the app’s service name and the profile’s id', async () => {
      const service = testService();
      const a = await app({ service });
      const profile = saved(
        await a.save({ profileId: null, fields: sandboxFields, secret: SANDBOX_CLIENT_SECRET }),
      );
      expect(profile).toMatchObject({ name: 'Free trial', secretState: 'stored' });
      expect(await secretToolLookup(service, profile.id)).toBe(SANDBOX_CLIENT_SECRET);
      expect(await filesContaining(a.userDataDir, SANDBOX_CLIENT_SECRET)).toEqual([]);
      expect((await a.list()).profiles).toEqual([profile]);
    });

    it('requests a token with a saved profile without the secret crossing from the window', async () => {
      const a = await app();
      const profile = saved(
        await a.save({ profileId: null, fields: sandboxFields, secret: SANDBOX_CLIENT_SECRET }),
      );
      const result = await a.request(request(profile));
      expect(result).toMatchObject({ ok: true, outcome: 'token-received' });
    });

    it('survives a restart with the same data folder and keychain', async () => {
      const service = testService();
      const first = await app({ service });
      const profile = saved(
        await first.save({ profileId: null, fields: sandboxFields, secret: SANDBOX_CLIENT_SECRET }),
      );
      const second = await app({ service, userDataDir: first.userDataDir });
      expect((await second.list()).profiles).toEqual([profile]);
      expect(await second.request(request(profile))).toMatchObject({ ok: true });
    });

    it('updates, renames, duplicates, reveals and deletes — and the secret goes with the profile', async () => {
      const service = testService();
      const a = await app({ service });
      const original = saved(
        await a.save({ profileId: null, fields: { ...sandboxFields, name: 'Case 123' }, secret: 'first' }),
      );

      const renamed = saved(
        await a.save({
          profileId: original.id,
          fields: { ...sandboxFields, name: 'Case 123 (closed)' },
          secret: null,
        }),
      );
      expect(renamed).toMatchObject({ id: original.id, name: 'Case 123 (closed)', secretState: 'stored' });
      expect(await secretToolLookup(service, original.id)).toBe('first');

      saved(
        await a.save({
          profileId: original.id,
          fields: { ...sandboxFields, name: 'Case 123 (closed)' },
          secret: 'second',
        }),
      );
      expect(await secretToolLookup(service, original.id)).toBe('second');
      expect(await a.reveal(original.id)).toEqual({ ok: true, secret: 'second' });

      const copy = saved(await a.duplicate(original.id));
      expect(copy).toMatchObject({ name: 'Case 123 (closed) (copy)', secretState: 'stored' });
      expect(copy.id).not.toBe(original.id);
      expect(await secretToolLookup(service, copy.id)).toBe('second');

      expect(await a.remove(original.id)).toEqual({ ok: true });
      expect(await secretToolLookup(service, original.id)).toBeNull();
      expect((await a.list()).profiles.map((p) => p.id)).toEqual([copy.id]);
      expect(await a.reveal(original.id)).toMatchObject({ ok: false, kind: 'not-found' });
    });

    it('shows a profile whose keychain entry has gone as "secret missing", not dropped', async () => {
      const service = testService();
      const a = await app({ service });
      const profile = saved(
        await a.save({ profileId: null, fields: sandboxFields, secret: SANDBOX_CLIENT_SECRET }),
      );
      await secretToolClear(service, profile.id);
      expect((await a.list()).profiles).toEqual([{ ...profile, secretState: 'missing' }]);
      expect(await a.reveal(profile.id)).toMatchObject({ ok: false, kind: 'keychain', problem: 'missing' });
      expect(await a.request(request(profile))).toMatchObject({
        ok: false,
        kind: 'keychain',
        outcome: 'keychain:missing',
      });
    });

    it('sends a stored secret only to the endpoint saved with it', async () => {
      const elsewhere = await startServer((_req, res) => sendJson(res, 200, { access_token: 'stolen' }));
      try {
        const a = await app();
        const profile = saved(
          await a.save({ profileId: null, fields: sandboxFields, secret: SANDBOX_CLIENT_SECRET }),
        );
        const answer = await a.request(request(profile, { preset: 'custom', tokenUrl: elsewhere.url() }));
        expect(answer).toMatchObject({ ok: false, kind: 'invalid-input', issues: [{ field: 'tokenUrl' }] });
        expect(elsewhere.received).toHaveLength(0);
      } finally {
        await elsewhere.close();
      }
    });

    it('refuses a second profile with the same name, whatever its case', async () => {
      const a = await app();
      saved(await a.save({ profileId: null, fields: { ...sandboxFields, name: 'Prod app' }, secret: 's' }));
      const again = await a.save({
        profileId: null,
        fields: { ...sandboxFields, name: 'PROD APP' },
        secret: 's',
      });
      expect(again).toMatchObject({ ok: false, kind: 'conflict', issues: [{ field: 'name' }] });
      expect((await a.list()).profiles).toHaveLength(1);
    });
  },
);

describe('profiles when the keychain fails', () => {
  it('stays usable for one-off requests when there is no keychain service, and never writes the secret to a file', async () => {
    const double = memoryKeychain();
    double.fail('unavailable');
    const a = await app({ keychain: double.keychain });
    const list = await a.list();
    expect(list.keychain).toEqual({ available: false, problem: 'unavailable' });

    const attempt = await a.save({ profileId: null, fields: sandboxFields, secret: 'never-on-disk' });
    expect(attempt).toMatchObject({ ok: false, kind: 'keychain', problem: 'unavailable' });
    expect((await a.list()).profiles).toEqual([]);
    expect(await filesContaining(a.userDataDir, 'never-on-disk')).toEqual([]);

    const oneOff = await a.request({
      requestId: 'one-off',
      preset: 'sandbox',
      tokenUrl: '',
      clientId: SANDBOX_CLIENT_ID,
      secret: { source: 'typed', value: SANDBOX_CLIENT_SECRET },
      grantType: 'client_credentials',
      scope: 'NSMS',
    });
    expect(oneOff).toMatchObject({ ok: true });
  });

  it('lists saved profiles with an unknown secret state when the keychain is locked', async () => {
    const double = memoryKeychain();
    const a = await app({ keychain: double.keychain });
    const profile = saved(await a.save({ profileId: null, fields: sandboxFields, secret: 's' }));
    double.fail('locked');
    const list = await a.list();
    expect(list.profiles).toEqual([{ ...profile, secretState: 'unknown' }]);
    expect(list.keychain).toEqual({ available: false, problem: 'locked' });
    expect(await a.request(request(profile))).toMatchObject({ ok: false, outcome: 'keychain:locked' });
  });

  it('keeps a profile whose secret could not be deleted, so nothing is left behind unknowingly', async () => {
    const double = memoryKeychain();
    const a = await app({ keychain: double.keychain });
    const profile = saved(await a.save({ profileId: null, fields: sandboxFields, secret: 's' }));
    double.fail('denied');
    expect(await a.remove(profile.id)).toMatchObject({ ok: false, kind: 'keychain', problem: 'denied' });
    double.fail(null);
    expect((await a.list()).profiles).toHaveLength(1);
    expect(double.entries.get(profile.id)).toBe('s');
  });

  it('refuses a save before the keychain is touched when the data folder is a file, and says why', async () => {
    const double = memoryKeychain();
    const notAFolder = path.join(await mkdtemp(path.join(tmpdir(), 'blocked-')), 'file');
    await writeFile(notAFolder, 'in the way');
    const store = createProfileStore(notAFolder);
    const service = createProfileService({ store, keychain: double.keychain });
    expect(await service.save({ profileId: null, fields: sandboxFields, secret: 'orphan?' })).toEqual({
      ok: false,
      kind: 'app-error',
      message: 'The file of your saved profiles is not written over: see the notice.',
      issues: [],
    });
    expect(double.entries.size).toBe(0);
    expect((await store.load()).notices.join(' ')).toContain(`the data folder “${notAFolder}” is a file`);
  });

  it('takes a new profile’s secret back out of the keychain when the profiles file cannot be written', async () => {
    const double = memoryKeychain();
    const dataDir = await mkdtemp(path.join(tmpdir(), 'create-fails-'));
    const service = createProfileService({ store: createProfileStore(dataDir), keychain: double.keychain });
    // Loaded (and writable) first; then every write of the profiles file fails: its folder is a file.
    expect(await service.list()).toMatchObject({ ok: true, profiles: [] });
    await rename(dataDir, `${dataDir}-moved`);
    await writeFile(dataDir, 'in the way');
    await expect(
      service.save({ profileId: null, fields: sandboxFields, secret: 'orphan-secret' }),
    ).rejects.toThrow();
    expect([...double.entries.values()]).toEqual([]);
  });

  it('loses nothing when a profile update cannot write the profiles file (finding 8)', async () => {
    const double = memoryKeychain();
    const dataDir = await mkdtemp(path.join(tmpdir(), 'update-fails-'));
    const service = createProfileService({ store: createProfileStore(dataDir), keychain: double.keychain });
    const before = saved(
      await service.save({ profileId: null, fields: sandboxFields, secret: 'old-secret' }),
    );
    // From now on every write of the profiles file fails: its folder is a file.
    await rename(dataDir, `${dataDir}-moved`);
    await writeFile(dataDir, 'in the way');
    const moved = {
      ...sandboxFields,
      preset: 'custom' as const,
      tokenUrl: 'https://elsewhere.example/token',
    };
    await expect(
      service.save({ profileId: before.id, fields: moved, secret: 'new-secret' }),
    ).rejects.toThrow();
    expect(double.entries.get(before.id)).toBe('old-secret');
    expect(await service.find(before.id)).toMatchObject({ preset: 'sandbox', tokenUrl: '' });
    // A profile that had no secret yet is left without one.
    double.entries.delete(before.id);
    await expect(
      service.save({ profileId: before.id, fields: moved, secret: 'new-secret' }),
    ).rejects.toThrow();
    expect(double.entries.has(before.id)).toBe(false);
  });

  it('keeps a profile and its secret when its delete cannot write the profiles file (a full disk), and says why', async () => {
    const double = memoryKeychain();
    const dataDir = await mkdtemp(path.join(tmpdir(), 'delete-fails-'));
    const store = createProfileStore(dataDir);
    let diskFull = false;
    const service = createProfileService({
      store: {
        ...store,
        change: (apply) =>
          diskFull
            ? Promise.reject(
                Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }),
              )
            : store.change(apply),
      },
      keychain: double.keychain,
    });
    const handlers = profileHandlers(service, createHistoryStore(dataDir), Date.now);
    const kept = saved(
      await handlers.saveProfile({ profileId: null, fields: sandboxFields, secret: 'the-secret' }),
    );
    diskFull = true;
    const answer = await handlers.deleteProfile({ profileId: kept.id });
    expect(answer).toEqual({
      ok: false,
      kind: 'app-error',
      message:
        'The profile was not deleted: the data folder could not be written (no space left on the device). Check that the disk has room and that the folder may be written, then try again.',
      issues: [],
    });
    expect(double.entries.get(kept.id)).toBe('the-secret');
    expect(await service.find(kept.id)).toBeDefined();
    // A save on the full disk is said the same way, and loses nothing either.
    const renamed = await handlers.saveProfile({
      profileId: kept.id,
      fields: { ...sandboxFields, name: 'Renamed' },
      secret: 'another-secret',
    });
    expect(renamed.ok).toBe(false);
    expect('message' in renamed && renamed.message).toMatch(/^The profile was not saved: .*no space left/);
    expect(double.entries.get(kept.id)).toBe('the-secret');
  });

  it('asks for the secret again before a saved secret moves to another endpoint (finding 9)', async () => {
    const double = memoryKeychain();
    const a = await app({ keychain: double.keychain });
    const profile = saved(await a.save({ profileId: null, fields: sandboxFields, secret: 'stored-secret' }));
    const elsewhere = {
      ...sandboxFields,
      preset: 'custom' as const,
      tokenUrl: 'https://elsewhere.example/token',
    };
    const refused = await a.save({ profileId: profile.id, fields: elsewhere, secret: null });
    expect(refused).toMatchObject({
      ok: false,
      kind: 'invalid-input',
      message: 'The saved secret stays with the endpoint it was saved for.',
      // Said once: the window shows the message and the issue together (a new user saw it twice).
      issues: [
        { field: 'secret', message: expect.stringMatching(/^Type the client secret again/) as string },
      ],
    });
    expect((await a.list()).profiles[0]).toMatchObject({ preset: 'sandbox', tokenUrl: '' });
    // Renaming keeps the endpoint, so it needs no secret; moving with the secret typed is fine.
    saved(
      await a.save({ profileId: profile.id, fields: { ...sandboxFields, name: 'Renamed' }, secret: null }),
    );
    saved(await a.save({ profileId: profile.id, fields: elsewhere, secret: 'typed-again' }));
    expect(double.entries.get(profile.id)).toBe('typed-again');
  });

  it('records each reveal of a saved secret in the history, never the secret', async () => {
    const double = memoryKeychain();
    const a = await app({ keychain: double.keychain });
    const profile = saved(
      await a.save({
        profileId: null,
        fields: { ...sandboxFields, name: 'Prod app' },
        secret: 'Reveal-Me-123',
      }),
    );
    expect(await a.reveal(profile.id)).toEqual({ ok: true, secret: 'Reveal-Me-123' });
    const entries = await a.history();
    expect(entries).toMatchObject([
      { outcome: 'secret-revealed', profileName: 'Prod app', title: 'Saved secret revealed', ok: false },
    ]);
    const file = await readFile(path.join(a.userDataDir, 'history.json'), 'utf8');
    expect(file).toContain('secret-revealed');
    expect(file).not.toContain('Reveal-Me-123');
  });

  it('asks for the secret when creating a profile without one', async () => {
    const a = await app({ keychain: memoryKeychain().keychain });
    expect(await a.save({ profileId: null, fields: sandboxFields, secret: null })).toMatchObject({
      ok: false,
      kind: 'invalid-input',
      issues: [{ field: 'secret' }],
    });
  });

  it('says each refusal of a save once, in plain words, as the window shows it (message and issue)', async () => {
    const a = await app({ keychain: memoryKeychain().keychain });
    // Through the IPC door, as the window calls it: the check of the call itself.
    const dispatch = createIpcRouter({ handlers: a.handlers, isTrusted: () => true });
    const save = (fields: ProfileFields, secret: string | null) =>
      dispatch(IPC_CHANNELS.saveProfile, null as never, { profileId: null, fields, secret }) as Promise<
        IpcResponse<'saveProfile'>
      >;
    const said = async (answer: Promise<IpcResponse<'saveProfile'>>) => {
      const got = await answer;
      if (got.ok) throw new Error('saved');
      return describeFailure(got);
    };
    expect(await said(save({ ...sandboxFields, name: 'n'.repeat(81) }, 's'))).toBe(
      'A profile name can be at most 80 characters.',
    );
    expect(await said(save({ ...sandboxFields, name: ' ' }, 's'))).toBe('Give the profile a name.');
    saved(await save({ ...sandboxFields, name: 'Good one' }, 's'));
    expect(await said(save({ ...sandboxFields, name: 'Good one' }, 's'))).toBe(
      'A profile named “Good one” already exists. Choose another name.',
    );
    expect(await said(save({ ...sandboxFields, name: 'No secret' }, null))).toBe(
      'Enter the client secret to save it to the keychain.',
    );
  });

  it('asks the keychain nothing for a request to another endpoint', async () => {
    const double = memoryKeychain();
    const a = await app({ keychain: double.keychain });
    const profile = saved(await a.save({ profileId: null, fields: sandboxFields, secret: 'stored-secret' }));
    const reads = vi.spyOn(double.keychain, 'getSecret');
    const answer = await a.request(
      request(profile, { preset: 'custom', tokenUrl: 'https://elsewhere.example/token' }),
    );
    expect(answer).toMatchObject({ ok: false, kind: 'invalid-input', issues: [{ field: 'tokenUrl' }] });
    expect(reads).not.toHaveBeenCalled();
  });

  it('uses no stored secret longer than the app saves (an entry changed outside it), and says so; a new one typed replaces it', async () => {
    const server = await startServer((_req, res) => sendJson(res, 401, { error: 'invalid_client' }));
    try {
      const double = memoryKeychain();
      const a = await app({ keychain: double.keychain });
      const fields = { ...sandboxFields, preset: 'custom' as const, tokenUrl: server.url() };
      const profile = saved(await a.save({ profileId: null, fields, secret: 'stored-secret' }));
      // Another program (secret-tool, a script) wrote 1 MiB into the entry: not a client secret.
      double.entries.set(profile.id, 'x'.repeat(1024 * 1024));
      for (const answer of [await a.reveal(profile.id), await a.duplicate(profile.id)])
        expect(answer).toMatchObject({ ok: false, kind: 'keychain', problem: 'too-large' });
      const refused = await a.request(request(profile));
      expect(refused).toMatchObject({ ok: false, kind: 'keychain', outcome: 'keychain:too-large' });
      expect('message' in refused ? refused.message : '').toMatch(
        /in the keychain is longer than 1024 bytes/,
      );
      expect(server.received).toHaveLength(0);
      expect((await a.list()).profiles).toHaveLength(1);
      expect(await a.save({ profileId: profile.id, fields, secret: 'typed-again' })).toMatchObject({
        ok: true,
      });
      expect(await a.reveal(profile.id)).toEqual({ ok: true, secret: 'typed-again' });
    } finally {
      await server.close();
    }
  });

  it('explains a failure with a stored secret without handing the window the secret', async () => {
    const server = await startServer((_req, res) => sendJson(res, 401, { error: 'invalid_client' }));
    try {
      const a = await app({ keychain: memoryKeychain().keychain });
      const fields = { ...sandboxFields, preset: 'custom' as const, tokenUrl: server.url() };
      const profile = saved(await a.save({ profileId: null, fields, secret: ' padded-secret ' }));
      const answer = await a.request(request(profile));
      expect(answer).toMatchObject({ ok: false, status: 401 });
      const findings = 'findings' in answer ? answer.findings : [];
      // The finding is there (the cause of the 401), its one-click fix is not.
      expect(findings).toContainEqual(
        expect.objectContaining({ field: 'clientSecret', id: 'edge-whitespace', fix: null }),
      );
      expect(JSON.stringify(answer)).not.toContain('padded-secret');
    } finally {
      await server.close();
    }
  });

  it(`keeps at most ${MAX_PROFILES} profiles, so the file it writes always loads again`, async () => {
    const userDataDir = await mkdtemp(path.join(tmpdir(), 'user-data-'));
    const at = Date.now();
    const profiles = Array.from({ length: MAX_PROFILES }, (_, i) => ({
      ...sandboxFields,
      name: `Case ${i}`,
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      createdAt: at,
      updatedAt: at,
    }));
    await writeFile(path.join(userDataDir, PROFILES_FILE), JSON.stringify({ version: 1, profiles }));
    const double = memoryKeychain();
    const a = await app({ keychain: double.keychain, userDataDir });
    expect((await a.list()).profiles).toHaveLength(MAX_PROFILES);

    const one = await a.save({
      profileId: null,
      fields: { ...sandboxFields, name: 'One more' },
      secret: 's',
    });
    expect(one).toMatchObject({ ok: false, kind: 'conflict' });
    const first = profiles[0]?.id ?? '';
    double.entries.set(first, 'first-secret');
    expect(await a.duplicate(first)).toMatchObject({ ok: false, kind: 'conflict' });
    expect([...double.entries.keys()]).toEqual([first]); // nothing new left in the keychain

    const again = await app({ keychain: double.keychain, userDataDir });
    const reloaded = await again.list();
    expect(reloaded.notices).toEqual([]);
    expect(reloaded.profiles).toHaveLength(MAX_PROFILES);
  });

  it('tells the window once of a setting from the environment it cannot use', async () => {
    const a = await app({
      keychain: memoryKeychain().keychain,
      env: { TOKEN_TESTER_TIMEOUT_MS: '20s', TOKEN_TESTER_CLIPBOARD_CLEAR_SECONDS: '0' },
    });
    const first = await a.list();
    expect(first.notices).toEqual([
      expect.stringMatching(
        /^TOKEN_TESTER_TIMEOUT_MS is set to "20s", .* the default, 20000 ms applies instead\.$/,
      ),
      expect.stringMatching(
        /^TOKEN_TESTER_CLIPBOARD_CLEAR_SECONDS is set to "0", .* Preferences setting applies/,
      ),
    ]);
    expect((await a.list()).notices).toEqual([]);
  });

  it('with a profiles file it must leave as it is, refuses a save before the keychain is touched', async () => {
    const userDataDir = await mkdtemp(path.join(tmpdir(), 'user-data-'));
    // A folder where the file should be: it may be fine, so it is not written over.
    await mkdir(path.join(userDataDir, PROFILES_FILE));
    const double = memoryKeychain();
    const a = await app({ keychain: double.keychain, userDataDir });
    expect(await a.save({ profileId: null, fields: sandboxFields, secret: 's' })).toMatchObject({
      ok: false,
      kind: 'app-error',
      message: 'The file of your saved profiles is not written over: see the notice.',
    });
    expect([...double.entries.keys()]).toEqual([]);
  });

  it('with such a file, never deletes the secret of a profile it cannot drop', async () => {
    const double = memoryKeychain();
    const at = Date.now();
    const kept: Profile = {
      ...sandboxFields,
      id: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa',
      createdAt: at,
      updatedAt: at,
    };
    double.entries.set(kept.id, 'kept-secret');
    const service = createProfileService({
      store: {
        load: async () => ({ profiles: [kept], notices: [], writable: false }),
        change: () => Promise.reject(new Error('not to be written')),
      },
      keychain: double.keychain,
    });
    expect(await service.remove(kept.id)).toMatchObject({ ok: false, kind: 'app-error' });
    expect(
      await service.save({ profileId: kept.id, fields: { ...kept, name: 'Renamed' }, secret: 'new' }),
    ).toMatchObject({
      ok: false,
      kind: 'app-error',
    });
    expect(double.entries.get(kept.id)).toBe('kept-secret');
    // A copy is refused before its secret is even read (a keychain prompt, on some systems).
    const reads = vi.spyOn(double.keychain, 'getSecret');
    expect(await service.duplicate(kept.id)).toMatchObject({ ok: false, kind: 'app-error' });
    expect(reads).not.toHaveBeenCalled();
  });

  it('refuses a copy with the list full before reading its secret', async () => {
    const double = memoryKeychain();
    const at = Date.now();
    const full: Profile[] = Array.from({ length: MAX_PROFILES }, (_, i) => ({
      ...sandboxFields,
      name: `P${i}`,
      id: `aaaaaaaa-aaaa-4aaa-8aaa-${String(i).padStart(12, '0')}`,
      createdAt: at,
      updatedAt: at,
    }));
    const service = createProfileService({
      store: {
        load: async () => ({ profiles: full, notices: [], writable: true }),
        change: () => Promise.reject(new Error('not to be written')),
      },
      keychain: double.keychain,
    });
    const reads = vi.spyOn(double.keychain, 'getSecret');
    expect(await service.duplicate(full[0]!.id)).toMatchObject({ ok: false, kind: 'conflict' });
    expect(reads).not.toHaveBeenCalled();
  });

  it('reports a damaged profiles file once, and carries on', async () => {
    const userDataDir = await mkdtemp(path.join(tmpdir(), 'user-data-'));
    await writeFile(path.join(userDataDir, PROFILES_FILE), '{ broken');
    const a = await app({ keychain: memoryKeychain().keychain, userDataDir });
    const first = await a.list();
    expect(first.notices).toHaveLength(1);
    expect(first.notices[0]).toMatch(/could not be loaded because the file is not valid JSON/);
    expect((await a.list()).notices).toEqual([]);
    expect(saved(await a.save({ profileId: null, fields: sandboxFields, secret: 's' })).name).toBe(
      'Free trial',
    );
  });
});

describe('a profile saved while it is being used', () => {
  /**
   * The keychain double, with its writes for one account held once armed: the new secret is in
   * the keychain, the profiles file not yet written (a save's order), until `release`.
   */
  function heldKeychain(on: 'setSecret' | 'deleteSecret' = 'setSecret') {
    const double = memoryKeychain();
    let held: string | null = null;
    let entered!: () => void;
    let release!: () => void;
    const reached = new Promise<void>((resolve) => (entered = resolve));
    const gate = new Promise<void>((resolve) => (release = resolve));
    const keychain: Keychain = {
      ...double.keychain,
      async setSecret(account, secret, ifLate) {
        await double.keychain.setSecret(account, secret, ifLate);
        if (account !== held || on !== 'setSecret') return;
        entered();
        await gate;
      },
      async deleteSecret(account) {
        if (account === held && on === 'deleteSecret') {
          entered();
          await gate;
        }
        return double.keychain.deleteSecret(account);
      },
    };
    return {
      keychain,
      entries: double.entries,
      hold: (account: string) => (held = account),
      reached,
      release,
    };
  }

  /** Lets whatever is already under way run up to where it waits (no I/O: the store is in memory). */
  const settle = async () => {
    for (let i = 0; i < 10; i += 1) await new Promise((resolve) => setImmediate(resolve));
  };

  const fieldsAt = (tokenUrl: string): ProfileFields => ({
    name: 'Moving app',
    clientId: 'moving-client',
    preset: 'custom',
    tokenUrl,
    grantType: 'client_credentials',
    scope: '',
  });

  async function servers() {
    const bodies: { readonly where: 'old' | 'new'; readonly body: string }[] = [];
    const answer = (where: 'old' | 'new') =>
      startServer((_req, res, body) => {
        bodies.push({ where, body });
        sendJson(res, 200, {
          access_token: `token-${where}-0123456789`,
          token_type: 'Bearer',
          expires_in: 3599,
        });
      });
    const [old, moved] = [await answer('old'), await answer('new')];
    return {
      bodies,
      oldUrl: `${old.origin}/token`,
      newUrl: `${moved.origin}/token`,
      close: () => Promise.all([old.close(), moved.close()]),
    };
  }

  /**
   * A profile saved at the old endpoint moves to the new one with a new secret, the keychain held
   * at `held`'s operation; meanwhile a request is made with the profile as it was (as "Renew
   * automatically" replays the last request). The move ends at the new endpoint and the request
   * is refused as made for an endpoint the profile no longer has.
   */
  async function requestDuringMove(held: ReturnType<typeof heldKeychain>) {
    const a = await app({ keychain: held.keychain });
    const ends = await servers();
    const profile = saved(
      await a.save({ profileId: null, fields: fieldsAt(ends.oldUrl), secret: 'Old-Secret-111' }),
    );
    held.hold(profile.id);
    const moving = a.save({ profileId: profile.id, fields: fieldsAt(ends.newUrl), secret: 'New-Secret-222' });
    await held.reached;
    const requested = a.request(request(profile));
    await settle();
    held.release();
    expect(saved(await moving).tokenUrl).toBe(ends.newUrl);
    expect(await requested).toMatchObject({
      ok: false,
      kind: 'invalid-input',
      issues: [{ field: 'tokenUrl' }],
    });
    return { a, ends };
  }

  // Held at the new secret's write: the move writes the file before the new secret, so the
  // request finds the file at the new endpoint already.
  it('never sends the new secret to the old endpoint when a request and a move overlap', async () => {
    const { a, ends } = await requestDuringMove(heldKeychain());
    try {
      expect(ends.bodies.filter((b) => b.body.includes('New-Secret-222')).map((b) => b.where)).not.toContain(
        'old',
      );
      // The moved profile itself works: its new secret to its new endpoint.
      const moved = (await a.list()).profiles[0]!;
      expect(await a.request(request(moved))).toMatchObject({ ok: true });
      expect(ends.bodies.at(-1)).toMatchObject({
        where: 'new',
        body: expect.stringContaining('New-Secret-222') as string,
      });
    } finally {
      await ends.close();
    }
  });

  // Held earlier, while the old secret is taken out and before the profiles file is written: the
  // request finds the profile still at its old endpoint, then waits for the profile's lock, and
  // gets the moved profile's new secret. Only the check against the profile read with the secret
  // (token-handlers.ts) stops it there.
  it('never sends the new secret to the old endpoint when the request finds the profile before the move is written', async () => {
    const { ends } = await requestDuringMove(heldKeychain('deleteSecret'));
    try {
      expect(ends.bodies).toEqual([]);
    } finally {
      await ends.close();
    }
  });

  it('copies a profile as it stands before or after a move, never the old endpoint with the new secret', async () => {
    const held = heldKeychain();
    const a = await app({ keychain: held.keychain });
    const profile = saved(
      await a.save({
        profileId: null,
        fields: fieldsAt('https://old.example/token'),
        secret: 'Old-Secret-111',
      }),
    );
    held.hold(profile.id);
    const moving = a.save({
      profileId: profile.id,
      fields: fieldsAt('https://new.example/token'),
      secret: 'New-Secret-222',
    });
    await held.reached;
    const copying = a.duplicate(profile.id);
    await settle();
    held.release();
    await moving;
    const copy = saved(await copying);
    expect([copy.tokenUrl, held.entries.get(copy.id)]).toEqual([
      'https://new.example/token',
      'New-Secret-222',
    ]);
  });
});
