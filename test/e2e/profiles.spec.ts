// Saved profiles end to end: they survive a restart, use the real keychain, and the secret is
// never found anywhere but the keychain.
import type { Page } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { KEYRING_SKIP_REASON, requireTestKeyring, secretToolLookup, testService } from '../support/keyring';
import { launchApp, screenshotPath, type LaunchedApp } from '../support/launch';
import { sendJson, startServer, type TestServer } from '../support/servers';
import { expect, result, test, useSandbox } from './fixtures';
import { filesContaining } from '../support/data-folder';

test.skip(!requireTestKeyring('saved profiles end to end'), KEYRING_SKIP_REASON);

const SECRET = 'sandbox-client-secret';

async function saveSandboxProfile(page: Page, name: string) {
  await useSandbox(page);
  await page.getByRole('textbox', { name: 'Profile name' }).fill(name);
  await page.getByRole('button', { name: 'Save to keychain' }).click();
  await expect(page.getByText(`Saved “${name}”; its secret is in the keychain.`)).toBeVisible();
  await expect(
    page.getByRole('listbox', { name: 'Profiles' }).getByRole('option', { name: new RegExp(name) }),
  ).toBeVisible();
}

test('a saved profile survives a restart and requests a token without typing the secret', async () => {
  const userDataDir = await mkdtemp(path.join(tmpdir(), 'token-tester-restart-'));
  const env = { TOKEN_TESTER_KEYCHAIN_SERVICE: testService() };
  let app: LaunchedApp | undefined;
  try {
    app = await launchApp({ userDataDir, env });
    await saveSandboxProfile(app.page, 'Free trial');
    expect(await secretToolLookup(env.TOKEN_TESTER_KEYCHAIN_SERVICE, await profileIdIn(userDataDir))).toBe(
      SECRET,
    );
    await app.close();

    app = await launchApp({ userDataDir, env });
    const { page } = app;
    const list = page.getByRole('listbox', { name: 'Profiles' });
    await list.getByRole('option', { name: /Free trial/ }).click();
    await expect(page.getByLabel('Client secret', { exact: true })).toHaveValue('');
    await expect(page.getByLabel('Client secret', { exact: true })).toHaveAttribute(
      'placeholder',
      'Stored in keychain',
    );
    await list.press('Enter');
    await expect(result(page).getByRole('heading', { name: 'Token received' })).toBeVisible();
    await page.screenshot({ path: screenshotPath('profiles.png') });
  } finally {
    await app?.close();
    await rm(userDataDir, { recursive: true, force: true });
  }
});

async function profileIdIn(userDataDir: string): Promise<string> {
  const file = JSON.parse(await readFile(path.join(userDataDir, 'profiles.json'), 'utf8')) as {
    profiles: Array<{ id: string }>;
  };
  return file.profiles[0]?.id ?? '';
}

test.describe('the secret stays in the keychain', () => {
  const service = testService();
  // A secret of this run's own (the sandbox's is public), accepted by a token server of the test's.
  const CANARY = `canary-${randomBytes(9).toString('base64url')}`;
  let server: TestServer;
  test.beforeAll(async () => {
    server = await startServer((_req, res, body) => {
      const ok = new URLSearchParams(body).get('client_secret') === CANARY;
      sendJson(
        res,
        ok ? 200 : 401,
        ok ? { access_token: 'tok-ok', expires_in: '3599' } : { error: 'invalid_client' },
      );
    });
  });
  test.afterAll(() => server.close());
  test.use({ appOptions: { env: { TOKEN_TESTER_KEYCHAIN_SERVICE: service } } });

  async function saveCanaryProfile(page: Page, name: string) {
    await page.getByRole('combobox', { name: 'Endpoint' }).selectOption('custom');
    await page.getByRole('textbox', { name: 'Token URL' }).fill(server.url());
    await page.getByRole('textbox', { name: 'Client ID' }).fill('support-case');
    await page.getByLabel('Client secret', { exact: true }).fill(CANARY);
    await page.getByRole('textbox', { name: 'Profile name' }).fill(name);
    await page.getByRole('button', { name: 'Save to keychain' }).click();
    await expect(page.getByText(`Saved “${name}”; its secret is in the keychain.`)).toBeVisible();
  }

  async function idOf(userDataDir: string, name: string): Promise<string> {
    const file = JSON.parse(await readFile(path.join(userDataDir, 'profiles.json'), 'utf8')) as {
      profiles: Array<{ id: string; name: string }>;
    };
    return file.profiles.find((p) => p.name === name)?.id ?? '';
  }

  test('after saving, using, duplicating and deleting profiles, nothing outside the keychain holds the secret', async ({
    app,
    page,
  }) => {
    await saveCanaryProfile(page, 'Case 1');
    const list = page.getByRole('listbox', { name: 'Profiles' });
    expect(await secretToolLookup(service, await idOf(app.userDataDir, 'Case 1'))).toBe(CANARY);
    await page.getByRole('button', { name: 'Request token' }).click();
    await expect(result(page).getByRole('heading', { name: 'Token received' })).toBeVisible();

    await page.getByRole('button', { name: 'Duplicate' }).click();
    await expect(list.getByRole('option', { name: /Case 1 \(copy\)/ })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    const copyId = await idOf(app.userDataDir, 'Case 1 (copy)');
    expect(await secretToolLookup(service, copyId)).toBe(CANARY);

    await page.getByRole('button', { name: 'Delete profile' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Delete' }).click();
    await expect(page.getByText('Deleted “Case 1 (copy)” and its secret.')).toBeVisible();
    expect(await secretToolLookup(service, copyId)).toBeNull();

    await list.getByRole('option', { name: /Case 1/ }).click();
    await list.press('Enter');
    // The first request's "Token received" may still be on screen (a quick answer replaces it
    // without a pending state in between): wait for the server to have the second request.
    await expect.poll(() => server.received.filter((r) => r.body.includes(CANARY)).length).toBe(2);
    await expect(result(page).getByRole('heading', { name: 'Token received' })).toBeVisible();

    await expect(page.getByLabel('Client secret', { exact: true })).toHaveValue('');
    expect(await filesContaining(app.userDataDir, CANARY)).toEqual([]);
    expect(app.logs()).not.toContain(CANARY);
    const received = await app.ipcResponses();
    if (received) {
      expect(received.length).toBeGreaterThan(5);
      expect(JSON.stringify(received)).not.toContain(CANARY);
    }
  });

  test('the secret reaches the window only when “Reveal secret” is pressed', async ({ app, page }) => {
    await saveCanaryProfile(page, 'Reveal me');
    expect(JSON.stringify((await app.ipcResponses()) ?? [])).not.toContain(CANARY);
    await page.getByRole('button', { name: 'Reveal secret' }).click();
    await expect(page.getByLabel('Client secret', { exact: true })).toHaveValue(CANARY);
    const responses = await app.ipcResponses();
    if (responses) {
      const revealed = responses.filter((r) => JSON.stringify(r.value).includes(CANARY));
      expect(revealed.map((r) => r.channel)).toEqual(['profiles:reveal-secret']);
    }
  });
});

test.describe('without a keychain service', () => {
  test.use({ appOptions: { env: { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus' } } });

  test('the window says what to do, refuses to save, and one-off requests still work', async ({
    app,
    page,
  }) => {
    await expect(page.getByText('No keychain service.')).toBeVisible();
    await expect(page.getByText(/Secret Service \(GNOME Keyring or KWallet\)/)).toBeVisible();
    await useSandbox(page);
    await page.getByRole('textbox', { name: 'Profile name' }).fill('Nowhere to go');
    await page.getByRole('button', { name: 'Save to keychain' }).click();
    await expect(
      page.getByRole('alert').filter({ hasText: 'No keychain service. The app could not reach' }).last(),
    ).toBeVisible();
    await expect(page.getByRole('listbox', { name: 'Profiles' }).getByRole('option')).toHaveCount(0);
    expect(await filesContaining(app.userDataDir, SECRET)).toEqual([]);

    await page.getByRole('button', { name: 'Request token' }).click();
    await expect(result(page).getByRole('heading', { name: 'Token received' })).toBeVisible();
  });
});
