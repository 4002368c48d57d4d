// `profiles import` holds the data folder while it writes, but its profiles file was opened without
// asking the lock before each write: an import paused past FOREIGN_FRESH_MS on a folder shared with
// another computer or PID namespace (main/browser/data-lock.ts), taken over meanwhile, wrote its
// copy of the profiles over the other program's and put its rows' secrets in the keychain. Now each
// write asks whether the lock still names this import; the first row refused says why, the rest are
// not tried. The takeover is made by hand where the import waits for its answer, at the terminal's
// question: the lock file names another computer's app, which has saved profiles of its own. The
// real CLI on a pseudo-terminal, real files, the private keychain.
import { writeFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { LOCK_FILE } from '../../main/browser/data-lock';
import { createKeychain } from '../../main/profiles/keychain';
import { PROFILES_FILE } from '../../main/profiles/profile-store';
import { TAKEN_OVER_IMPORT } from '../../main/storage/folder-taken-over';
import { EXIT } from '../../main/cli/exit-codes';
import { assertBuiltCli } from '../support/cli';
import { requireTestKeyring, testService } from '../support/keyring';
import { undoneAfterEach } from '../support/per-test';
import { atTerminal } from '../support/terminal';

const { folder } = undoneAfterEach();
beforeAll(() => assertBuiltCli());

/** The other program's profiles file: one profile of its own. */
const THEIRS = `${JSON.stringify({
  version: 1,
  profiles: [
    {
      id: '00000000-bbbb-4bbb-8bbb-bbbbbbbbbbbb',
      name: 'theirs',
      clientId: 'their-client-id',
      preset: 'v3',
      tokenUrl: '',
      grantType: 'client_credentials',
      scope: '',
      createdAt: 1,
      updatedAt: 1,
    },
  ],
})}\n`;

describe.runIf(requireTestKeyring('an import whose data folder is taken over'))(
  'profiles import after another program took its data folder over',
  () => {
    it('writes no profile and no secret, says why at the first row, tries no other, exits 5', async () => {
      const dir = await folder('import-taken-over-');
      const data = path.join(dir, 'data');
      const file = path.join(dir, 'credentials');
      await writeFile(
        file,
        '[one]\nclient_id = one-client-id-1\nclient_secret = one-S3cret\n\n[two]\nclient_id = two-client-id-2\nclient_secret = two-S3cret\n',
      );
      const service = testService();
      const env = { NO_COLOR: '1', TOKEN_TESTER_USER_DATA_DIR: data, TOKEN_TESTER_KEYCHAIN_SERVICE: service };
      const another = `1\nbrowser mode\n\nanother-computer.invalid\n\n`;
      const run = await atTerminal(['profiles', 'import', file], env, (seen) => {
        if (!seen.includes('[y/N]')) return null;
        // While the import waits for its answer (holding the folder): taken over by another
        // computer's app, which saves its own profiles.
        writeFileSync(path.join(data, LOCK_FILE), another);
        writeFileSync(path.join(data, PROFILES_FILE), THEIRS);
        return 'y\r';
      });
      expect(await readFile(path.join(data, PROFILES_FILE), 'utf8')).toBe(THEIRS);
      expect([...(await createKeychain({ service }).accounts())]).toEqual([]);
      expect(run.output).toContain(`one: ${TAKEN_OVER_IMPORT}`);
      expect(run.output).toContain('two: not imported, as above.');
      expect(run.code).toBe(EXIT.keychain);
      // Its lock is the other's: left as it is.
      expect(await readFile(path.join(data, LOCK_FILE), 'utf8')).toBe(another);
    });
  },
);
