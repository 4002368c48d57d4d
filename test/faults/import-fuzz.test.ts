// The import's readers fed arbitrary and hostile text (fast-check): reading and previewing never
// throw, always answer rows or a message, and never write (the keychain double and the data
// folder stay empty). Files are generated both as noise and as near-valid INI, .env and JSON.
import fc from 'fast-check';
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isIpcFailure } from '../../app/ipc-contract';
import { readCredentialText } from '../../main/import/credential-formats';
import { createImportService } from '../../main/import/import-service';
import { createProfileService } from '../../main/profiles/profile-service';
import { createProfileStore } from '../../main/profiles/profile-store';
import { memoryKeychain } from '../support/memory-keychain';

const key = fc.constantFrom(
  'client_id',
  'client_secret',
  'TELSTRA_CLIENT_ID',
  'TELSTRA_CLIENT_SECRET',
  'clientId',
  'scope',
  'token_url',
  '__proto__',
  'constructor',
  'x',
);
const value = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.constantFrom('"a\\nb"', "'q'", '`b`', '${X}'),
);
const eol = fc.constantFrom('\n', '\r\n', '\r');

const iniText = fc
  .array(
    fc.oneof(
      fc.string().map((s) => `[${s}]`),
      fc.tuple(key, value).map(([k, v]) => `${k} = ${v}`),
    ),
    {
      maxLength: 30,
    },
  )
  .chain((lines) => eol.map((e) => `${lines.join(e)}`));
const dotenvText = fc
  .array(
    fc.tuple(fc.boolean(), key, value).map(([x, k, v]) => `${x ? 'export ' : ''}${k}=${v}`),
    { maxLength: 30 },
  )
  .chain((lines) => eol.map((e) => lines.join(e)));
const postmanText = fc
  .record({
    name: fc.oneof(fc.string(), fc.integer()),
    values: fc.array(fc.record({ key, value: fc.oneof(value, fc.jsonValue()), enabled: fc.boolean() }), {
      maxLength: 20,
    }),
  })
  .map((doc) => JSON.stringify(doc));
const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 2000 }),
  fc.jsonValue().map((v) => JSON.stringify(v) ?? ''),
  iniText,
  dotenvText,
  postmanText,
  fc.integer({ min: 1, max: 30_000 }).map((n) => `{"values":${'['.repeat(n)}`),
  fc.string().map((s) => `\uFEFF${s}`),
);

describe('importing hostile files', () => {
  it('reading never throws and answers rows or a message ending "Nothing was imported."', () => {
    fc.assert(
      fc.property(anyText, fc.string({ maxLength: 40 }), (text, name) => {
        const read = readCredentialText(text, name);
        if (read.ok) expect(read.found.length).toBeGreaterThan(0);
        else expect(read.message).toMatch(/Nothing was imported\.$/);
      }),
      { numRuns: 1000 },
    );
  });

  it('the preview never throws and never writes', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'import-fuzz-'));
    const { keychain, entries } = memoryKeychain();
    const store = createProfileStore(dataDir);
    const profiles = createProfileService({ store, keychain });
    const imports = createImportService({ profiles, now: Date.now });
    await fc.assert(
      fc.asyncProperty(anyText, async (text) => {
        const read = readCredentialText(text, 'file');
        const answer = await imports.preview(read);
        if (isIpcFailure(answer)) expect(answer.kind).toBe('invalid-input');
        // The preview is what the window sees: no secret that was found is in it.
        const secrets = read.ok
          ? read.found.flatMap((f) =>
              f.clientSecret && f.clientSecret.trim().length >= 12 ? [f.clientSecret] : [],
            )
          : [];
        for (const secret of secrets)
          expect(JSON.stringify(answer)).not.toContain(JSON.stringify(secret).slice(1, -1));
      }),
      { numRuns: 300 },
    );
    expect(entries.size).toBe(0);
    expect(await readdir(dataDir)).toEqual([]);
  });
});
