// The profiles file: atomic writes, validation on load, and damaged files set aside, never lost.
import fc from 'fast-check';
import { mkdir, mkdtemp, readdir, readFile, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { profileFieldsSchema, type Profile } from '../../app/profiles';
import { createProfileStore, PROFILES_FILE, readProfilesFile } from '../../main/profiles/profile-store';
import { makeReadOnly } from '../support/read-only-folder';

const folder = () => mkdtemp(path.join(tmpdir(), 'profiles-'));
const profile = (id: string, name: string): Profile => ({
  id,
  name,
  clientId: 'client',
  preset: 'v2',
  tokenUrl: 'https://tapi.telstra.com/v2/oauth/token',
  grantType: 'client_credentials',
  scope: 'NSMS',
  createdAt: 1,
  updatedAt: 1,
});
const ID_A = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const ID_B = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';

describe('the profile store', () => {
  it('starts empty, saves atomically and loads what it saved', async () => {
    const dir = await folder();
    const store = createProfileStore(dir);
    expect(await store.load()).toEqual({ profiles: [], notices: [], writable: true });
    await store.change(() => ({ profiles: [profile(ID_A, 'Prod app')], result: undefined }));
    expect(await readdir(dir)).toEqual([PROFILES_FILE]);
    const reloaded = await createProfileStore(dir).load();
    expect(reloaded.profiles).toEqual([profile(ID_A, 'Prod app')]);
  });

  it('never writes a secret: the file holds only profile fields', async () => {
    const dir = await folder();
    await createProfileStore(dir).change(() => ({ profiles: [profile(ID_A, 'x')], result: undefined }));
    const saved = JSON.parse(await readFile(path.join(dir, PROFILES_FILE), 'utf8')) as { profiles: object[] };
    expect(Object.keys(saved.profiles[0] ?? {}).sort()).toEqual(
      ['clientId', 'createdAt', 'grantType', 'id', 'name', 'preset', 'scope', 'tokenUrl', 'updatedAt'].sort(),
    );
  });

  it('runs changes one after another', async () => {
    const store = createProfileStore(await folder());
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        store.change((profiles) => ({
          profiles: [
            ...profiles,
            profile(`${String(i).padStart(8, '0')}-aaaa-4aaa-8aaa-aaaaaaaaaaaa`, `p${i}`),
          ],
          result: undefined,
        })),
      ),
    );
    expect((await store.load()).profiles).toHaveLength(20);
  });

  it.each([
    ['not JSON', '{"version": 1, "profiles": [', 'the file is not valid JSON'],
    ['the wrong shape', '{"version": 1, "things": []}', 'the file’s contents are not in the expected form'],
    ['an array', '[]', 'the file’s contents are not in the expected form'],
  ])('sets aside a file that is %s and says so', async (_name, content, reason) => {
    const dir = await folder();
    await writeFile(path.join(dir, PROFILES_FILE), content);
    const { profiles, notices } = await createProfileStore(dir, () =>
      Date.parse('2026-11-25T10:00:00Z'),
    ).load();
    expect(profiles).toEqual([]);
    expect(notices[0]).toContain(reason);
    expect(notices[0]).toContain('profiles.damaged-2026-11-25T10-00-00-000Z.json');
    const kept = await readFile(path.join(dir, 'profiles.damaged-2026-11-25T10-00-00-000Z.json'), 'utf8');
    expect(kept).toBe(content);
  });

  it('keeps the readable profiles of a partly damaged file, and the original beside it', async () => {
    const dir = await folder();
    const content = JSON.stringify({
      version: 1,
      profiles: [profile(ID_A, 'Good'), { id: 'nope', name: 42 }, profile(ID_B, 'Also good')],
    });
    await writeFile(path.join(dir, PROFILES_FILE), content);
    const { profiles, notices } = await createProfileStore(dir).load();
    expect(profiles.map((p) => p.name)).toEqual(['Good', 'Also good']);
    expect(notices[0]).toMatch(/^1 saved profile could not be read/);
    const names = await readdir(dir);
    const kept = names.find((n) => n.startsWith('profiles.damaged-'));
    expect(kept && (await readFile(path.join(dir, kept), 'utf8'))).toBe(content);
    expect((await createProfileStore(dir).load()).notices).toEqual([]);
  });

  it('reads profiles with a field this version does not know, and writes that field back with them', async () => {
    const dir = await folder();
    const file = path.join(dir, PROFILES_FILE);
    // As a later version may save them without a new file version: one more field each.
    const later = (id: string, name: string) => ({ ...profile(id, name), colour: 'blue' });
    const content = JSON.stringify({ version: 1, profiles: [later(ID_A, 'A'), later(ID_B, 'B')] });
    await writeFile(file, content);
    const store = createProfileStore(dir);
    const { profiles, notices } = await store.load();
    expect(profiles).toEqual([profile(ID_A, 'A'), profile(ID_B, 'B')]);
    expect(notices).toEqual([]);
    expect(await readdir(dir)).toEqual([PROFILES_FILE]);
    expect(await readFile(file, 'utf8')).toBe(content);
    // A change made here keeps the field on the profiles still saved.
    await store.change((current) => ({
      profiles: current.filter((p) => p.id === ID_A).map((p) => ({ ...p, name: 'A2' })),
      result: null,
    }));
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ version: 1, profiles: [later(ID_A, 'A2')] });
    expect((await createProfileStore(dir).load()).profiles).toEqual([profile(ID_A, 'A2')]);
  });

  it('keeps a key a later version added beside the profiles, not set aside, and writes it back', async () => {
    const dir = await folder();
    const file = path.join(dir, PROFILES_FILE);
    const content = JSON.stringify({
      version: 1,
      profiles: [profile(ID_A, 'A')],
      groups: [{ name: 'Team' }],
    });
    await writeFile(file, content);
    const store = createProfileStore(dir);
    const { profiles, notices } = await store.load();
    expect(profiles).toEqual([profile(ID_A, 'A')]);
    expect(notices).toEqual([]);
    expect(await readdir(dir)).toEqual([PROFILES_FILE]);
    await store.change((current) => ({ profiles: [...current, profile(ID_B, 'B')], result: null }));
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({
      version: 1,
      profiles: [profile(ID_A, 'A'), profile(ID_B, 'B')],
      groups: [{ name: 'Team' }],
    });
  });

  it('does not keep added keys beyond its bounds: the file set aside, or the one profile left out', async () => {
    // Kept, a 6 KB file nested 3,000 deep would be written back as 18 MB, and the next start
    // would set every profile aside as too large.
    const deep = JSON.parse(`${'['.repeat(3000)}${']'.repeat(3000)}`) as unknown;
    const dir = await folder();
    await writeFile(
      path.join(dir, PROFILES_FILE),
      JSON.stringify({ version: 1, profiles: [profile(ID_A, 'A')], x: deep }),
    );
    expect((await createProfileStore(dir).load()).profiles).toEqual([]);
    expect((await readdir(dir)).some((n) => n.startsWith('profiles.damaged-'))).toBe(true);
    // On one profile: that profile is left out (the original kept beside), the others read.
    const other = await folder();
    await writeFile(
      path.join(other, PROFILES_FILE),
      JSON.stringify({ version: 1, profiles: [{ ...profile(ID_A, 'A'), x: deep }, profile(ID_B, 'B')] }),
    );
    const { profiles, notices } = await createProfileStore(other).load();
    expect(profiles).toEqual([profile(ID_B, 'B')]);
    expect(notices[0]).toMatch(/^1 saved profile could not be read and was left out/);
  });

  it('still leaves out a profile whose known field is of the wrong kind, unknown fields or not', async () => {
    const dir = await folder();
    const wrong = { ...profile(ID_B, 'B'), colour: 'blue', createdAt: 'yesterday' };
    await writeFile(
      path.join(dir, PROFILES_FILE),
      JSON.stringify({ version: 1, profiles: [{ ...profile(ID_A, 'A'), colour: 'blue' }, wrong] }),
    );
    const { profiles, notices } = await createProfileStore(dir).load();
    expect(profiles.map((p) => p.name)).toEqual(['A']);
    expect(notices[0]).toMatch(/^1 saved profile could not be read and was left out/);
  });

  it('takes no unknown field from the window or an import: only the file’s reading is lenient', () => {
    const { id: _id, createdAt: _c, updatedAt: _u, ...fields } = profile(ID_A, 'A');
    expect(profileFieldsSchema.safeParse(fields).success).toBe(true);
    expect(profileFieldsSchema.safeParse({ ...fields, colour: 'blue' }).success).toBe(false);
  });

  it('leaves a file it cannot read at all exactly as it is, and writes nothing over it', async () => {
    const dir = await folder();
    // A read that fails (here: a folder where the file should be) says nothing about the contents.
    await mkdir(path.join(dir, PROFILES_FILE));
    const store = createProfileStore(dir);
    const { profiles, notices } = await store.load();
    expect(profiles).toEqual([]);
    expect(notices[0]).toMatch(/is not a regular file .*Nothing will be saved/);
    await expect(
      store.change((current) => ({ profiles: [...current, profile(ID_A, 'New')], result: null })),
    ).rejects.toThrow(/not written over/);
    expect(await readdir(dir)).toEqual([PROFILES_FILE]);
  });

  it('does not rewrite a damaged file it could not keep a copy of', async (context) => {
    const dir = await folder();
    const content = JSON.stringify({ version: 1, profiles: [profile(ID_A, 'Good'), { id: 'nope' }] });
    await writeFile(path.join(dir, PROFILES_FILE), content);
    // No copy can be made: the data folder takes no new file.
    const writable = await makeReadOnly(dir);
    if (writable === null) return context.skip();
    try {
      const store = createProfileStore(dir);
      const { profiles, notices } = await store.load();
      expect(profiles.map((p) => p.name)).toEqual(['Good']);
      expect(notices[0]).toMatch(/left out.*Nothing will be saved/);
      await expect(store.change((current) => ({ profiles: [...current], result: null }))).rejects.toThrow();
      expect(await readFile(path.join(dir, PROFILES_FILE), 'utf8')).toBe(content);
    } finally {
      await writable();
    }
  });

  it('removes temporary files left by a crash mid-write, but not another process’s write in progress', async () => {
    const dir = await folder();
    const leftover = path.join(dir, `${PROFILES_FILE}.abc123.tmp`);
    const inProgress = path.join(dir, `${PROFILES_FILE}.def456.tmp`);
    await writeFile(leftover, '{"version":1,"prof');
    await writeFile(inProgress, '{"version":1,"prof');
    const anHourAgo = new Date(Date.now() - 3_600_000);
    await utimes(leftover, anHourAgo, anHourAgo);
    await createProfileStore(dir).load();
    expect(await readdir(dir)).toEqual([path.basename(inProgress)]);
  });

  it('round-trips hostile but valid names exactly', async () => {
    const dir = await folder();
    const names = [
      '__proto__',
      'constructor',
      'toString',
      '💥 Prod ✓',
      '"><script>alert(1)</script>',
      'a'.repeat(80),
    ];
    await createProfileStore(dir).change(() => ({
      profiles: names.map((name, i) =>
        profile(`${String(i).padStart(8, '0')}-aaaa-4aaa-8aaa-aaaaaaaaaaaa`, name),
      ),
      result: undefined,
    }));
    expect((await createProfileStore(dir).load()).profiles.map((p) => p.name)).toEqual(names);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('profile name validation', () => {
  const fields = { clientId: 'c', preset: 'v2', tokenUrl: '', grantType: 'client_credentials', scope: '' };

  it('refuses control characters, line breaks, empty and over-long names', () => {
    for (const name of [
      '',
      '   ',
      'a\nb',
      ' trailing line break is trimmed but\nthis is not ',
      'tab\there',
      'nul\0',
      'del\u007f',
      'sep\u2028arator',
      'x'.repeat(81),
    ]) {
      expect(profileFieldsSchema.safeParse({ ...fields, name }).success, JSON.stringify(name)).toBe(false);
    }
  });

  it('accepts any other text, trimmed', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 60 }), (name) => {
        const parsed = profileFieldsSchema.safeParse({ ...fields, name });
        const trimmed = name.trim();
        // An oracle of its own: C0, DEL, C1 and the line/paragraph separators.
        const hasControl = [...trimmed].some((ch) => {
          const c = ch.codePointAt(0) ?? 0;
          return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c === 0x2028 || c === 0x2029;
        });
        // And the characters drawn as nothing (format characters, the default-ignorable ones, the
        // blank Braille pattern), emoji presentation selectors aside, which a name may carry but
        // not consist of, and a joiner (U+200C, U+200D) between two characters drawn outside ASCII
        // (the first perhaps with an emoji selector after it): what emoji and scripts need.
        const chars = [...trimmed];
        const drawn = (ch: string | undefined) =>
          ch !== undefined && !/[\s\p{ASCII}\p{Cf}\p{Default_Ignorable_Code_Point}\u2800]/u.test(ch);
        const invisible = chars.some((ch, i) => {
          if (!/[\p{Cf}\p{Default_Ignorable_Code_Point}\u2800]/u.test(ch) || /[\ufe0e\ufe0f]/.test(ch))
            return false;
          if (ch !== '\u200c' && ch !== '\u200d') return true;
          const before = chars[i - 1] === '\ufe0f' ? chars[i - 2] : chars[i - 1];
          return !(drawn(before) && drawn(chars[i + 1]));
        });
        const onlySelectors = /^[\ufe0e\ufe0f\s]*$/u.test(trimmed);
        if (hasControl || invisible || onlySelectors || trimmed.length > 80)
          expect(parsed.success).toBe(false);
        else expect(parsed.success && parsed.data.name).toBe(trimmed);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('the other saved fields', () => {
  const fields = {
    name: 'n',
    clientId: 'c',
    preset: 'custom',
    tokenUrl: '',
    grantType: 'client_credentials',
    scope: '',
  };

  it('refuse control characters and line breaks, which a terminal acts on and no credential has', () => {
    for (const field of ['clientId', 'tokenUrl', 'grantType', 'scope'] as const) {
      for (const bad of ['a\nb', 'esc\u001b[2J', 'csi\u009b2J', 'del\u007f', 'sep\u2028x']) {
        const parsed = profileFieldsSchema.safeParse({ ...fields, [field]: bad });
        expect(parsed.success, `${field} ${JSON.stringify(bad)}`).toBe(false);
      }
      expect(profileFieldsSchema.safeParse({ ...fields, [field]: 'fine-é “x” 1' }).success).toBe(true);
    }
  });

  it('saved before that rule, are still read from the profiles file', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'profiles-legacy-'));
    const legacy = { ...profile('00000000-aaaa-4aaa-8aaa-aaaaaaaaaaaa', 'old'), clientId: 'c\u001b[2J' };
    await writeFile(path.join(dir, PROFILES_FILE), JSON.stringify({ version: 1, profiles: [legacy] }));
    const { profiles } = await createProfileStore(dir).load();
    expect(profiles.map((p) => p.clientId)).toEqual(['c\u001b[2J']);
  });
});

describe('the profiles file read as it is (for an export)', () => {
  it.each([
    ['no file', null, { ok: true, profiles: [] }],
    [
      'a good file',
      JSON.stringify({ version: 1, profiles: [profile(ID_A, 'Good')] }),
      { ok: true, profiles: [profile(ID_A, 'Good')] },
    ],
    [
      'one entry unreadable',
      JSON.stringify({ version: 1, profiles: [profile(ID_A, 'Good'), { id: 'x' }] }),
      { ok: false, reason: '1 of its profiles could not be read' },
    ],
    [
      'a field this version does not know',
      JSON.stringify({ version: 1, profiles: [{ ...profile(ID_A, 'Good'), colour: 'blue' }] }),
      { ok: true, profiles: [profile(ID_A, 'Good')] },
    ],
    ['not JSON', '{ "version": 1', { ok: false, reason: 'it is not valid JSON' }],
    [
      'a newer version',
      JSON.stringify({ version: 4, profiles: [] }),
      { ok: false, reason: 'a newer version of the app saved it (file version 4)' },
    ],
    ['the wrong shape', '[]', { ok: false, reason: 'its contents are not in the expected form' }],
  ])('%s: whole or refused, and the folder left as it was', async (_name, content, expected) => {
    const dir = await folder();
    if (content !== null) await writeFile(path.join(dir, PROFILES_FILE), content);
    expect(await readProfilesFile(dir)).toEqual(expected);
    expect(await readdir(dir)).toEqual(content === null ? [] : [PROFILES_FILE]);
    if (content !== null) expect(await readFile(path.join(dir, PROFILES_FILE), 'utf8')).toBe(content);
  });
});
