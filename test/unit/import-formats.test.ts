import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { previewRow } from '../../app/import-preview';
import { MAX_PROFILES } from '../../app/profiles';
import fc from 'fast-check';
import {
  readCredentialText,
  readEnvironment,
  EXPORT_FORMAT,
  sectionName,
} from '../../main/import/credential-formats';

const rows = (text: string, name = 'file') => {
  const read = readCredentialText(text, name);
  if (!read.ok) throw new Error(read.message);
  return read;
};
const refusal = (text: string, name = 'file') => {
  const read = readCredentialText(text, name);
  if (read.ok) throw new Error('expected a refusal');
  expect(read.message).toMatch(/Nothing was imported\.$/);
  return read.message;
};

describe('reading the places credentials already live', () => {
  it('reads every section of ~/.telstra/credentials as a profile', () => {
    const read = rows(
      '\uFEFF[default]\r\nclient_id = abc123def456\r\nclient_secret = s3cr3t-one\r\n\r\n[staging.eu]\nclient_id=zzz999yyy888\nclient_secret="quoted; value"\n[empty]\nother=1\n',
      'credentials',
    );
    expect(read.format).toBe('credentials-file');
    expect(read.found).toEqual([
      { name: 'default', clientId: 'abc123def456', clientSecret: 's3cr3t-one', tokenUrl: null, scope: null },
      {
        name: 'staging.eu',
        clientId: 'zzz999yyy888',
        clientSecret: 'quoted; value',
        tokenUrl: null,
        scope: null,
      },
    ]);
  });

  it('reads a .env file, with quotes, escapes, export and prefixes', () => {
    const read = rows(
      'export TELSTRA_CLIENT_ID="id-one"\nTELSTRA_CLIENT_SECRET=\'se#cret\' # comment\nSTAGING_TELSTRA_CLIENT_ID=id-two\nSTAGING_TELSTRA_CLIENT_SECRET="line\\nbreak"\nOTHER=x\n',
      'app.env',
    );
    expect(read.format).toBe('dotenv');
    expect(read.found.map((f) => [f.name, f.clientId, f.clientSecret])).toEqual([
      ['app', 'id-one', 'se#cret'],
      ['STAGING', 'id-two', 'line\nbreak'],
    ]);
  });

  it('reads a Postman environment, skipping disabled values', () => {
    const read = rows(
      JSON.stringify({
        name: 'Telstra Messaging',
        values: [
          { key: 'client_id', value: 'pm-id', enabled: true },
          { key: 'client_secret', value: 'old', enabled: false },
          { key: 'client_secret', value: 'pm-secret', enabled: true },
          { key: 'base_url', value: 'https://x', enabled: true },
        ],
      }),
    );
    expect(read.format).toBe('postman');
    expect(read.found).toEqual([
      {
        name: 'Telstra Messaging',
        clientId: 'pm-id',
        clientSecret: 'pm-secret',
        tokenUrl: null,
        scope: null,
      },
    ]);
  });

  it('reads the app’s own export back with secrets missing', () => {
    const read = rows(
      JSON.stringify({
        format: EXPORT_FORMAT,
        version: 1,
        profiles: [
          {
            name: 'P',
            clientId: 'c',
            preset: 'v2',
            tokenUrl: '',
            grantType: 'client_credentials',
            scope: 'NSMS',
          },
        ],
      }),
    );
    expect(read.format).toBe('profiles-export');
    expect(read.found[0]).toMatchObject({ name: 'P', clientSecret: null, preset: 'v2' });
    // An export of no profiles says so, not that no client_id was found in it.
    expect(refusal(JSON.stringify({ format: EXPORT_FORMAT, version: 1, profiles: [] }))).toBe(
      'This profiles export holds no profiles: it was made when none were saved. Nothing was imported.',
    );
  });

  it('reads the SDK environment variables', () => {
    const read = readEnvironment({ TELSTRA_CLIENT_ID: 'e-id', TELSTRA_CLIENT_SECRET: 'e-s' });
    expect(read.ok && read.found[0]).toMatchObject({ clientId: 'e-id', clientSecret: 'e-s' });
    expect(readEnvironment({}).ok).toBe(false);
  });

  it('refuses hostile files with a message that says why', () => {
    expect(refusal('x'.repeat(330_000))).toMatch(/too large/);
    expect(refusal('PK\u0003\u0004\u0000\u0000binary')).toMatch(/not text/);
    expect(refusal('[\n'.repeat(5) + '['.repeat(10_000))).toMatch(/nested too deeply|not valid JSON/);
    expect(refusal(`{"values":${'['.repeat(40_000)}`)).toMatch(/nested too deeply/);
    // On one line too, where it also looks like an INI section's header.
    expect(refusal(`${'['.repeat(5000)}${']'.repeat(5000)}`)).toMatch(/nested too deeply/);
    expect(refusal('[default]\nclient_id=a\nclient_id=b\n')).toMatch(/client_id twice/);
    expect(refusal('[a]\nclient_id=1\n[a]\nclient_id=2\n')).toMatch(/two \[a\] sections/);
    expect(refusal('TELSTRA_CLIENT_ID=a\nTELSTRA_CLIENT_ID=b\n')).toMatch(/TELSTRA_CLIENT_ID twice/);
    expect(
      refusal(
        JSON.stringify({
          values: [
            { key: 'client_id', value: 'a' },
            { key: 'CLIENT_ID', value: 'b' },
          ],
        }),
      ),
    ).toMatch(/more than once/);
    expect(refusal('   \n')).toMatch(/empty/);
    expect(refusal('HELLO=world\n')).toMatch(/No Telstra credentials/);
    expect(refusal('{"name": 1}')).toMatch(/not a Postman environment/);
  });

  it('refuses a credential a comment character would cut short, and reads it whole in quotes', () => {
    const cut =
      /(?: in \[a\])? holds “#”(?: or “;”)?, which this kind of file reads as the start of a comment/;
    for (const text of [
      '[a]\nclient_id = abc\nclient_secret = SEK#RET1\n',
      '[a]\nclient_id = abc\nclient_secret = SEK;RET1\n',
      '[a]\nclient_id = abc\nclient_secret = #SEKRET\n',
      'export TELSTRA_CLIENT_ID=abc\nexport TELSTRA_CLIENT_SECRET=SEK#RET\n',
      // Quotes the parser does not honour: backticks in INI, a quote left open.
      '[a]\nclient_id = abc\nclient_secret = `SEK#RET`\n',
      '[a]\nclient_id = abc\nclient_secret = "SEK#RET\n',
      'TELSTRA_CLIENT_ID=abc\nTELSTRA_CLIENT_SECRET="SEK#RET\n',
    ]) {
      const message = refusal(text);
      expect(message, text).toMatch(cut);
      expect(message).not.toMatch(/SEK[#;]|RET1|#SEK/);
    }
    // An INI file's refusal names the section, among many, and its escape (a new user's finding).
    const inSection = refusal(
      '[ok]\nclient_id = x\nclient_secret = fine\n[hash]\nclient_id = abc\nclient_secret = SEK#RET1\n',
    );
    expect(inSection).toContain('(client_secret) in [hash] holds');
    expect(inSection).toContain('write the character as \\# or \\;');
    // In quotes the character is part of the value; after white space it starts a comment.
    expect(rows('[a]\nclient_id = abc   ; prod\nclient_secret = "SEK#RET;1"\n').found).toMatchObject([
      { clientId: 'abc', clientSecret: 'SEK#RET;1' },
    ]);
    expect(
      rows('TELSTRA_CLIENT_ID=abc # prod\nTELSTRA_CLIENT_SECRET="SEK#RET"\n', 'x.env').found,
    ).toMatchObject([{ clientId: 'abc', clientSecret: 'SEK#RET' }]);
    // A comment after white space may hold the character too; INI's escape keeps it in the value.
    expect(rows('[a]\nclient_id = abc  # see ticket#123\nclient_secret = SEK\\#RET\n').found).toMatchObject([
      { clientId: 'abc', clientSecret: 'SEK#RET' },
    ]);
    expect(
      rows('TELSTRA_CLIENT_ID=abc # see ticket#123\nTELSTRA_CLIENT_SECRET=s\n', 'x.env').found,
    ).toMatchObject([{ clientId: 'abc' }]);
    // Other keys are not the app's to judge.
    expect(rows('[a]\nregion = au#1\nclient_id = abc\nclient_secret = s\n').found).toHaveLength(1);
  });

  it('reads every section as written: dotted, escaped, or named like a prototype', () => {
    const found = (text: string) =>
      rows(text, 'credentials').found.map((f) => [f.name, f.clientId, f.clientSecret]);
    expect(
      found('[a.b]\nclient_id = ab1\nclient_secret = s1\n[a\\.b]\nclient_id = ab2\nclient_secret = s2\n'),
    ).toEqual([
      ['a.b', 'ab1', 's1'],
      ['a\\.b', 'ab2', 's2'],
    ]);
    expect(found('[__proto__]\nclient_id = p1\nclient_secret = s\n')).toEqual([['__proto__', 'p1', 's']]);
    // A section named after another's key does not take that key from it.
    expect(found('[x]\nclient_id = x1\nclient_secret = s\n[x.client_id]\nclient_id = y1\n')).toEqual([
      ['x', 'x1', 's'],
      ['x.client_id', 'y1', null],
    ]);
    expect(refusal('[]\nclient_id = x1\n', 'credentials')).toMatch(/a section without a name/);
  });

  it('reads JSON as JSON, even on one line, and refuses a key given twice in one object', () => {
    expect(refusal('[{"key":"client_id","value":"a"}]', 'p.json')).toMatch(/not a Postman environment/);
    expect(refusal('{"name":"x","values":[{"key":"client_id","value":"a","value":"b"}]}', 'p.json')).toMatch(
      /"value" twice in one object/,
    );
    expect(refusal('{"name":"x","values":[{"key":"client_id","value":"a"}],"values":[]}', 'p.json')).toMatch(
      /"values" twice in one object/,
    );
    // The same key in two objects, or inside a string, is not a duplicate.
    const ok =
      '{"a":{"k":1},"b":{"k":2},"values":[{"key":"client_id","value":"x\\"value\\""},{"key":"client_secret","value":"s"}]}';
    expect(rows(ok, 'p.json').found).toMatchObject([{ clientId: 'x"value"', clientSecret: 's' }]);
  });

  it('refuses control characters and line breaks in credentials: a quote left open, JSON escapes', () => {
    const control = /holds a line break or another control character/;
    // The open quote joins the secret's line into the client ID.
    expect(refusal('TELSTRA_CLIENT_ID="mlid0001\nTELSTRA_CLIENT_SECRET=zzz"\n', 'd.env')).toMatch(control);
    for (const value of ['\u001b]52;c;cHduZWQ=\u0007ab', 'a\u009b2J', 'a\u2028b']) {
      const postman = JSON.stringify({
        name: 'x',
        values: [
          { key: 'client_id', value: 'abc' },
          { key: 'client_secret', value: 's' },
          { key: 'token_url', value: `https://x.example/${value}` },
        ],
      });
      expect(refusal(postman), value).toMatch(control);
    }
  });
});

describe('the preview row', () => {
  it('flags a quote left open on one line of a .env file, which the parser keeps in the value', () => {
    const [found] = rows(
      'TELSTRA_CLIENT_ID="Abc12345678\nTELSTRA_CLIENT_SECRET=zzzzzzzzzzzz\n',
      'o.env',
    ).found;
    expect(found).toMatchObject({ clientId: '"Abc12345678' });
    const row = previewRow(found!, 'r1', []);
    const idFindings = row.findings.filter((f) => f.field === 'clientId').map((f) => f.message);
    expect(idFindings).toContainEqual(
      expect.stringMatching(/^The client ID starts or ends with a quote mark that is never closed/) as string,
    );
  });

  it('says why a row with a client ID too long to save cannot be imported', () => {
    const row = previewRow(
      { name: 'long', clientId: 'a'.repeat(513), clientSecret: 's', tokenUrl: null, scope: null },
      'row-1',
      [],
    );
    expect(row.importable).toBe(false);
    expect(row.findings.map((f) => f.message)).toContain(
      'The client ID is longer than 512 characters, which no client ID is: this row cannot be imported.',
    );
  });

  it('masks the client ID, guesses the endpoint, names what is missing and the findings', () => {
    const row = previewRow(
      {
        name: 'prod',
        clientId: 'ABCDEFGHIJKL',
        clientSecret: ' your-secret-here',
        tokenUrl: null,
        scope: 'NSMS',
      },
      'r1',
      ['Prod'],
    );
    expect(row.maskedClientId).toBe('ABCD…KL');
    expect(JSON.stringify(row)).not.toContain('EFGHIJ');
    expect(row.preset).toBe('v2');
    expect(row.clash).toBe(true);
    expect(row.suggestedName).toBe('prod (2)');
    expect(row.findings.map((f) => f.field)).toContain('clientSecret');
    expect(JSON.stringify(row)).not.toContain('your-secret-here');
    const bare = previewRow(
      { name: 'x', clientId: '', clientSecret: null, tokenUrl: null, scope: null },
      'r2',
      [],
    );
    expect(bare.missing).toEqual(['client ID', 'client secret']);
    expect(bare.importable).toBe(false);
    expect(bare.preset).toBe('v3');
  });
});

describe('names that only look like others', () => {
  it('compare without case in Cyrillic and Greek too, lookalike letters and all', async () => {
    const { sameName, LOOKALIKE_LETTERS } = await import('../../app/profiles');
    // Whole words in those scripts, as before lookalikes were compared: the same name in any case.
    expect(sameName('Москва', 'МОСКВА')).toBe(true);
    expect(sameName('Тест', 'тест')).toBe(true);
    expect(sameName('ΤΟΡ', 'τορ')).toBe(true);
    // Each lookalike and its capital (or small letter) are one name, so case aside a lookalike is
    // still the Latin letter: "РRОDUCTION" (Cyrillic Р and О) is "production".
    for (const letter of LOOKALIKE_LETTERS) {
      expect(sameName(`x${letter.toUpperCase()}y`, `x${letter}y`), letter).toBe(true);
    }
    expect(sameName('РRОDUCTION', 'production')).toBe(true);
    expect(sameName('Москва', 'Moskva')).toBe(false);
  });
  it('compare each lookalike letter as the Latin letter it is drawn as, in either case', async () => {
    const { sameName } = await import('../../app/profiles');
    // Written out here, not read from the app's own table: a letter dropped from both of its lists
    // would otherwise go unnoticed, and "ѕtaging" (Cyrillic ѕ) sit beside "staging".
    // Each lookalike, then its Latin letter.
    const drawnAs = (
      '\u0430a \u0432b \u0435e \u043ak \u043cm \u043dh \u043eo \u0440p \u0441c \u0442t \u0445x \u0443y \u0455s \u0456i \u0458j \u04cfi \u04bbh \u051bq ' +
      '\u051dw \u0501d \u03b1a \u03b2b \u03b5e \u03b6z \u03b7h \u03b9i \u03bak \u03bcm \u03bdn \u03bfo \u03c1p \u03c4t \u03c5y \u03c7x \u0131i \u0237j'
    ).split(' ');
    expect(drawnAs).toHaveLength(36);
    for (const [lookalike = '', latin = ''] of drawnAs.map((pair) => [...pair])) {
      const label = `U+${lookalike.codePointAt(0)?.toString(16)}`;
      expect(sameName(`st${lookalike}ge`, `st${latin}ge`), label).toBe(true);
      expect(sameName(`ST${lookalike.toUpperCase()}GE`, `st${latin}ge`), label).toBe(true);
    }
  });

  it('compare without invisible characters and the white space they hid at either end', async () => {
    const { sameName, profileNameSchema } = await import('../../app/profiles');
    // As a profile saved before such characters were refused can be named: the space that the
    // zero-width one kept from being trimmed is trimmed once it is gone.
    expect(sameName('Prod \u200b', 'Prod')).toBe(true);
    expect(sameName('\u2060 Prod', 'prod')).toBe(true);
    // A new name of nothing but emoji presentation selectors (not refused as invisible, as emoji
    // need them) is no name.
    const blank = profileNameSchema.safeParse('\ufe0f\ufe0e');
    expect(blank.success).toBe(false);
    expect(blank.error?.issues.map((issue) => issue.message)).toEqual(['Give the profile a name.']);
    expect(profileNameSchema.safeParse('Prod \u2764\ufe0f').success).toBe(true);
  });

  it('compare the same in every locale (a Turkish one lowered “IŞIK” to “ışık”, elsewhere “işik”)', () => {
    // Each locale in a process of its own: the locale is read at start.
    const keysIn = (locale: string) => {
      const run = spawnSync(
        process.execPath,
        [
          '--import',
          'tsx',
          '-e',
          "import('./app/profiles.ts').then(({ nameKey }) => console.log(JSON.stringify(['IŞIK', 'işik', 'DİYARBAKIR', 'İzmir', 'ISTANBUL', 'ŞIRKET'].map(nameKey))))",
        ],
        {
          cwd: fileURLToPath(new URL('../..', import.meta.url)),
          encoding: 'utf8',
          env: { ...process.env, LC_ALL: locale, LANG: locale },
        },
      );
      expect(run.stderr).toBe('');
      return JSON.parse(run.stdout) as string[];
    };
    const turkish = keysIn('tr_TR.UTF-8');
    expect(turkish).toEqual(keysIn('C.UTF-8'));
    expect(turkish[0]).toBe(turkish[1]);
  });

  it('takes the joiners emoji and scripts need, between two characters they join, and no other', async () => {
    const { profileNameFrom } = await import('../../app/import-preview');
    const { sameName, profileNameSchema } = await import('../../app/profiles');
    const joined = [
      '\u{1f469}\u{1f3fd}\u200d\u{1f4bb} Dev team', // woman, skin tone, ZWJ, laptop: one emoji
      '\u{1f3f3}\ufe0f\u200d\u{1f308} Pride', // white flag, emoji selector, ZWJ, rainbow
      '\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645', // Persian, with a non-joiner
      '\u0915\u094d\u200d\u0937', // Devanagari: a half form asked for with ZWJ
    ];
    for (const name of joined) {
      expect(profileNameSchema.safeParse(name).success, JSON.stringify(name)).toBe(true);
      expect(profileNameFrom(name), JSON.stringify(name)).toBe(name);
    }
    // Next to ASCII, at either end, doubled, or beside another invisible character: nothing to join.
    for (const name of [
      'Prod\u200d',
      'Pr\u200dod',
      '\u200c\u0645',
      '\u0645\u200c',
      '\u0645\u200c\u200c\u062e',
      '\u0645\u200b\u200c\u062e',
    ]) {
      expect(profileNameSchema.safeParse(name).success, JSON.stringify(name)).toBe(false);
      expect(profileNameFrom(name), JSON.stringify(name)).not.toMatch(/[\u200b-\u200d]/);
    }
    // And a joiner still makes no other name.
    expect(sameName('\u0645\u06cc\u200c\u062e', '\u0645\u06cc\u062e')).toBe(true);
  });

  it('a long name cut to the limit just after a joiner does not end in it', async () => {
    const { profileNameFrom } = await import('../../app/import-preview');
    const { profileNameSchema } = await import('../../app/profiles');
    for (const raw of [
      `${'\u0627'.repeat(79)}\u200c\u0628`, // Persian: the non-joiner is the 80th character
      `${'\u{1f469}'.repeat(79)}\u200d\u{1f4bb}`, // an emoji of several, cut after its ZWJ
    ]) {
      const name = profileNameFrom(raw);
      expect(name, JSON.stringify(name)).not.toMatch(/[\u200c\u200d]$/u);
      expect(profileNameSchema.safeParse(name).success, JSON.stringify(name)).toBe(true);
    }
  });

  it('a file cannot bring in invisible characters, and they never make a name different', async () => {
    const { profileNameFrom } = await import('../../app/import-preview');
    const { sameName, profileNameSchema, profileSchema } = await import('../../app/profiles');
    expect(profileNameFrom('Prod\u200b')).toBe('Prod');
    expect(profileNameFrom('\u202eProd\u2066')).toBe('Prod');
    // A name of nothing but emoji presentation selectors (kept after an emoji) is none: it took
    // such a name, which the confirmation then refused ("Give the profile a name").
    for (const raw of ['\ufe0f', ' \ufe0e\ufe0f ', '\u200b\ufe0f']) {
      expect(profileNameFrom(raw), JSON.stringify(raw)).toBe('Imported');
    }
    expect(profileNameFrom('\u2764\ufe0f')).toBe('\u2764\ufe0f');
    expect(sameName('Prod\u200b', 'prod')).toBe(true);
    expect(sameName('Ｐｒｏｄ', 'Prod')).toBe(true);
    expect(sameName('Prod', 'Prod 2')).toBe(false);
    expect(profileNameSchema.safeParse('Prod\u200b').success).toBe(false);
    expect(profileNameSchema.safeParse('Prod\u202e').success).toBe(false);
    // A profile saved before this rule is still read (and can be renamed), not left out.
    const saved = {
      id: '00000000-0000-4000-8000-000000000000',
      name: 'Prod\u200b',
      clientId: 'id',
      preset: 'v3',
      tokenUrl: '',
      grantType: 'client_credentials',
      scope: '',
      createdAt: 1,
      updatedAt: 1,
    };
    expect(profileSchema.safeParse(saved).success).toBe(true);
  });
});

describe('secrets a keychain would not keep as written', () => {
  it.each([
    [
      'an INI escape for NUL',
      'credentials',
      '[a]\nclient_id=abcdef123456\nclient_secret="ab\\u0000cdSECRETTAIL"\n',
    ],
    [
      'a Postman value with a lone surrogate',
      'env.postman_environment.json',
      JSON.stringify({
        values: [
          { key: 'client_id', value: 'abcdef123456', enabled: true },
          { key: 'client_secret', value: 'ab\ud800cdSECRETTAIL', enabled: true },
        ],
      }),
    ],
  ])('refuses %s, saying why and never the secret', (_what, name, text) => {
    const message = refusal(text, name);
    expect(message).toMatch(/NUL character or a broken Unicode character/);
    expect(message).not.toContain('SECRETTAIL');
  });
});

describe('long lines within the size limit', () => {
  // Each of these took the old section pattern (a lazy name between optional spaces) minutes to
  // hours, holding the app's main process; read by hand now, they take one pass.
  it.each([
    ['a bracket, spaces, no closing bracket', `[${' '.repeat(47_990)}x\n`],
    ['a header with many closing brackets', `[${'a]'.repeat(23_000)}x\n`],
    ['a key line of spaces and no equals sign', `[default]\na${' '.repeat(47_980)}b\n`],
    ['a long name', `[${'n'.repeat(47_000)}]\nclient_id=abcdef123456\nclient_secret=s3cr3t-value\n`],
  ])('reads %s without a pause', (_what, text) => {
    const read = readCredentialText(text, 'credentials');
    if (read.ok) expect(read.found.length).toBeLessThanOrEqual(1);
    else expect(read.message).toMatch(/Nothing was imported\.$/);
  });

  it('finds section headers exactly as the pattern it replaces did, on short lines', () => {
    // The pattern it replaces, the definition on lines where its time did not matter.
    const before = (line: string): string | null =>
      /^\s*\[\s*\]\s*(?:[;#].*)?$/.test(line)
        ? ''
        : (/^\s*\[\s*(.+?)\s*\]\s*(?:[;#].*)?$/.exec(line)?.[1] ?? null);
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('[', ']', ' ', '\t', ';', '#', 'a', 'b', '='), maxLength: 24 }),
        (line) => {
          const old = before(line);
          expect(sectionName(line)).toBe(old === null ? null : old.trim());
        },
      ),
      { numRuns: 5000 },
    );
  });
});

describe('a key given twice, however it is spelled (the parser reads both as one)', () => {
  it('refuses an INI key quoted, escaped, cut at a comment character or marked as a list', () => {
    const twice = (second: string) =>
      refusal(`[prod]\nclient_id = abc123def456\nclient_secret = FIRST\n${second}\n`, 'credentials');
    expect(twice('"client_secret" = SECOND')).toMatch(/sets "client_secret" twice in \[prod\]/);
    expect(twice("'client_secret' = SECOND")).toMatch(/sets 'client_secret' twice/);
    expect(twice('"client_\\u0073ecret" = SECOND')).toMatch(/sets "client_\\u0073ecret" twice/);
    expect(twice('client_id;old = ATTACKERID99')).toMatch(/sets client_id;old twice/);
    expect(twice('client_secret#x = SECOND')).toMatch(/sets client_secret#x twice/);
    expect(twice('client_secret[] = SECOND')).toMatch(/sets client_secret\[\] twice/);
    // A key read once, quoted, is read as usual.
    expect(
      rows('[prod]\n"client_id" = abc123def456\nclient_secret = s\n', 'credentials').found,
    ).toMatchObject([{ name: 'prod', clientId: 'abc123def456', clientSecret: 's' }]);
  });

  it('refuses a .env key repeated after a line separator, which dotenv reads as a new line', () => {
    for (const separator of ['\u2028', '\u2029']) {
      expect(
        refusal(
          `TELSTRA_CLIENT_ID=abc123def456\nTELSTRA_CLIENT_SECRET="A"${separator}TELSTRA_CLIENT_SECRET=B\n`,
        ),
      ).toMatch(/TELSTRA_CLIENT_SECRET twice/);
    }
  });

  it('refuses a JSON key repeated with an escape, naming it as written', () => {
    const message = refusal(
      '{"name":"x","values":[{"key":"client_secret","value":"A","valu\\u0065":"B"},{"key":"client_id","value":"i"}]}',
      'p.json',
    );
    expect(message).toContain('"valu\\u0065" twice in one object');
    // Named as written: an escape that spells a control character stays an escape in the message.
    expect(
      refusal('{"values":[{"key":"client_id","value":"a","\\u001b[2J":1,"\\u001b\\u005b2J":2}]}', 'p.json'),
    ).toContain('"\\u001b\\u005b2J" twice');
  });
});

describe('a .env file of blank lines', () => {
  it('refuses more than a hundred in a row before the parser reads them, and takes up to that', () => {
    const credentials = 'TELSTRA_CLIENT_ID=abc123def456\nTELSTRA_CLIENT_SECRET=s3cr3t\n';
    expect(refusal(`${credentials}${'\n'.repeat(40_000)}${'a'.repeat(7000)}`)).toMatch(
      /more than 100 blank lines in a row/,
    );
    // Lines of spaces, or other line ends, are blank lines too.
    expect(refusal(`${' \n'.repeat(101)}${credentials}`)).toMatch(/blank lines/);
    expect(refusal(`${credentials}${'\u2028'.repeat(101)}x`)).toMatch(/blank lines/);
    expect(rows(`${'\n'.repeat(100)}${credentials}${' \n'.repeat(99)}`).found).toMatchObject([
      { clientId: 'abc123def456', clientSecret: 's3cr3t' },
    ]);
  });
});

describe('sections and profiles a credentials file cannot hold', () => {
  it('refuses two sections whose names differ only in case (one profile name, two sets of values)', () => {
    for (const [first, second] of [
      ['Prod', 'prod'],
      ['prod', 'Prod'],
    ]) {
      expect(
        refusal(
          `[${first}]\nclient_id = abc123def456\nclient_secret = one\n[${second}]\nclient_id = zzz999yyy888\nclient_secret = two\n`,
          'credentials',
        ),
      ).toContain(`two [${second}] sections`);
    }
  });

  it('reads as many sets of credentials as the app keeps profiles, and refuses one more', () => {
    const sections = (count: number) =>
      Array.from(
        { length: count },
        (_, i) => `[p${i}]\nclient_id = client-${i}\nclient_secret = s-${i}\n`,
      ).join('');
    expect(rows(sections(MAX_PROFILES), 'credentials').found).toHaveLength(MAX_PROFILES);
    expect(refusal(sections(MAX_PROFILES + 1), 'credentials')).toMatch(
      new RegExp(`more than ${MAX_PROFILES} sets of credentials`),
    );
  });
});

describe('a credential in a credentials file that goes on over an indented line', () => {
  it('is refused, as the SDKs read the indented line as part of the value and the parser drops it', () => {
    // Python's configparser (and the SDKs reading ~/.telstra/credentials with it) reads a line
    // indented more than the key's as the value's next line: "SEKRET\nPART2". `ini` drops it.
    for (const text of [
      '[prod]\nclient_id = abc123def456\nclient_secret = SEKRET\n    PART2\n',
      // After a blank line or a comment too, as configparser reads them.
      '[prod]\nclient_id = abc123def456\nclient_secret = SEKRET\n\n\tPART2\n',
      '[prod]\nclient_id = abc123def456\nclient_secret = SEKRET\n; note\n  PART2\n',
      // An indented line with "=" is the value's too, not another key.
      '[prod]\nclient_id = abc123def456\nclient_secret = SEKRET\n  region = au\n',
      // However the key is spelled.
      '[prod]\nclient_id = abc123def456\n"client_secret" = SEKRET\n  PART2\n',
    ]) {
      const message = refusal(text, 'credentials');
      expect(message, text).toMatch(/\((?:"?)client_secret"?\) in \[prod\] goes on over an indented line/);
      expect(message).not.toMatch(/SEKRET|PART2/);
    }
    // A credential's key on an indented line is another key's value there: it is not one.
    expect(
      refusal('[prod]\nregion = au\n  client_id = abc123def456\nclient_secret = s\n', 'credentials'),
    ).toMatch(/\(client_id\) in \[prod\] is on an indented line/);
    // Keys indented alike are keys; an indented comment is a comment; other keys' lines are theirs.
    expect(
      rows(
        '[prod]\n  client_id = abc123def456\n  client_secret = s3\n    ; a comment\nnotes = one\n  two\n[next]\n  client_id = zzz999yyy888\n',
        'credentials',
      ).found.map((f) => [f.name, f.clientId, f.clientSecret]),
    ).toEqual([
      ['prod', 'abc123def456', 's3'],
      ['next', 'zzz999yyy888', null],
    ]);
  });
});

describe('a Postman value that is not text, or not plainly enabled or disabled', () => {
  const environment = (secret: Record<string, unknown>) =>
    JSON.stringify({
      name: 'Env',
      values: [
        { key: 'client_id', value: 'abc123def456', enabled: true },
        { key: 'client_secret', ...secret },
      ],
    });

  it('is refused for a credential, rather than read as missing or as enabled', () => {
    // A number, true or false, a list or an object was dropped: the row had no secret.
    for (const value of [12345678, true, ['s'], { s: 1 }]) {
      expect(refusal(environment({ value, enabled: true }), 'p.json'), JSON.stringify(value)).toBe(
        "The file's client secret (client_secret) is not text (a number, true or false, a list or an object), so it is not clear what it is meant to be. Put the value in quotes, then import again. Nothing was imported.",
      );
    }
    // "false" in quotes was the whole file refused as no Postman environment at all.
    for (const enabled of ['false', 0, null]) {
      expect(refusal(environment({ value: 's3cr3t', enabled }), 'p.json'), String(enabled)).toBe(
        'The file marks its client secret (client_secret) as "enabled": neither true nor false, so it is not clear whether the value is in use. Nothing was imported.',
      );
    }
  });

  it('is left alone for other keys, and a credential that is null or disabled is not there', () => {
    const other = { key: 'port', value: 8080, enabled: 'yes' };
    expect(
      rows(
        JSON.stringify({
          name: 'Env',
          values: [
            other,
            { key: 'client_id', value: 'abc123def456' },
            { key: 'client_secret', value: null },
            { key: 'client_secret', value: 5, enabled: false },
            { key: 'client_secret', value: 's3cr3t' },
          ],
        }),
        'p.json',
      ).found,
    ).toMatchObject([{ name: 'Env', clientId: 'abc123def456', clientSecret: 's3cr3t' }]);
  });
});

describe('a credential in a credentials file written with ":"', () => {
  it('is refused, naming it, rather than found nowhere or read as missing', () => {
    // configparser takes "client_secret: s3cr3t"; `ini` read a key "client_secret: s3cr3t" and no
    // value: the file had "no Telstra credentials", or its row no secret.
    const colon = (key: string) =>
      new RegExp(`\\(${key}\\) in \\[prod\\] is written with “:”.*Write it as ${key} = …`);
    expect(refusal('[prod]\nclient_id: abc123def456\nclient_secret: s3cr3t\n', 'credentials')).toMatch(
      colon('client_id'),
    );
    const mixed = refusal('[prod]\nclient_id = abc123def456\nclient_secret : s3=cr3t\n', 'credentials');
    expect(mixed).toMatch(colon('client_secret'));
    expect(mixed).not.toContain('s3');
    // A ":" in a value, after the "=", is part of the value; other keys are not the app's to judge.
    expect(
      rows('[prod]\nurl: https://x\nclient_id = abc:123\nclient_secret = s:3\n', 'credentials').found,
    ).toMatchObject([{ clientId: 'abc:123', clientSecret: 's:3' }]);
    // An indented line under another key is that key's value going on (configparser), not a key
    // of its own, whatever it says: no reader takes it as a credential.
    expect(
      rows(
        '[prod]\nclient_id = abc123def456\nclient_secret = s3\nnotes = rotate the\n  client_secret: monthly\n',
        'credentials',
      ).found,
    ).toMatchObject([{ clientId: 'abc123def456', clientSecret: 's3' }]);
  });

  it('is a key for what goes on over an indented line after it, as one written with "=" is', () => {
    // configparser reads the indented line as part of region's value; `ini` as the secret.
    expect(
      refusal('[prod]\nclient_id = abc123def456\nregion: au\n  client_secret = s3\n', 'credentials'),
    ).toMatch(/\(client_secret\) in \[prod\] is on an indented line/);
  });
});

describe('a token URL in a file', () => {
  it('with a user name or password is refused, without the password in the message', () => {
    for (const url of ['https://user:hunter2@evil.example/token', 'https://hunter2@evil.example/token']) {
      const message = refusal(`client_id=abc123def456\nclient_secret=s\ntoken_url=${url}\n`, 'x.env');
      expect(message).toMatch(/holds a user name or password/);
      expect(message).not.toContain('hunter2');
    }
  });

  it('with a password is refused even when the rest is no URL a parser takes (a space in the host)', () => {
    const message = refusal(
      'client_id=abc123def456\nclient_secret=s\ntoken_url=https://user:hunter2@evil example/token\n',
      'x.env',
    );
    expect(message).toMatch(/holds a user name or password/);
    expect(message).not.toContain('hunter2');
  });

  it('has its pre-flight findings on the preview row: plain http, invisible characters', () => {
    const row = (tokenUrl: string) =>
      previewRow(
        { name: 'x', clientId: 'abc123def456', clientSecret: 's3cr3t-value', tokenUrl, scope: null },
        'r1',
        [],
      );
    expect(row('http://example.com/v2/oauth/token').findings).toContainEqual({
      field: 'tokenUrl',
      message: expect.stringMatching(/starts with http:/) as string,
    });
    const bidi = row('https://evil.example/\u202enekot/htuao/2v/moc.artslet.ipa.stcudorp//:sptth');
    expect(bidi.findings.map((f) => f.field)).toContain('tokenUrl');
    expect(bidi.findings.find((f) => f.field === 'tokenUrl')?.message).toMatch(/invisible/);
    // The v2 retirement note is the endpoint column's, not a finding on every v2 row.
    expect(row('https://tapi.telstra.com/v2/oauth/token').findings).toEqual([]);
  });
});
