// Importing credentials from where they already live, end to end through the window: the file
// chosen in "Credentials file" (or dropped), read by the page, parsed on the main side, a preview,
// one confirmation; the secrets then only in the real keychain (checked with secret-tool).
import type { Page } from '@playwright/test';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { KEYRING_SKIP_REASON, requireTestKeyring, secretToolLookup, testService } from '../support/keyring';
import { launchApp, type LaunchedApp } from '../support/launch';
import { expect, test } from './fixtures';

test.skip(!requireTestKeyring('importing credentials end to end'), KEYRING_SKIP_REASON);

const CREDENTIALS = [
  '[default]',
  'client_id = default-client-id-123',
  'client_secret = default-S3cret!',
  '[staging]',
  'client_id = staging-client-id-456',
  'client_secret = staging-S3cret!',
  '[customer-b]',
  'client_id = custb-client-id-789',
  'client_secret = custb-S3cret!',
  '',
].join('\n');

interface Saved {
  profiles: { id: string; name: string; clientId: string }[];
}
const savedIn = async (dir: string) =>
  JSON.parse(await readFile(path.join(dir, 'profiles.json'), 'utf8').catch(() => '{"profiles":[]}')) as Saved;

async function choose(page: Page, name: string, text: string | Buffer) {
  await page.getByRole('button', { name: 'Import credentials…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import credentials' });
  await dialog
    .getByLabel('Credentials file')
    .setInputFiles({ name, mimeType: 'text/plain', buffer: Buffer.from(text) });
  return dialog;
}

const profileList = (page: Page) => page.getByRole('listbox', { name: 'Profiles' });

test.describe('import credentials', () => {
  let app: LaunchedApp;
  let userDataDir: string;
  const service = testService();

  test.beforeEach(async () => {
    userDataDir = await mkdtemp(path.join(tmpdir(), 'token-tester-import-'));
    app = await launchApp({ userDataDir, env: { TOKEN_TESTER_KEYCHAIN_SERVICE: service } });
  });
  test.afterEach(async () => {
    await app.close();
  });

  test('~/.telstra/credentials with three sections: three profiles after one preview and one confirmation', async () => {
    const { page } = app;
    const dialog = await choose(page, 'credentials', CREDENTIALS);
    await expect(dialog.getByRole('status')).toContainText('Telstra credentials file (INI): 3 found.');
    const rows = dialog.getByRole('list', { name: 'Profiles found' }).getByRole('listitem');
    await expect(rows).toHaveCount(3);
    await expect(rows.first()).toContainText('defa…23 · Messaging API v3');
    // The window never sees the secrets or the whole client ID.
    await expect(dialog).not.toContainText('S3cret');
    await expect(dialog).not.toContainText('default-client-id-123');
    expect((await savedIn(userDataDir)).profiles).toEqual([]);

    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await expect(dialog.getByRole('status')).toContainText('customer-b: Imported.');
    await expect(profileList(page).getByRole('option')).toHaveCount(3);

    const saved = (await savedIn(userDataDir)).profiles;
    expect(saved.map((p) => p.name)).toEqual(['default', 'staging', 'customer-b']);
    const secrets = await Promise.all(saved.map((p) => secretToolLookup(service, p.id)));
    expect(secrets).toEqual(['default-S3cret!', 'staging-S3cret!', 'custb-S3cret!']);
    expect(await readFile(path.join(userDataDir, 'profiles.json'), 'utf8')).not.toContain('S3cret');
  });

  test('a .env file, a Postman environment and an export each go through the preview', async () => {
    const { page } = app;
    let dialog = await choose(
      page,
      'app.env',
      'TELSTRA_CLIENT_ID="env-client-id"\r\nTELSTRA_CLIENT_SECRET=\'env#secret\'\r\n',
    );
    await expect(dialog.getByRole('status')).toContainText('.env file: 1 found.');
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await expect(profileList(page).getByRole('option', { name: /^app/ })).toBeVisible();
    await dialog.getByRole('button', { name: 'Close' }).click();

    const postman = {
      name: 'Telstra Messaging',
      values: [
        { key: 'client_id', value: 'postman-client-id', enabled: true },
        { key: 'client_secret', value: 'your-client-secret', enabled: true },
      ],
    };
    dialog = await choose(page, 'Telstra.postman_environment.json', JSON.stringify(postman));
    await expect(dialog.getByRole('status')).toContainText('Postman environment: 1 found.');
    // The pre-flight finding about a placeholder is in the row.
    await expect(dialog.getByRole('listitem')).toContainText(/placeholder/i);
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await expect(profileList(page).getByRole('option', { name: /Telstra Messaging/ })).toBeVisible();
    await dialog.getByRole('button', { name: 'Close' }).click();

    // The app's own export (no secrets): the name clashes, so it is asked about, not overwritten.
    const exported = {
      format: 'telstra-token-tester/profiles',
      version: 1,
      profiles: [
        {
          name: 'app',
          clientId: 'exported-id',
          preset: 'v2',
          tokenUrl: '',
          grantType: 'client_credentials',
          scope: 'NSMS',
        },
      ],
    };
    dialog = await choose(page, 'profiles.json', JSON.stringify(exported));
    const rename = dialog.getByRole('textbox', { name: 'New name for app, a name in use' });
    await expect(rename).toHaveValue('app (2)');
    await expect(dialog.getByRole('checkbox', { name: 'Import app' })).not.toBeChecked();
    await dialog.getByRole('checkbox', { name: 'Import app' }).check();
    await rename.fill('app from export');
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await expect(dialog.getByRole('status')).toContainText('its secret is missing');
    await expect(
      profileList(page).getByRole('option', { name: /app from export.*secret missing/ }),
    ).toBeVisible();
    const saved = (await savedIn(userDataDir)).profiles;
    expect(saved.find((p) => p.name === 'app')?.clientId).toBe('env-client-id');
  });

  test('a hostile file gets a clear message and writes nothing; a dropped file works too', async () => {
    const { page } = app;
    const dialog = await choose(
      page,
      'photo.env',
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0x41, 0x3d]),
    );
    await expect(dialog.getByRole('status')).toContainText('This file is not text');
    await expect(dialog.getByRole('button', { name: 'Import', exact: true })).toHaveCount(0);
    expect((await savedIn(userDataDir)).profiles).toEqual([]);

    const drop = await page.evaluateHandle(() => {
      const data = new DataTransfer();
      data.items.add(
        new File(['[dropped]\nclient_id = dropped-id-0001\nclient_secret = dropped-secret\n'], 'credentials'),
      );
      return data;
    });
    await dialog.dispatchEvent('drop', { dataTransfer: drop });
    await expect(dialog.getByRole('status')).toContainText('1 found');
    await expect(dialog.getByRole('checkbox', { name: 'Import dropped' })).toBeChecked();
  });
});
