// The e2e specs' scan of the data folder for a secret, while the app writes there: a file listed
// and renamed before it is read (an atomic write's temporary file) must not fail the scan.
import { mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { filesContaining } from '../support/data-folder';

it('scans a folder whose files are being replaced, as the app saves its history', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'data-folder-scan-'));
  try {
    let writing = true;
    const writer = (async () => {
      // Bounded: as many saves as a busy session makes, each a temporary file renamed over the old.
      for (let i = 0; i < 3000; i += 1) {
        const temporary = path.join(dir, `history.json.${i}.tmp`);
        await writeFile(temporary, `{"entries":${i}}`);
        await rename(temporary, path.join(dir, 'history.json'));
      }
      writing = false;
    })();
    let scans = 0;
    while (writing) {
      expect(await filesContaining(dir, 'canary')).toEqual([]);
      scans += 1;
    }
    await writer;
    expect(scans).toBeGreaterThan(0);
    await writeFile(path.join(dir, 'other.json'), 'a canary');
    expect(await filesContaining(dir, 'canary')).toEqual([path.join(dir, 'other.json')]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
