// An import while the keychain is down (not answering, locked, unreachable): each row with a secret
// asked the keychain again, each costing the keychain's whole limit (10 s; the window's Import
// waited 500 × 10 s for a full file), or an unlock prompt each on a desktop. The first such answer
// now says it for the rest of the rows with a secret; rows without one are still imported.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isIpcFailure } from '../../app/ipc-contract';
import { readCredentialText } from '../../main/import/credential-formats';
import { createImportService } from '../../main/import/import-service';
import { createProfileService } from '../../main/profiles/profile-service';
import { createProfileStore } from '../../main/profiles/profile-store';
import { memoryKeychain } from '../support/memory-keychain';

describe('an import while the keychain is down', () => {
  it('asks the keychain once, says so for every row with a secret, and imports the rows without one', async () => {
    const memory = memoryKeychain();
    let writes = 0;
    const keychain = {
      ...memory.keychain,
      setSecret: (...args: Parameters<typeof memory.keychain.setSecret>) => {
        writes += 1;
        return memory.keychain.setSecret(...args);
      },
    };
    const profiles = createProfileService({
      store: createProfileStore(await mkdtemp(path.join(tmpdir(), 'import-down-'))),
      keychain,
    });
    const imports = createImportService({ profiles, now: Date.now });
    const rows = Array.from(
      { length: 20 },
      (_, i) => `[p${i}]\nclient_id = id-${i}\nclient_secret = secret-${i}\n`,
    );
    rows.push('[no-secret]\nclient_id = id-none\n');
    const answer = await imports.preview(readCredentialText(rows.join('\n'), 'credentials'));
    if (isIpcFailure(answer)) throw new Error(answer.message);
    memory.fail('timeout');
    const done = await imports.confirm(
      answer.preview.previewId,
      answer.preview.rows.map((row) => ({ rowId: row.rowId, action: 'import' as const, name: row.name })),
    );
    if (isIpcFailure(done)) throw new Error(done.message);
    expect(writes).toBe(1);
    const bySecret = done.results.filter((r) => r.name !== 'no-secret');
    expect(bySecret).toHaveLength(20);
    for (const result of bySecret) {
      expect(result.status).toBe('failed');
      expect(result.message).toMatch(/^Keychain not responding\./);
    }
    expect(done.results.find((r) => r.name === 'no-secret')).toMatchObject({
      status: 'imported',
      secret: 'missing',
    });
    expect((await profiles.saved()).map((p) => p.name)).toEqual(['no-secret']);
  });

  it('replaces a saved profile from a row without a secret without asking, and does not call its secret missing', async () => {
    const memory = memoryKeychain();
    let asked = 0;
    const keychain = {
      ...memory.keychain,
      setSecret: (...args: Parameters<typeof memory.keychain.setSecret>) => {
        asked += 1;
        return memory.keychain.setSecret(...args);
      },
      getSecret: (account: string) => {
        asked += 1;
        return memory.keychain.getSecret(account);
      },
    };
    const profiles = createProfileService({
      store: createProfileStore(await mkdtemp(path.join(tmpdir(), 'import-down-'))),
      keychain,
    });
    const imports = createImportService({ profiles, now: Date.now });
    // Saved first with their secrets, by an import while the keychain answers.
    const first = await imports.preview(
      readCredentialText(
        '[kept-1]\nclient_id = id-kept-1\nclient_secret = secret-kept-1\n\n[kept-2]\nclient_id = id-kept-2\nclient_secret = secret-kept-2\n',
        'credentials',
      ),
    );
    if (isIpcFailure(first)) throw new Error(first.message);
    const firstDone = await imports.confirm(
      first.preview.previewId,
      first.preview.rows.map((row) => ({ rowId: row.rowId, action: 'import' as const, name: row.name })),
    );
    expect(isIpcFailure(firstDone) ? [] : firstDone.results.map((r) => r.status)).toEqual([
      'imported',
      'imported',
    ]);
    const text = [
      '[new]\nclient_id = id-new\nclient_secret = secret-new\n',
      '[kept-1]\nclient_id = id-kept-1\n',
      '[kept-2]\nclient_id = id-kept-2\n',
    ].join('\n');
    const answer = await imports.preview(readCredentialText(text, 'credentials'));
    if (isIpcFailure(answer)) throw new Error(answer.message);
    memory.fail('timeout');
    asked = 0;
    const done = await imports.confirm(
      answer.preview.previewId,
      answer.preview.rows.map((row) => ({
        rowId: row.rowId,
        action: row.name === 'new' ? ('import' as const) : ('replace' as const),
        name: row.name,
      })),
    );
    if (isIpcFailure(done)) throw new Error(done.message);
    // The row with a secret asked, and found the keychain down: the rest are not asked.
    expect(asked).toBe(1);
    expect(done.results.find((r) => r.name === 'new')).toMatchObject({ status: 'failed' });
    for (const name of ['kept-1', 'kept-2']) {
      const result = done.results.find((r) => r.name === name);
      expect(result).toMatchObject({ status: 'imported' });
      expect(result?.secret).not.toBe('missing');
      expect(result?.message).not.toMatch(/missing/);
    }
    // The secrets saved before are still there.
    memory.fail(null);
    expect([...memory.entries.values()].sort()).toEqual(['secret-kept-1', 'secret-kept-2']);
  });

  it('asks a keychain that is down once when the rows without a secret come first', async () => {
    const memory = memoryKeychain();
    let asked = 0;
    const keychain = {
      ...memory.keychain,
      setSecret: (...args: Parameters<typeof memory.keychain.setSecret>) => {
        asked += 1;
        return memory.keychain.setSecret(...args);
      },
      getSecret: (account: string) => {
        asked += 1;
        return memory.keychain.getSecret(account);
      },
    };
    const profiles = createProfileService({
      store: createProfileStore(await mkdtemp(path.join(tmpdir(), 'import-down-'))),
      keychain,
    });
    const imports = createImportService({ profiles, now: Date.now });
    const names = ['kept-1', 'kept-2', 'kept-3'];
    const first = await imports.preview(
      readCredentialText(
        names.map((n) => `[${n}]\nclient_id = id-${n}\nclient_secret = secret-${n}\n`).join('\n'),
        'credentials',
      ),
    );
    if (isIpcFailure(first)) throw new Error(first.message);
    await imports.confirm(
      first.preview.previewId,
      first.preview.rows.map((row) => ({ rowId: row.rowId, action: 'import' as const, name: row.name })),
    );
    const answer = await imports.preview(
      readCredentialText(
        [
          ...names.map((n) => `[${n}]\nclient_id = id-${n}\n`),
          '[new]\nclient_id = id-new\nclient_secret = s-new\n',
        ].join('\n'),
        'credentials',
      ),
    );
    if (isIpcFailure(answer)) throw new Error(answer.message);
    memory.fail('timeout');
    asked = 0;
    const done = await imports.confirm(
      answer.preview.previewId,
      answer.preview.rows.map((row) => ({
        rowId: row.rowId,
        action: row.name === 'new' ? ('import' as const) : ('replace' as const),
        name: row.name,
      })),
    );
    if (isIpcFailure(done)) throw new Error(done.message);
    // The first row's read found the keychain down: no later row asks it again.
    expect(asked).toBe(1);
    for (const name of names)
      expect(done.results.find((r) => r.name === name)).toMatchObject({ status: 'imported', secret: null });
    expect(done.results.find((r) => r.name === 'new')?.message).toMatch(/^Keychain not responding\./);
  });
});
