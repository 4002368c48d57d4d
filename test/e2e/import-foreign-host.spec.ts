// A .env file from someone else with a second set of credentials whose token URL looks like
// Telstra's v3 address but is not (a Cyrillic а in "telstra"): the window's preview names the host
// the secret would go to as a request spells it (its xn-- form, so the lookalike shows), says it
// is neither Telstra's nor this computer, and leaves that row at Skip until the user chooses to
// import it; the row for Telstra's own address is imported as before.
import type { Page } from '@playwright/test';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { KEYRING_SKIP_REASON, requireTestKeyring, testService } from '../support/keyring';
import { launchApp, type LaunchedApp } from '../support/launch';
import { expect, test } from './fixtures';

test.skip(!requireTestKeyring('an import naming another host'), KEYRING_SKIP_REASON);

const ENV_FILE = [
  'TELSTRA_CLIENT_ID=plain-client-id-0001',
  'TELSTRA_CLIENT_SECRET=plain-S3cret-value',
  'TELSTRA_TOKEN_URL=https://products.api.telstra.com/v2/oauth/token',
  'LOOKALIKE_TELSTRA_CLIENT_ID=look-client-id-0002',
  'LOOKALIKE_TELSTRA_CLIENT_SECRET=look-S3cret-value',
  'LOOKALIKE_TELSTRA_TOKEN_URL=https://products.api.telstr\u0430.com/v2/oauth/token',
  '',
].join('\n');

const importDialog = (page: Page) => page.getByRole('dialog', { name: 'Import credentials' });

test.describe('an import whose token URL sends the secret elsewhere', () => {
  let app: LaunchedApp;
  let userDataDir: string;

  test.beforeEach(async () => {
    userDataDir = await mkdtemp(path.join(tmpdir(), 'token-tester-import-host-'));
    app = await launchApp({ userDataDir, env: { TOKEN_TESTER_KEYCHAIN_SERVICE: testService() } });
  });
  test.afterEach(async () => {
    await app.close();
  });

  test('names the lookalike host on its row and leaves the row at Skip', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Import credentials…' }).click();
    const dialog = importDialog(page);
    await dialog.getByLabel('Credentials file').setInputFiles({
      name: 'shared.env',
      mimeType: 'text/plain',
      buffer: Buffer.from(ENV_FILE),
    });
    await expect(dialog.getByRole('status')).toContainText(
      "2 found. One sends its secret to a host neither Telstra's nor this computer (said on its row).",
    );
    const rows = dialog.getByRole('table', { name: 'Profiles found' }).locator('tbody tr');
    await expect(rows).toHaveCount(2);
    await expect(rows.nth(1)).toContainText(
      "Its secret would be sent to products.api.xn--telstr-8nf.com, which is neither Telstra's",
    );
    await expect(rows.nth(0)).not.toContainText('Its secret would be sent');
    await expect(dialog.getByRole('combobox', { name: 'What to do with LOOKALIKE' })).toHaveValue('skip');
    const plain = await rows.nth(0).getByRole('rowheader').textContent();
    await expect(dialog.getByRole('combobox', { name: `What to do with ${plain ?? ''}` })).toHaveValue(
      'import',
    );

    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await expect(dialog.getByRole('list', { name: 'Import results' })).toContainText('LOOKALIKE: Skipped.');
    const saved = JSON.parse(await readFile(path.join(userDataDir, 'profiles.json'), 'utf8')) as {
      profiles: { clientId: string }[];
    };
    expect(saved.profiles.map((p) => p.clientId)).toEqual(['plain-client-id-0001']);
  });
});
