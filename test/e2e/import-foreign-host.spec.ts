// A .env file from someone else with a second set of credentials whose token URL looks like
// Telstra's v3 address but is not (a Cyrillic а in "telstra"): the window's preview names the host
// the secret would go to as a request spells it (its xn-- form, so the lookalike shows), says it
// is neither Telstra's nor this computer, and leaves that row at Skip until the user chooses to
// import it; the row for Telstra's own address is imported as before. Once imported, the form
// says where its secret goes before the first request.
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
      "2 found. One sends its secret to a host other than Telstra's token hosts and this computer (said on its row).",
    );
    const rows = dialog.getByRole('table', { name: 'Profiles found' }).locator('tbody tr');
    await expect(rows).toHaveCount(2);
    await expect(rows.nth(1)).toContainText(
      "Its secret would be sent to products.api.xn--telstr-8nf.com, which is neither one of Telstra's token hosts",
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

    // Imported when the user chooses so; in the form, before any request, the Token URL field
    // (which shows the lookalike as written) says where the secret goes, from the main side's
    // pre-flight checks.
    await dialog.getByLabel('Credentials file').setInputFiles({
      name: 'shared.env',
      mimeType: 'text/plain',
      buffer: Buffer.from(ENV_FILE),
    });
    await dialog.getByRole('combobox', { name: `What to do with ${plain ?? ''}` }).selectOption('skip');
    await dialog.getByRole('combobox', { name: 'What to do with LOOKALIKE' }).selectOption('import');
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await expect(dialog.getByRole('list', { name: 'Import results' })).toContainText('LOOKALIKE: Imported.');
    await page.keyboard.press('Escape');
    await page
      .getByRole('listbox', { name: 'Profiles' })
      .getByRole('option', { name: /LOOKALIKE/ })
      .click();
    const tokenUrl = page.getByRole('textbox', { name: 'Token URL' });
    await expect(tokenUrl).toHaveValue('https://products.api.telstr\u0430.com/v2/oauth/token');
    // What is shown under the field, as its aria-describedby names it (read again until the
    // main side's answer is drawn).
    const under = () =>
      tokenUrl.evaluate((field) =>
        (field.getAttribute('aria-describedby') ?? '')
          .split(' ')
          .map((id) => document.getElementById(id)?.textContent ?? '')
          .join(' '),
      );
    await expect
      .poll(under)
      .toContain(
        "The secret is sent to products.api.xn--telstr-8nf.com, which is not one of Telstra's token hosts",
      );
  });
});
