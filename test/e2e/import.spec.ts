// Importing credentials through the window: the file chosen in "Credentials file" (or dropped),
// read by the page, parsed on the main side, a preview, one confirmation; the secrets then only in
// the real keychain (checked with secret-tool), never in the data folder or the page.
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { KEYRING_SKIP_REASON, requireTestKeyring, secretToolLookup, testService } from '../support/keyring';
import { launchApp, type LaunchedApp } from '../support/launch';
import { wordsCutInTwo } from '../support/words-cut';
import { expect, test } from './fixtures';
import { filesContaining } from '../support/data-folder';

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

const importDialog = (page: Page) => page.getByRole('dialog', { name: 'Import credentials' });
const profileList = (page: Page) => page.getByRole('listbox', { name: 'Profiles' });
const rowsOf = (dialog: Locator) => dialog.getByRole('table', { name: 'Profiles found' }).locator('tbody tr');

/**
 * In the page: the choices (selects) drawn narrower than their chosen option needs, by that
 * option's text; each measured beside a copy of itself sized to its content alone.
 */
const choicesCut = (selects: Element[]) =>
  selects.flatMap((select) => {
    if (!(select instanceof HTMLSelectElement)) return [];
    const alone = select.cloneNode(true) as HTMLSelectElement;
    alone.value = select.value;
    alone.style.font = getComputedStyle(select).font;
    alone.style.position = 'absolute';
    alone.style.width = 'auto';
    alone.style.setProperty('field-sizing', 'content');
    document.body.append(alone);
    const need = alone.getBoundingClientRect().width;
    alone.remove();
    return select.getBoundingClientRect().width + 0.5 < need ? [select.selectedOptions[0]?.text ?? ''] : [];
  });

async function choose(page: Page, name: string, content: string | Buffer) {
  if (!(await importDialog(page).isVisible())) {
    await page.getByRole('button', { name: 'Import credentials…' }).click();
  }
  const dialog = importDialog(page);
  await dialog.getByLabel('Credentials file').setInputFiles({
    name,
    mimeType: 'text/plain',
    buffer: Buffer.isBuffer(content) ? content : Buffer.from(content),
  });
  return dialog;
}

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
    const rows = rowsOf(dialog);
    await expect(rows).toHaveCount(3);
    await expect(rows.nth(0).getByRole('rowheader')).toHaveText('default');
    await expect(rows.nth(0)).toContainText('defa…23');
    await expect(rows.nth(0)).toContainText('Messaging API v3');
    await expect(dialog.getByRole('combobox', { name: 'What to do with staging' })).toHaveValue('import');
    // The page never sees the secrets or a whole client ID; nothing is stored before Import.
    await expect(dialog).not.toContainText('S3cret');
    await expect(dialog).not.toContainText('default-client-id-123');
    expect((await savedIn(userDataDir)).profiles).toEqual([]);
    // The preview passes axe-core's checks (nothing serious or critical), in the dark theme too.
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      const { violations, passes } = await new AxeBuilder({ page })
        .include('dialog')
        .withTags(['wcag2a', 'wcag2aa', 'wcag21aa'])
        .analyze();
      expect(passes.length).toBeGreaterThan(0);
      expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
    }

    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await expect(dialog.getByRole('status')).toHaveText(
      '3 of 3 imported; their secrets are in the keychain only.',
    );
    await expect(dialog.getByRole('list', { name: 'Import results' })).toContainText('customer-b: Imported.');
    await expect(profileList(page).getByRole('option')).toHaveCount(3);

    const saved = (await savedIn(userDataDir)).profiles;
    expect(saved.map((p) => p.name)).toEqual(['default', 'staging', 'customer-b']);
    const secrets = await Promise.all(saved.map((p) => secretToolLookup(service, p.id)));
    expect(secrets).toEqual(['default-S3cret!', 'staging-S3cret!', 'custb-S3cret!']);
    for (const secret of ['default-S3cret!', 'staging-S3cret!', 'custb-S3cret!']) {
      expect(await filesContaining(userDataDir, secret)).toEqual([]);
    }
    // Closed with Escape, focus back where it was.
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Import credentials…' })).toBeFocused();
  });

  test('at 800 × 600 the preview cuts no word in two, and at 200 % zoom it still fits', async () => {
    const { page } = app;
    await page.setViewportSize({ width: 800, height: 600 });
    // Two rows, the second with an endpoint guess (its column's words: "Messaging API v2"): the
    // names' column is then narrower than "staging" unless it is kept as wide as its words. (A
    // third row, "customer-b", would widen the column and hide the fault.)
    const dialog = await choose(
      page,
      'credentials',
      `${CREDENTIALS.slice(0, CREDENTIALS.indexOf('[customer-b]'))}token_url = https://products.api.telstra.com/v2/oauth/token\n`,
    );
    await expect(dialog.getByRole('status')).toContainText('2 found.');
    const broken = await dialog.getByRole('table', { name: 'Profiles found' }).evaluate(wordsCutInTwo);
    expect(broken).toEqual([]);
    // At 200 % zoom the table still fits, every row's choice in view without scrolling sideways.
    await page.setViewportSize({ width: 400, height: 300 });
    const rows = dialog.locator('.import__rows');
    expect(await rows.evaluate((element) => element.scrollWidth - element.clientWidth)).toBeLessThanOrEqual(
      0,
    );
    // So it does with a section name of one long word (underscores do not break a line): the name
    // breaks instead.
    const long = 'customer_support_production_messaging_app_northern_region';
    await choose(page, 'credentials', CREDENTIALS.replace('[staging]', `[${long}]`));
    await expect(rowsOf(dialog).nth(1).getByRole('rowheader')).toHaveText(long);
    expect(await rows.evaluate((element) => element.scrollWidth - element.clientWidth)).toBeLessThanOrEqual(
      0,
    );
  });

  test('each row’s choice is shown whole, from 1280 × 800 to 200 % zoom', async () => {
    const { page } = app;
    await page.setViewportSize({ width: 1280, height: 800 });
    // Token URLs in the file: the endpoint column takes the width a select as wide as its cell
    // has no claim to ("Impor").
    const url = 'http://127.0.0.1:36341/v2/oauth/token';
    const dialog = await choose(
      page,
      'credentials',
      CREDENTIALS.replace(/^(client_secret = .*)$/gm, `$1\ntoken_url = ${url}`),
    );
    await expect(dialog.getByRole('status')).toContainText('3 found.');
    for (const [width, height] of [
      [1280, 800],
      [800, 600],
      [400, 300],
    ] as const) {
      await page.setViewportSize({ width, height });
      expect(await dialog.locator('tbody select').evaluateAll(choicesCut), `${width} × ${height}`).toEqual(
        [],
      );
    }
  });

  test('at 390 wide (a phone-sized window, or 780 at 200 % zoom) each row is a card, still a table', async () => {
    const { page } = app;
    await page.setViewportSize({ width: 390, height: 844 });
    // A row asking its question ("Choose…", the widest choice shown), a guessed endpoint and a
    // note: five columns side by side left the endpoint and the notes a letter wide.
    await page.getByRole('button', { name: 'New profile' }).click();
    await page.getByRole('textbox', { name: 'Profile name' }).fill('staging');
    await page.getByRole('textbox', { name: 'Client ID' }).fill('saved-client-id');
    await page.getByLabel('Client secret', { exact: true }).fill('saved-S3cret!');
    await page.getByRole('button', { name: 'Save to keychain' }).click();
    await expect(page.getByText('Saved “staging”; its secret is in the keychain.')).toBeVisible();
    const dialog = await choose(page, 'credentials', CREDENTIALS);
    await expect(dialog.getByRole('status')).toContainText('3 found.');
    const table = dialog.getByRole('table', { name: 'Profiles found' });
    await expect(table.getByRole('columnheader')).toHaveText([
      'Profile',
      'Client ID',
      'Endpoint',
      'Notes',
      'Choice',
    ]);
    await expect(table.getByRole('rowheader')).toHaveText(['default', 'staging', 'customer-b']);
    await expect(
      table
        .getByRole('row', { name: /^staging/ })
        .getByRole('cell')
        .nth(2),
    ).toHaveText('A saved profile has this name.');
    expect(await table.evaluate(wordsCutInTwo)).toEqual([]);
    expect(await dialog.locator('tbody select').evaluateAll(choicesCut)).toEqual([]);
    // Every choice inside the dialog, none cut off at its edge.
    const edge = await dialog.evaluate((element) => element.getBoundingClientRect().right);
    for (const box of await dialog
      .locator('tbody select')
      .evaluateAll((selects) => selects.map((select) => select.getBoundingClientRect().right)))
      expect(box).toBeLessThanOrEqual(edge - 16);
  });

  test('a .env file and a Postman environment go through the preview; a clashing name is asked about', async () => {
    const { page } = app;
    let dialog = await choose(
      page,
      'app.env',
      'TELSTRA_CLIENT_ID="env-client-id"\r\nTELSTRA_CLIENT_SECRET=\'env#secret\'\r\n',
    );
    await expect(dialog.getByRole('status')).toContainText('.env file: 1 found.');
    await expect(rowsOf(dialog).getByRole('rowheader')).toHaveText('app');
    await dialog.getByRole('button', { name: 'Import', exact: true }).focus();
    await page.keyboard.press('Enter');
    await expect(dialog.getByRole('status')).toContainText('1 of 1 imported');
    // The Import button goes with its preview: focus moves to Close, not to the page.
    await expect(dialog.getByRole('button', { name: 'Close' })).toBeFocused();
    await expect(profileList(page).getByRole('option', { name: /^app/ })).toBeVisible();

    const postman = {
      name: 'Telstra Messaging',
      values: [
        { key: 'client_id', value: 'postman-client-id', enabled: true },
        { key: 'client_secret', value: 'your-client-secret', enabled: true },
      ],
    };
    dialog = await choose(page, 'Telstra.postman_environment.json', JSON.stringify(postman));
    await expect(dialog.getByRole('status')).toContainText('Postman environment: 1 found.');
    // The pre-flight finding about a placeholder secret is in the row.
    await expect(rowsOf(dialog)).toContainText(/placeholder/i);
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await expect(profileList(page).getByRole('option', { name: /Telstra Messaging/ })).toBeVisible();

    // The same .env again, with another secret: "app" is taken, so it must be decided, not overwritten.
    dialog = await choose(
      page,
      'app.env',
      'TELSTRA_CLIENT_ID=env-client-id-2\nTELSTRA_CLIENT_SECRET=second-secret\n',
    );
    const choice = dialog.getByRole('combobox', { name: 'What to do with app' });
    await expect(choice).toHaveValue('');
    await expect(rowsOf(dialog)).toContainText('A saved profile has this name.');
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await expect(dialog.getByRole('alert')).toContainText('Choose what to do with “app”');
    await expect(choice).toBeFocused();
    const appId = (await savedIn(userDataDir)).profiles.find((p) => p.name === 'app')?.id ?? '';
    expect(await secretToolLookup(service, appId)).toBe('env#secret');

    // Rename: a profile of its own, the first one untouched.
    await choice.selectOption({ label: 'Import under a new name' });
    const rename = dialog.getByRole('textbox', { name: 'New name for app' });
    await expect(rename).toHaveValue('app (2)');
    await rename.fill('app second');
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await expect(dialog.getByRole('list', { name: 'Import results' })).toContainText('app second: Imported.');
    await expect(profileList(page).getByRole('option', { name: /app second/ })).toBeVisible();
    expect(await secretToolLookup(service, appId)).toBe('env#secret');

    // Replace, chosen explicitly: the saved "app" takes the file's client ID and secret.
    dialog = await choose(
      page,
      'app.env',
      'TELSTRA_CLIENT_ID=env-client-id-3\nTELSTRA_CLIENT_SECRET=third-secret\n',
    );
    await dialog.getByRole('combobox', { name: 'What to do with app' }).selectOption({
      label: 'Replace the saved profile',
    });
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await expect(dialog.getByRole('list', { name: 'Import results' })).toContainText(
      'app: Replaced the saved profile of this name.',
    );
    const saved = (await savedIn(userDataDir)).profiles;
    expect(saved.map((p) => p.name)).toEqual(['app', 'Telstra Messaging', 'app second']);
    expect(saved.find((p) => p.id === appId)?.clientId).toBe('env-client-id-3');
    expect(await secretToolLookup(service, appId)).toBe('third-secret');
    for (const secret of ['env#secret', 'second-secret', 'third-secret', 'your-client-secret']) {
      expect(await filesContaining(userDataDir, secret)).toEqual([]);
    }
  });

  test('a file within the size limit is read whatever its characters: tabs, other scripts, a binary file', async () => {
    const { page } = app;
    // A Postman environment of about 42,000 characters, indented with tabs (each written as two
    // characters by JSON), and a .env of 30,000 characters of a script UTF-8 writes in 3 bytes.
    const values = Array.from({ length: 300 }, (_, i) => ({
      key: `note_${i}`,
      value: 'x'.repeat(80),
      enabled: true,
    }));
    values.push(
      { key: 'client_id', value: 'postman-big-id-0001', enabled: true },
      { key: 'client_secret', value: 'postman-big-secret', enabled: true },
    );
    const postman = JSON.stringify({ name: 'Big', values }, null, '\t');
    expect(postman.length).toBeGreaterThan(40_000);
    expect(postman.length).toBeLessThan(48_000);
    let dialog = await choose(page, 'big.postman_environment.json', postman);
    await expect(dialog.getByRole('status')).toContainText('1 found');
    const wide = `# ${'漢'.repeat(30_000)}\nTELSTRA_CLIENT_ID=wide-id-0001\nTELSTRA_CLIENT_SECRET=wide-secret\n`;
    dialog = await choose(page, 'wide.env', wide);
    await expect(dialog.getByRole('status')).toContainText('1 found');
    // Binary, well under the size limit: said to be not text, not too large.
    dialog = await choose(
      page,
      'true.env',
      Buffer.from(Array.from({ length: 35_000 }, (_, i) => (i * 7) % 256)),
    );
    await expect(dialog.getByRole('alert')).toContainText('This file is not text');
    expect((await savedIn(userDataDir)).profiles).toEqual([]);
  });

  test('rows the file had no secret for are said to be imported without one, not with their secrets in the keychain', async () => {
    const { page } = app;
    let dialog = await choose(
      page,
      'credentials',
      '[with-secret]\nclient_id = ws-client-id-0001\nclient_secret = ws-S3cret!\n[no-secret]\nclient_id = ns-client-id-0002\n',
    );
    await expect(dialog.getByRole('status')).toContainText('2 found');
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await expect(dialog.getByRole('status')).toHaveText(
      '2 of 2 imported; 1 with its secret in the keychain only, 1 with no secret: type it in the form and save.',
    );
    dialog = await choose(page, 'credentials', '[alone]\nclient_id = alone-client-id-0003\n');
    await expect(dialog.getByRole('status')).toContainText('1 found');
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await expect(dialog.getByRole('status')).toHaveText(
      '1 of 1 imported, with no secret: type it in the form and save.',
    );
    await expect(profileList(page).getByRole('option', { name: /^alone secret missing/ })).toBeVisible();
  });

  test('hostile files get a clear message and write nothing; a dropped file works too', async () => {
    const { page } = app;
    // Opened from the keyboard, the dialog starts on its file input.
    await page.getByRole('button', { name: 'Import credentials…' }).focus();
    await page.keyboard.press('Enter');
    await expect(importDialog(page).getByLabel('Credentials file')).toBeFocused();
    let dialog = await choose(
      page,
      'photo.env',
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0x41, 0x3d]),
    );
    await expect(dialog.getByRole('alert')).toContainText('This file is not text');
    await expect(dialog.getByRole('alert')).toContainText('Nothing was imported.');
    await expect(dialog.getByRole('button', { name: 'Import', exact: true })).toHaveCount(0);

    dialog = await choose(page, 'deep.json', `{"values":${'['.repeat(5000)}${']'.repeat(5000)}}`);
    await expect(dialog.getByRole('alert')).toContainText('nested too deeply');
    await expect(dialog.getByRole('alert')).toContainText('Nothing was imported.');

    // Refused by its size before the page reads it.
    dialog = await choose(page, 'huge.env', Buffer.alloc(1_300_000, 'A'));
    await expect(dialog.getByRole('alert')).toHaveText(
      'This file is too large to be a credentials file (more than 320 KB). Nothing was imported.',
    );
    expect((await savedIn(userDataDir)).profiles).toEqual([]);

    // A token URL a text-direction control makes read as ending in Telstra's: the control is shown
    // as such, and the row says the URL holds an invisible character.
    dialog = await choose(
      page,
      'spoof.env',
      'TELSTRA_CLIENT_ID=spoof-id-0001\nTELSTRA_CLIENT_SECRET=spoof-secret\nTELSTRA_TOKEN_URL=https://evil.example/\u202enekot/htuao/2v/moc.artslet.ipa.stcudorp//:sptth\n',
    );
    await expect(rowsOf(dialog)).toContainText('https://evil.example/\ufffdnekot/htuao');
    await expect(rowsOf(dialog)).not.toContainText('\u202e');
    await expect(rowsOf(dialog)).toContainText(/token URL[^.]*invisible/);

    const drop = await page.evaluateHandle(() => {
      const data = new DataTransfer();
      data.items.add(
        new File(['[dropped]\nclient_id = dropped-id-0001\nclient_secret = dropped-secret\n'], 'credentials'),
      );
      return data;
    });
    await dialog.dispatchEvent('drop', { dataTransfer: drop });
    await expect(dialog.getByRole('status')).toContainText('1 found');
    await expect(dialog.getByRole('combobox', { name: 'What to do with dropped' })).toHaveValue('import');
    await dialog.screenshot({ path: test.info().outputPath('import-preview.png') });
  });
});
