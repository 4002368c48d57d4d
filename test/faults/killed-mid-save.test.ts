// The desktop app's profile operations (a new profile, a duplicate, a delete, a move to a new
// endpoint with its new secret) killed with SIGKILL before and after each write of profiles.json,
// through the app's own profile service on the shared private keyring (secret-tool checks it from
// outside). Wherever it dies, no secret is left in the keychain without a listed profile, and no
// profile is listed with a secret saved for another endpoint: what is left is a profile listed
// with its secret missing, which the app says and the user can fix or delete. The process is
// stopped at the step by stop-at-profiles-write.mjs and killed once it says so: never after a delay.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createKeychain } from '../../main/profiles/keychain';
import { createProfileService } from '../../main/profiles/profile-service';
import { createProfileStore } from '../../main/profiles/profile-store';
import { requireTestKeyring, secretToolLookup, testService } from '../support/keyring';
import { UNTIL_IT_HOLDS } from '../support/until';

const STOP_AT = fileURLToPath(new URL('../support/stop-at-profiles-write.mjs', import.meta.url));
const OPERATION = fileURLToPath(new URL('../support/profile-operation.ts', import.meta.url));
/** The secret each endpoint was saved with (profile-operation.ts). */
const SECRET_FOR: Readonly<Record<string, string>> = {
  '': 'first-secret',
  'https://moved.example/token': 'second-secret',
};

async function killedAt(step: string, operation: string, dir: string, service: string): Promise<void> {
  const marker = `${dir}.stopped`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--import', STOP_AT, OPERATION, dir, operation], {
    env: { ...process.env, TOKEN_TESTER_KEYCHAIN_SERVICE: service, STOP_AT: step, STOP_MARKER: marker },
    stdio: 'ignore',
  });
  let code: number | null | undefined;
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (c) => {
      code = c;
      resolve();
    }),
  );
  // An operation that ends before the step (it should not) fails here instead of waiting.
  await vi.waitFor(() => {
    expect(code).toBeUndefined();
    expect(existsSync(marker)).toBe(true);
  }, UNTIL_IT_HOLDS);
  child.kill('SIGKILL');
  await exited;
}

describe.runIf(requireTestKeyring('profile operations killed midway'))(
  'profile operations killed midway',
  () => {
    let root: string;
    beforeAll(async () => {
      root = await mkdtemp(path.join(tmpdir(), 'killed-save-'));
    });
    afterAll(() => rm(root, { recursive: true, force: true }));

    // The new profile "P" is the first write of profiles.json; the operation's own, the second.
    const cases = [
      ['create', 'open:1'],
      ['create', 'renamed:1'],
      ...['duplicate', 'delete', 'move'].flatMap((operation) => [
        [operation, 'open:2'],
        [operation, 'renamed:2'],
      ]),
    ];
    it.each(cases)(
      '%s killed at %s leaves no secret without its profile and endpoint',
      async (operation, step) => {
        const dir = await mkdtemp(path.join(root, `${operation}-`));
        const service = testService();
        await killedAt(step, operation, dir, service);

        const keychain = createKeychain({ service });
        const profiles = createProfileService({ store: createProfileStore(dir), keychain });
        const listed = (await profiles.list()).profiles;
        const ids = listed.map((p) => p.id);
        for (const account of await keychain.accounts()) expect(ids).toContain(account);
        for (const p of listed) {
          const stored = await secretToolLookup(service, p.id);
          if (stored === null) expect(p.secretState).toBe('missing');
          else expect(stored).toBe(SECRET_FOR[p.tokenUrl]);
        }
      },
      60_000,
    );
  },
);
