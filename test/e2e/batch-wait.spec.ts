// "Check all profiles" after a 429 with Retry-After: nothing starts until it has passed
// (app/batch-schedule.ts), and the panel says so while it lasts, for how long and until when,
// instead of looking stuck; Cancel still ends the run at once.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { assertBuiltCli, importNumberedProfiles } from '../support/cli';
import { KEYRING_SKIP_REASON, requireTestKeyring, testService } from '../support/keyring';
import { launchApp, type LaunchedApp } from '../support/launch';
import { sendJson, startServer, type TestServer } from '../support/servers';
import { expect, test } from './fixtures';

test.skip(!requireTestKeyring('the wait after a 429 in a batch run'), KEYRING_SKIP_REASON);

/** More than the lanes (4), so that some profiles are left to start after the 429. */
const COUNT = 8;

test.describe('a run told to wait by a 429', () => {
  const service = testService();
  const env = { TOKEN_TESTER_KEYCHAIN_SERVICE: service };
  let server: TestServer;
  let dir: string;

  test.beforeAll(async () => {
    assertBuiltCli();
    // client-0 is refused with Retry-After: 60; the others are answered once that refusal is out,
    // so the wait is asked for before any lane is free to start another profile.
    let limited!: () => void;
    const refused = new Promise<void>((resolve) => (limited = resolve));
    server = await startServer(async (_req, res, body) => {
      const clientId = new URLSearchParams(body).get('client_id') ?? '';
      if (clientId === 'client-0') {
        sendJson(res, 429, { error: 'too_many_requests' }, { 'Retry-After': '60' });
        limited();
        return;
      }
      await refused;
      sendJson(res, 200, { access_token: `tok-${clientId}`, token_type: 'Bearer', expires_in: 3599 });
    });
    dir = await mkdtemp(path.join(tmpdir(), 'e2e-batch-wait-'));
    const imported = await importNumberedProfiles(dir, COUNT, server.url(), env);
    expect(imported.code, imported.stderr).toBe(0);
  });

  test.afterAll(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  test('the panel says how long the run waits and until when, and Cancel still stops it', async () => {
    let app: LaunchedApp | undefined;
    try {
      app = await launchApp({ env, userDataDir: path.join(dir, 'data') });
      const { page } = app;
      await page.getByRole('button', { name: 'Check all profiles' }).click();
      const panel = page.getByRole('region', { name: 'Check profiles' });
      const progress = panel.getByRole('status').filter({ hasText: /of 8 checked/ });
      await expect(progress).toHaveText(
        /^4 of 8 checked · Too many requests \(429\): the next profile waits (59|60) s \(until .*\d.*\), as the server asked\.$/,
      );
      // Nothing started meanwhile: the four lanes' first profiles only.
      expect(server.received).toHaveLength(4);

      await panel.getByRole('button', { name: 'Cancel' }).click();
      await expect(progress).toHaveText('4 of 8 checked · cancelled');
      expect(server.received).toHaveLength(4);
    } finally {
      await app?.close();
    }
  });
});
