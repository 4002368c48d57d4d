// A name in the file that is already a saved profile's: never overwritten unless the user chose
// "replace" for that row; "import" under that name is refused, a new name adds a profile.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { V3_TOKEN_URL } from '../../app/endpoints';
import { isIpcFailure } from '../../app/ipc-contract';
import { LATIN_LETTERS, LOOKALIKE_LETTERS, profileNameSchema, sameName } from '../../app/profiles';
import { EXPORT_FORMAT, readCredentialText } from '../../main/import/credential-formats';
import { createImportService } from '../../main/import/import-service';
import { exportProfilesJson } from '../../main/import/profiles-export';
import { createProfileService } from '../../main/profiles/profile-service';
import { createProfileStore } from '../../main/profiles/profile-store';
import { memoryKeychain } from '../support/memory-keychain';

/** A profile "staging" (client old-id, secret old-secret) saved, then a file previewed. */
async function withSavedProfile(
  file = '[staging]\nclient_id = new-id\nclient_secret = new-secret\n',
  name = 'staging',
) {
  const { keychain, entries } = memoryKeychain();
  const profiles = createProfileService({
    store: createProfileStore(await mkdtemp(path.join(tmpdir(), 'import-clash-'))),
    keychain,
  });
  const saved = await profiles.save({
    profileId: null,
    fields: {
      name,
      clientId: 'old-id',
      preset: 'v3',
      tokenUrl: '',
      grantType: 'client_credentials',
      scope: '',
    },
    secret: 'old-secret',
  });
  if (!saved.ok) throw new Error('could not save the first profile');
  const imports = createImportService({ profiles, now: Date.now });
  const answer = await imports.preview(readCredentialText(file, 'credentials'));
  if (isIpcFailure(answer)) throw new Error(answer.message);
  return { profiles, imports, entries, preview: answer.preview, id: saved.profile.id };
}

describe('an import whose name clashes', () => {
  it('is a clash too when the file’s name differs only by characters drawn as nothing', async () => {
    // Hangul fillers, the combining grapheme joiner, a variation selector, the blank Braille
    // pattern: "staging\u3164" is drawn exactly as "staging", a second profile beside it.
    for (const invisible of ['\u3164', '\u115f', '\uffa0', '\u034f', '\ufe00', '\u2800', '\u{e0100}']) {
      const file = `[staging${invisible}]\nclient_id = new-id\nclient_secret = new-secret\n`;
      const { preview } = await withSavedProfile(file);
      expect(preview.rows[0], `U+${invisible.codePointAt(0)?.toString(16)}`).toMatchObject({
        name: 'staging',
        clash: true,
        suggestedName: 'staging (2)',
      });
    }
  });

  it('is a clash too when the file’s name has Cyrillic or Greek letters drawn as the Latin ones', async () => {
    // Cyrillic Р and а, Greek Ι and ο: each name is drawn exactly as "staging" or "STAGING".
    for (const lookalike of ['stаging', 'ѕtaging', 'STAGΙNG', 'stagіng', 'ЅТАGING']) {
      const file = `[${lookalike}]\nclient_id = new-id\nclient_secret = new-secret\n`;
      const { preview } = await withSavedProfile(file);
      expect(preview.rows[0], lookalike).toMatchObject({ clash: true, suggestedName: `${lookalike} (2)` });
    }
    // Names in those scripts are still told apart from each other and from Latin ones.
    expect(sameName('Продакшн', 'Тест')).toBe(false);
    expect(sameName('Νέο', 'Neo')).toBe(false);
    expect(sameName('Ρrod', 'Prod')).toBe(true);
    expect([...LOOKALIKE_LETTERS]).toHaveLength([...LATIN_LETTERS].length);
  });

  it('still tells names in Cyrillic and Greek by their letters, not their case', () => {
    // Before lookalikes were matched these compared equal, as Latin names in another case do:
    // --profile москва found "Москва", and "МОСКВА" was a clash with it.
    expect(sameName('Москва', 'МОСКВА')).toBe(true);
    expect(sameName('Москва', 'москва')).toBe(true);
    expect(sameName('ΑΘΗΝΑ', 'αθηνα')).toBe(true);
    expect(sameName('Νίκος', 'ΝΊΚΟΣ')).toBe(true);
    expect(sameName('ӀD', 'ӏd')).toBe(true);
    // The lookalikes are still found in either case.
    expect(sameName('РRODUCTION', 'production')).toBe(true);
    expect(sameName('рroduction', 'PRODUCTION')).toBe(true);
    expect(sameName('ΝΕΟ', 'neo')).toBe(true);
    expect(sameName('Москва', 'Тест')).toBe(false);
  });

  it('no saved name and a new one differ only by characters drawn as nothing', async () => {
    const { profiles } = await withSavedProfile();
    const fields = {
      clientId: 'id',
      preset: 'v3' as const,
      tokenUrl: '',
      grantType: 'client_credentials',
      scope: '',
    };
    for (const name of ['staging\u3164', 'stag\u034fing', 'staging\u2800']) {
      const answer = await profiles.save({
        profileId: null,
        fields: { ...fields, name },
        secret: 'a-secret',
      });
      expect(isIpcFailure(answer) ? answer.kind : answer.ok, JSON.stringify(name)).toBe('conflict');
      // And the window's (and the command line's) check refuses such a name before that.
      expect(profileNameSchema.safeParse(name).success, JSON.stringify(name)).toBe(false);
    }
    // A name of nothing but such characters is no name.
    expect(profileNameSchema.safeParse('\u3164\u2800').success).toBe(false);
    // The emoji presentation selector an emoji picker adds stays allowed in a new name.
    expect(profileNameSchema.safeParse('\u2764\ufe0f prod').success).toBe(true);
    const emoji = await profiles.save({
      profileId: null,
      fields: { ...fields, name: '\u2764\ufe0f prod' },
      secret: 'a-secret',
    });
    expect(emoji.ok).toBe(true);
    expect((await profiles.list()).profiles.map((p) => p.name)).toEqual(['staging', '\u2764\ufe0f prod']);
  });

  it('is marked as a clash in the preview, with a free name offered', async () => {
    const { preview } = await withSavedProfile();
    expect(preview.rows[0]).toMatchObject({ name: 'staging', clash: true, suggestedName: 'staging (2)' });
  });

  it('"import" under the taken name is refused and changes nothing', async () => {
    const { imports, preview, profiles, entries, id } = await withSavedProfile();
    const answer = await imports.confirm(preview.previewId, [
      { rowId: 'row-1', action: 'import', name: 'staging' },
    ]);
    expect(isIpcFailure(answer) ? null : answer.results[0]?.status).toBe('failed');
    expect((await profiles.list()).profiles.map((p) => [p.name, p.clientId])).toEqual([
      ['staging', 'old-id'],
    ]);
    expect(entries.get(id)).toBe('old-secret');
  });

  it('"replace" gives the saved profile the file’s client ID and secret, under the same id', async () => {
    const { imports, preview, profiles, entries, id } = await withSavedProfile();
    const answer = await imports.confirm(preview.previewId, [
      { rowId: 'row-1', action: 'replace', name: 'staging' },
    ]);
    expect(isIpcFailure(answer) ? null : answer.results[0]).toMatchObject({
      status: 'imported',
      secret: 'stored',
      message: 'Replaced the saved profile of this name.',
    });
    expect((await profiles.list()).profiles.map((p) => [p.id, p.name, p.clientId])).toEqual([
      [id, 'staging', 'new-id'],
    ]);
    expect(entries.get(id)).toBe('new-secret');
    expect(entries.size).toBe(1);
  });
});

describe('"replace" is bound to the profile the preview showed', () => {
  it('refuses when that profile was renamed since, and leaves both profiles as they are', async () => {
    const { imports, preview, profiles, entries, id } = await withSavedProfile();
    const renamed = await profiles.save({
      profileId: id,
      fields: {
        name: 'staging-old',
        clientId: 'old-id',
        preset: 'v3',
        tokenUrl: '',
        grantType: 'client_credentials',
        scope: '',
      },
      secret: null,
    });
    expect(renamed.ok).toBe(true);
    // Another profile now holds the name: it was never shown as the one to replace.
    const other = await profiles.save({
      profileId: null,
      fields: {
        name: 'staging',
        clientId: 'other-id',
        preset: 'v3',
        tokenUrl: '',
        grantType: 'client_credentials',
        scope: '',
      },
      secret: 'other-secret',
    });
    if (!other.ok) throw new Error('could not save the second profile');
    const answer = await imports.confirm(preview.previewId, [
      { rowId: 'row-1', action: 'replace', name: 'staging' },
    ]);
    const row = isIpcFailure(answer) ? null : answer.results[0];
    expect(row?.status).toBe('failed');
    expect(row?.message).toMatch(/gone or was renamed since the preview/);
    expect(entries.get(id)).toBe('old-secret');
    expect(entries.get(other.profile.id)).toBe('other-secret');
  });

  it('never hands the saved secret to another client ID when the file has none', async () => {
    const { imports, preview, profiles, entries, id } = await withSavedProfile(
      '[prod]\nclient_id = new-id\n',
      'prod',
    );
    const confirmed = await imports.confirm(preview.previewId, [
      { rowId: 'row-1', action: 'replace', name: 'prod' },
    ]);
    expect(isIpcFailure(confirmed) ? null : confirmed.results[0]).toMatchObject({ status: 'failed' });
    expect((await profiles.list()).profiles.map((p) => p.clientId)).toEqual(['old-id']);
    expect(entries.get(id)).toBe('old-secret');
  });
});

describe('two rows of one file with one name', () => {
  it('the second is a clash within the file, and "replace" never overwrites the first', async () => {
    const { keychain } = memoryKeychain();
    const profiles = createProfileService({
      store: createProfileStore(await mkdtemp(path.join(tmpdir(), 'import-clash-'))),
      keychain,
    });
    const imports = createImportService({ profiles, now: Date.now });
    const row = (name: string, clientId: string) => ({
      name,
      clientId,
      preset: 'v3',
      tokenUrl: '',
      grantType: 'client_credentials',
      scope: '',
    });
    const exported = {
      format: 'telstra-token-tester/profiles',
      version: 1,
      profiles: [row('dup', 'first-id'), row('DUP', 'second-id')],
    };
    const answer = await imports.preview(readCredentialText(JSON.stringify(exported), 'profiles.json'));
    if (isIpcFailure(answer)) throw new Error(answer.message);
    expect(answer.preview.rows.map((r) => [r.name, r.clash, r.clashInFile])).toEqual([
      ['dup', false, false],
      ['DUP', true, true],
    ]);
    const done = await imports.confirm(answer.preview.previewId, [
      { rowId: 'row-1', action: 'import', name: 'dup' },
      { rowId: 'row-2', action: 'replace', name: 'DUP' },
    ]);
    expect(isIpcFailure(done) ? null : done.results.map((r) => r.status)).toEqual(['imported', 'failed']);
    expect((await profiles.list()).profiles.map((p) => p.clientId)).toEqual(['first-id']);
  });
});

describe('an import past the cap of saved profiles', () => {
  it('says so in the preview, before anything is written', async () => {
    const sections = Array.from({ length: 500 }, (_, i) => `[s${i}]\nclient_id = id-${i}\n`).join('');
    const { preview } = await withSavedProfile(sections);
    expect(preview.summary).toContain(
      'At most 500 profiles can be saved and 1 is, so only 499 more can be imported: skip some rows, or delete profiles first.',
    );
    const fits = await withSavedProfile('[a]\nclient_id = id-a\n');
    expect(fits.preview.summary).not.toContain('At most');
  });
});

describe('a row the file gives a value that cannot be saved', () => {
  it('is said in the preview not to be importable, and why, rather than failing after others were written', async () => {
    // The command line imports every importable row: these failed one by one after the first was
    // saved (exit 5, as if the keychain had failed), and the window offered them as importable.
    const file = [
      '[fine]\nclient_id = fine-id\nclient_secret = fine-secret',
      `[scope]\nclient_id = scope-id\nclient_secret = s\nscope = ${'S'.repeat(1025)}`,
      `[url]\nclient_id = url-id\nclient_secret = s\ntoken_url = https://x.example/${'u'.repeat(2048)}`,
      // 1025 bytes in UTF-8 (513 characters): more than a keychain is asked to keep.
      `[secret]\nclient_id = secret-id\nclient_secret = ${'é'.repeat(513)}`,
      '',
    ].join('\n');
    const { preview, imports, profiles } = await withSavedProfile(file);
    expect(preview.rows.map((r) => [r.name, r.importable])).toEqual([
      ['fine', true],
      ['scope', false],
      ['url', false],
      ['secret', false],
    ]);
    const said = (name: string) => preview.rows.find((r) => r.name === name)?.findings.map((f) => f.message);
    expect(said('scope')).toContain('Scope is longer than 1024 characters: this row cannot be imported.');
    expect(said('url')).toContain('Token URL is longer than 2048 characters: this row cannot be imported.');
    expect(said('secret')).toContain(
      'The client secret is longer than 1024 bytes, which not every keychain keeps: this row cannot be imported.',
    );
    expect(JSON.stringify(preview)).not.toContain('éé');
    // What the command line does with such a preview: the importable rows only, all saved.
    const done = await imports.confirm(
      preview.previewId,
      preview.rows.map((r) => ({ rowId: r.rowId, action: r.importable ? 'import' : 'skip', name: r.name })),
    );
    expect(isIpcFailure(done) ? done : done.results.map((r) => r.status)).toEqual([
      'imported',
      'skipped',
      'skipped',
      'skipped',
    ]);
    expect((await profiles.saved()).map((p) => p.name)).toEqual(['staging', 'fine']);
    // The app's own export, edited: a grant type the profile cannot take.
    const exported = JSON.stringify({
      format: EXPORT_FORMAT,
      version: 1,
      profiles: [
        {
          name: 'g',
          clientId: 'g-id',
          preset: 'v3',
          tokenUrl: '',
          grantType: 'client_\ncredentials',
          scope: '',
        },
      ],
    });
    const edited = await imports.preview(readCredentialText(exported, 'export.json'));
    expect(isIpcFailure(edited) ? edited : edited.preview.rows[0]).toMatchObject({
      importable: false,
      findings: [
        {
          field: 'grantType',
          message:
            'Grant type cannot contain control characters or line breaks: this row cannot be imported.',
        },
      ],
    });
  });
});

describe('an import while the keychain does not answer', () => {
  it('previews and checks names from the file alone, asking the keychain only to save a secret', async () => {
    const { keychain, entries } = memoryKeychain();
    const asked: string[] = [];
    // Listing what the keychain holds never answers, as a locked or stalled keychain does.
    const stalled = {
      ...keychain,
      accounts: () => {
        asked.push('accounts');
        return new Promise<ReadonlySet<string>>(() => undefined);
      },
    };
    const profiles = createProfileService({
      store: createProfileStore(await mkdtemp(path.join(tmpdir(), 'import-stalled-'))),
      keychain: stalled,
    });
    const imports = createImportService({ profiles, now: Date.now });
    const answer = await imports.preview(
      readCredentialText('[a]\nclient_id = a-id\nclient_secret = a-secret\n', 'credentials'),
    );
    if (isIpcFailure(answer)) throw new Error(answer.message);
    const done = await imports.confirm(answer.preview.previewId, [
      { rowId: 'row-1', action: 'import', name: 'a' },
    ]);
    expect(isIpcFailure(done) ? null : done.results[0]?.status).toBe('imported');
    expect([...entries.values()]).toEqual(['a-secret']);
    expect(asked).toEqual([]);
  });
});

describe('many rows of one file under one name', () => {
  it('each gets its own free name, and each is marked as a clash with the rows before it', async () => {
    // Four hundred sections whose names are one once cut to the length limit (80), beside a saved
    // profile of that name: the search for free names once took many seconds here.
    const long = 'n'.repeat(80);
    const file = Array.from({ length: 400 }, (_, i) => `[${long} ${i}]\nclient_id=i${i}\n`).join('');
    const { preview } = await withSavedProfile(file, long);
    expect(preview.rows).toHaveLength(400);
    expect(preview.rows.every((row) => row.clash)).toBe(true);
    expect(preview.rows[0]?.clashInFile).toBe(false);
    expect(preview.rows[1]?.clashInFile).toBe(false);
    const suggested = preview.rows.map((row) => row.suggestedName);
    expect(new Set(suggested.map((n) => n.toLowerCase())).size).toBe(400);
    expect(suggested.slice(0, 3)).toEqual(
      [2, 3, 4].map((n) => `${long.slice(0, 80 - ` (${n})`.length)} (${n})`),
    );
    expect(suggested.at(-1)).toBe(`${long.slice(0, 74)} (401)`);
  });
});

describe('a file refused with a message that quotes it', () => {
  it('never lets a text-direction control in a quoted name turn the app’s words around', async () => {
    const { imports } = await withSavedProfile();
    const file = '[a\u202eb]\nclient_id = x1\n[a\u202eb]\nclient_id = x2\n';
    const answer = await imports.preview(readCredentialText(file, 'credentials'));
    expect(isIpcFailure(answer) && answer.message).toBe(
      'The file has two [a\ufffdb] sections. Nothing was imported.',
    );
    expect(JSON.stringify(answer)).not.toContain('\u202e');
  });
});

describe('saved names that an older version told apart and this one reads alike', () => {
  /** A profiles file as a version before lookalikes were compared away wrote it. */
  async function olderFile(names: readonly string[], same: Record<string, string> = {}) {
    const dir = await mkdtemp(path.join(tmpdir(), 'import-clash-older-'));
    const ids = names.map((_, i) => `3f1c2b7a-5d4e-4f60-8a9b-0c1d2e3f4a5${i}`);
    const profiles = names.map((name, i) => ({
      name,
      preset: 'v3',
      clientId: `old-id-${i}`,
      tokenUrl: '',
      grantType: 'client_credentials',
      scope: '',
      id: ids[i],
      createdAt: 1,
      updatedAt: 1,
      ...same,
    }));
    await writeFile(path.join(dir, 'profiles.json'), JSON.stringify({ version: 1, profiles }));
    return { dir, ids };
  }

  it('"replace" replaces the one of exactly the file’s name', async () => {
    // Cyrillic Р first: "Рroduction" and "Production" were two profiles before.
    const { dir, ids } = await olderFile(['Рroduction', 'Production']);
    const { keychain } = memoryKeychain();
    const profiles = createProfileService({ store: createProfileStore(dir), keychain });
    const imports = createImportService({ profiles, now: Date.now });
    const file = '[Production]\nclient_id = new-id\nclient_secret = new-secret\n';
    const answer = await imports.preview(readCredentialText(file, 'credentials'));
    if (isIpcFailure(answer)) throw new Error(answer.message);
    const done = await imports.confirm(answer.preview.previewId, [
      { rowId: 'row-1', action: 'replace', name: 'Production' },
    ]);
    expect(isIpcFailure(done) ? done : done.results[0]).toMatchObject({ status: 'imported' });
    expect((await profiles.list()).profiles.map((p) => [p.id, p.name, p.clientId])).toEqual([
      [ids[0], 'Рroduction', 'old-id-0'],
      [ids[1], 'Production', 'new-id'],
    ]);
  });

  it('an export read back binds each row to the profile it was exported from, invisible characters and all', async () => {
    // "Prod\u200b" (a zero-width space after it) and "Prod": an import drops the invisible
    // character from the row's name, but "replace" must still mean the profile the row came from.
    // It meant "Prod", which took the other's settings: a round trip swapped them.
    // One client for both (say, one profile per scope): nothing else tells the rows apart.
    const { dir, ids } = await olderFile(['Prod\u200b', 'Prod'], {
      clientId: 'one-client-id',
      tokenUrl: V3_TOKEN_URL,
    });
    const { keychain } = memoryKeychain();
    const profiles = createProfileService({ store: createProfileStore(dir), keychain });
    const imports = createImportService({ profiles, now: Date.now });
    const exported = JSON.parse(exportProfilesJson(await profiles.saved(), Date.now())) as {
      profiles: { scope: string }[];
    };
    exported.profiles.forEach((p, i) => (p.scope = `exported-scope-${i}`));
    const answer = await imports.preview(readCredentialText(JSON.stringify(exported), 'export.json'));
    if (isIpcFailure(answer)) throw new Error(answer.message);
    expect(answer.preview.rows.map((r) => [r.name, r.clash])).toEqual([
      ['Prod', true],
      ['Prod', true],
    ]);
    const done = await imports.confirm(
      answer.preview.previewId,
      answer.preview.rows.map((r) => ({ rowId: r.rowId, action: 'replace' as const, name: r.name })),
    );
    if (isIpcFailure(done)) throw new Error(done.message);
    // The first cannot take the name "Prod" from the other; the second replaces its own profile.
    expect(done.results.map((r) => r.status)).toEqual(['failed', 'imported']);
    expect((await profiles.saved()).map((p) => [p.id, p.name, p.scope])).toEqual([
      [ids[0], 'Prod\u200b', ''],
      [ids[1], 'Prod', 'exported-scope-1'],
    ]);
  });

  it('either can still be saved under its own name, and neither renamed to the other’s', async () => {
    const { dir, ids } = await olderFile(['Рroduction', 'Production']);
    const { keychain } = memoryKeychain();
    const profiles = createProfileService({ store: createProfileStore(dir), keychain });
    const fields = {
      preset: 'v3',
      clientId: 'changed-id',
      tokenUrl: '',
      grantType: 'client_credentials',
      scope: 'NSMS',
    } as const;
    for (const [i, name] of ['Рroduction', 'Production'].entries()) {
      const saved = await profiles.save({
        profileId: ids[i] ?? '',
        fields: { ...fields, name },
        secret: null,
      });
      expect(saved, name).toMatchObject({ ok: true });
      const withSecret = await profiles.save({
        profileId: ids[i] ?? '',
        fields: { ...fields, name },
        secret: 'a-new-secret',
      });
      expect(withSecret, name).toMatchObject({ ok: true });
    }
    const renamed = await profiles.save({
      profileId: ids[1] ?? '',
      fields: { ...fields, name: 'PRODUCTION' },
      secret: null,
    });
    expect(renamed).toMatchObject({ ok: false });
    expect((await profiles.list()).profiles.map((p) => [p.name, p.clientId])).toEqual([
      ['Рroduction', 'changed-id'],
      ['Production', 'changed-id'],
    ]);
  });
});

describe('an import whose profiles file the disk refuses', () => {
  it('says why for each row, in words (chattr +i: not permitted; a full disk)', async () => {
    for (const [code, words] of [
      ['EPERM', 'not permitted'],
      ['ENOSPC', 'no space left on the device'],
    ] as const) {
      const { keychain } = memoryKeychain();
      const store = createProfileStore(await mkdtemp(path.join(tmpdir(), 'import-refused-')));
      const refusing = {
        load: () => store.load(),
        change: () => Promise.reject(Object.assign(new Error('refused'), { code })),
      };
      const profiles = createProfileService({ store: refusing, keychain });
      const imports = createImportService({ profiles, now: Date.now });
      const answer = await imports.preview(
        readCredentialText('[prod]\nclient_id = an-id\nclient_secret = a-secret\n', 'credentials'),
      );
      if (isIpcFailure(answer)) throw new Error(answer.message);
      const done = await imports.confirm(answer.preview.previewId, [
        { rowId: answer.preview.rows[0]!.rowId, action: 'import', name: 'prod' },
      ]);
      if (isIpcFailure(done)) throw new Error(done.message);
      expect(done.results[0]).toMatchObject({
        status: 'failed',
        message: `The profiles file could not be written (${words}), so this profile was not saved.`,
      });
    }
  });
});
