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

/**
 * An import service over a memory keychain that counts the calls made of it: its writes, and its
 * reads too when `reads` is true.
 */
async function countingImports(reads: boolean) {
  const memory = memoryKeychain();
  const calls = { count: 0 };
  const keychain = {
    ...memory.keychain,
    setSecret: (...args: Parameters<typeof memory.keychain.setSecret>) => {
      calls.count += 1;
      return memory.keychain.setSecret(...args);
    },
    getSecret: (account: string) => {
      if (reads) calls.count += 1;
      return memory.keychain.getSecret(account);
    },
  };
  const profiles = createProfileService({
    store: createProfileStore(await mkdtemp(path.join(tmpdir(), 'import-down-'))),
    keychain,
  });
  const imports = createImportService({ profiles, now: Date.now });
  /**
   * A credentials file previewed, then `beforeConfirm`, then confirmed: each row imported, or
   * replacing the saved profile of its name where `replace` says so. Resolves with the results.
   */
  async function importFile(
    text: string,
    replace: (name: string) => boolean = () => false,
    beforeConfirm: () => void = () => {},
  ) {
    const answer = await imports.preview(readCredentialText(text, 'credentials'));
    if (isIpcFailure(answer)) throw new Error(answer.message);
    beforeConfirm();
    const done = await imports.confirm(
      answer.preview.previewId,
      answer.preview.rows.map((row) => ({
        rowId: row.rowId,
        action: replace(row.name) ? ('replace' as const) : ('import' as const),
        name: row.name,
      })),
    );
    if (isIpcFailure(done)) throw new Error(done.message);
    return done.results;
  }
  /** From now on the keychain does not answer, and the calls are counted from 0. */
  const goDown = () => {
    memory.fail('timeout');
    calls.count = 0;
  };
  return { memory, calls, profiles, importFile, goDown };
}

describe('an import while the keychain is down', () => {
  it('asks the keychain once, says so for every row with a secret, and imports the rows without one', async () => {
    const { calls, profiles, importFile, goDown } = await countingImports(false);
    const rows = Array.from(
      { length: 20 },
      (_, i) => `[p${i}]\nclient_id = id-${i}\nclient_secret = secret-${i}\n`,
    );
    rows.push('[no-secret]\nclient_id = id-none\n');
    const results = await importFile(rows.join('\n'), undefined, goDown);
    expect(calls.count).toBe(1);
    const bySecret = results.filter((r) => r.name !== 'no-secret');
    expect(bySecret).toHaveLength(20);
    for (const result of bySecret) {
      expect(result.status).toBe('failed');
      expect(result.message).toMatch(/^Keychain not responding\./);
    }
    expect(results.find((r) => r.name === 'no-secret')).toMatchObject({
      status: 'imported',
      secret: 'missing',
    });
    expect((await profiles.saved()).map((p) => p.name)).toEqual(['no-secret']);
  });

  it('replaces a saved profile from a row without a secret without asking, and does not call its secret missing', async () => {
    const { memory, calls, importFile, goDown } = await countingImports(true);
    // Saved first with their secrets, by an import while the keychain answers.
    const first = await importFile(
      '[kept-1]\nclient_id = id-kept-1\nclient_secret = secret-kept-1\n\n[kept-2]\nclient_id = id-kept-2\nclient_secret = secret-kept-2\n',
    );
    expect(first.map((r) => r.status)).toEqual(['imported', 'imported']);
    const text = [
      '[new]\nclient_id = id-new\nclient_secret = secret-new\n',
      '[kept-1]\nclient_id = id-kept-1\n',
      '[kept-2]\nclient_id = id-kept-2\n',
    ].join('\n');
    const results = await importFile(text, (name) => name !== 'new', goDown);
    // The row with a secret asked, and found the keychain down: the rest are not asked.
    expect(calls.count).toBe(1);
    expect(results.find((r) => r.name === 'new')).toMatchObject({ status: 'failed' });
    for (const name of ['kept-1', 'kept-2']) {
      const result = results.find((r) => r.name === name);
      expect(result).toMatchObject({ status: 'imported' });
      expect(result?.secret).not.toBe('missing');
      expect(result?.message).not.toMatch(/missing/);
    }
    // The secrets saved before are still there.
    memory.fail(null);
    expect([...memory.entries.values()].sort()).toEqual(['secret-kept-1', 'secret-kept-2']);
  });

  it('asks a keychain that is down once when the rows without a secret come first', async () => {
    const { calls, importFile, goDown } = await countingImports(true);
    const names = ['kept-1', 'kept-2', 'kept-3'];
    await importFile(
      names.map((n) => `[${n}]\nclient_id = id-${n}\nclient_secret = secret-${n}\n`).join('\n'),
    );
    const results = await importFile(
      [
        ...names.map((n) => `[${n}]\nclient_id = id-${n}\n`),
        '[new]\nclient_id = id-new\nclient_secret = s-new\n',
      ].join('\n'),
      (name) => name !== 'new',
      goDown,
    );
    // The first row's read found the keychain down: no later row asks it again.
    expect(calls.count).toBe(1);
    for (const name of names)
      expect(results.find((r) => r.name === name)).toMatchObject({ status: 'imported', secret: null });
    expect(results.find((r) => r.name === 'new')?.message).toMatch(/^Keychain not responding\./);
  });
});
