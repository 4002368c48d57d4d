// Where keyboard focus goes around the window's questions and reveals: a confirmation keeps focus
// inside it and gives it back to what opened it; "Reveal secret" leaves focus on the revealed field.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { KEYRING_SKIP_REASON, requireTestKeyring, testService } from '../support/keyring';
import { expect, test, useSandbox } from './fixtures';

/** What has focus: its role-ish description, or "body" when focus was lost to the page. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const active = document.activeElement;
    if (!active || active === document.body) return 'body';
    const label = active.getAttribute('aria-label') ?? active.textContent?.trim() ?? '';
    return `${active.tagName.toLowerCase()}:${label || (active as HTMLInputElement).type}`;
  });

/**
 * Where a Tab from a modal dialog can go: an element of the dialog, or out of the page into the
 * browser's own controls (Chromium passes through them before wrapping around, so that the address
 * bar stays reachable), never an element of the page behind it.
 */
const focusStaysInDialog = (page: Page) =>
  page.evaluate(() => {
    const active = document.activeElement;
    if (active?.closest('dialog[open]')) return 'in the dialog';
    return document.hasFocus() ? `on the page: ${active?.outerHTML.slice(0, 80)}` : 'in the browser';
  });

/** Unsaved edits, then "New profile" from the keyboard: the question about discarding them. */
async function askToDiscard(page: Page) {
  await page.getByRole('textbox', { name: 'Client ID' }).fill('typed-not-saved');
  await page.getByRole('button', { name: 'New profile' }).focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('alertdialog', { name: 'Discard unsaved changes?' });
  await expect(dialog).toBeVisible();
  return dialog;
}

test('a confirmation is modal: focus starts on the safe choice and cannot leave it by Tab', async ({
  page,
}) => {
  const dialog = await askToDiscard(page);
  await expect(dialog.getByRole('button', { name: 'Keep editing' })).toBeFocused();
  expect(await page.evaluate(() => document.querySelector('dialog')?.matches(':modal'))).toBe(true);
  const seen = new Set<string>();
  for (const key of ['Tab', 'Tab', 'Tab', 'Tab', 'Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab']) {
    await page.keyboard.press(key);
    const where = await focusStaysInDialog(page);
    expect(where, key).not.toMatch(/^on the page/);
    if (where === 'in the dialog') seen.add(await focused(page));
  }
  expect(seen).toEqual(new Set(['button:Keep editing', 'button:Discard changes']));
  // Named, described, and nothing serious for axe-core while it is open.
  await expect(dialog).toHaveAccessibleDescription(/have not been saved/);
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  expect(
    violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id),
  ).toEqual([]);
});

test('Escape cancels a confirmation and gives focus back to the button that asked', async ({ page }) => {
  const dialog = await askToDiscard(page);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('button', { name: 'New profile' })).toBeFocused();
  await expect(page.getByRole('textbox', { name: 'Client ID' })).toHaveValue('typed-not-saved');
});

test('answering a confirmation also gives focus back to the button that asked', async ({ page }) => {
  const dialog = await askToDiscard(page);
  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('button', { name: 'Discard changes' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('textbox', { name: 'Client ID' })).toHaveValue('');
  await expect(page.getByRole('button', { name: 'New profile' })).toBeFocused();
});

test.describe('with a saved profile', () => {
  test.skip(!requireTestKeyring('focus after “Reveal secret”'), KEYRING_SKIP_REASON);
  test.use({ appOptions: { env: { TOKEN_TESTER_KEYCHAIN_SERVICE: testService() } } });

  test('“Reveal secret” hands focus to the field that now shows the secret, never to the page', async ({
    page,
  }) => {
    await useSandbox(page);
    await page.getByRole('textbox', { name: 'Profile name' }).fill('Reveal focus');
    await page.getByRole('button', { name: 'Save to keychain' }).click();
    await expect(page.getByText('Saved “Reveal focus”; its secret is in the keychain.')).toBeVisible();
    const secret = page.getByLabel('Client secret', { exact: true });
    await expect(secret).toHaveValue('');

    await page.getByRole('button', { name: 'Reveal secret' }).focus();
    await page.keyboard.press('Enter');
    await expect(secret).toHaveValue('sandbox-client-secret');
    await expect(page.getByRole('button', { name: 'Reveal secret' })).toHaveCount(0);
    await expect(secret).toBeFocused();
    expect(await focused(page)).not.toBe('body');
  });

  test('Save to keychain, Duplicate, Check Messaging access and closing “Check profiles” keep focus, never the page', async ({
    page,
  }) => {
    await useSandbox(page);
    await page.getByRole('textbox', { name: 'Profile name' }).fill('Keep focus');
    const save = page.getByRole('button', { name: 'Save to keychain' });
    await save.focus();
    await page.keyboard.press('Enter');
    await expect(page.getByText('Saved “Keep focus”; its secret is in the keychain.')).toBeVisible();
    await expect(save).toBeFocused();
    const duplicate = page.getByRole('button', { name: 'Duplicate' });
    await duplicate.focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('option', { name: /Keep focus \(copy\)/ })).toBeVisible();
    await expect(duplicate).toBeFocused();

    // A token, then its Messaging access checked from the keyboard.
    await page.getByRole('button', { name: 'Request token' }).click();
    await expect(page.getByRole('region', { name: 'Result' })).toContainText('Token received');
    const check = page.getByRole('button', { name: 'Check Messaging access' });
    await check.focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('region', { name: 'Messaging access' })).toContainText(
      'Messaging access confirmed',
    );
    await expect(check).toBeFocused();

    // "Check some…" opened and closed from the keyboard: focus back on the button that opened it.
    const some = page.getByRole('button', { name: 'Check some…' });
    await some.focus();
    await page.keyboard.press('Enter');
    const close = page.getByRole('region', { name: 'Check profiles' }).getByRole('button', { name: 'Close' });
    await close.focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('region', { name: 'Check profiles' })).toHaveCount(0);
    await expect(some).toBeFocused();
  });

  test('deleting a profile from its confirmation leaves focus in the window, not on the page', async ({
    page,
  }) => {
    await useSandbox(page);
    await page.getByRole('textbox', { name: 'Profile name' }).fill('Delete focus');
    await page.getByRole('button', { name: 'Save to keychain' }).click();
    await expect(page.getByText('Saved “Delete focus”; its secret is in the keychain.')).toBeVisible();
    await page.getByRole('button', { name: 'Delete profile' }).focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('alertdialog', { name: 'Delete “Delete focus”?' });
    await expect(dialog).toBeVisible();
    await page.keyboard.press('Tab');
    await expect(dialog.getByRole('button', { name: 'Delete' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByText('Deleted “Delete focus” and its secret.')).toBeVisible();
    // The button that asked is disabled now (there is no profile to delete): the main area has focus.
    await expect(page.getByRole('button', { name: 'Delete profile' })).toBeDisabled();
    await expect(page.getByRole('main')).toBeFocused();
  });
});

test('a request from the keyboard keeps focus: on Cancel while it runs, back on Request token after', async ({
  page,
}) => {
  await useSandbox(page, 'sandbox-slow');
  const request = page.getByRole('button', { name: 'Request token' });
  await request.focus();
  await page.keyboard.press('Enter');
  // The button it was on is disabled while the request runs: focus goes to Cancel, not the page.
  await expect.poll(() => focused(page)).toBe('button:Cancel');
  await page.keyboard.press('Enter');
  // Cancel is gone once the request has ended: focus goes back to where it started.
  await expect(page.getByRole('region', { name: 'Result' })).toContainText(/Cancelled/i);
  await expect.poll(() => focused(page)).toBe('button:Request token');
  // From there, a second request and its answer: focus is back on Request token once more.
  await page.keyboard.press('Enter');
  await expect.poll(() => focused(page)).toBe('button:Cancel');
  await expect(page.getByRole('region', { name: 'Result' })).toContainText('Token received', {
    timeout: 15_000,
  });
  await expect.poll(() => focused(page)).toBe('button:Request token');
});

test('Preferences, a popover: Escape closes it with focus back on its summary, and so does focus leaving it', async ({
  page,
}) => {
  const menu = page.locator('details.preferences');
  const summary = menu.locator('summary');
  const clipboard = page.getByRole('combobox', { name: 'Clear the clipboard after copying' });
  const open = async () => {
    await summary.focus();
    await page.keyboard.press('Enter');
    await expect(clipboard).toBeVisible();
  };
  // Escape from a control inside it, and from its summary.
  await open();
  await clipboard.focus();
  await page.keyboard.press('Escape');
  await expect(menu).not.toHaveAttribute('open');
  await expect(summary).toBeFocused();
  await open();
  await page.keyboard.press('Escape');
  await expect(menu).not.toHaveAttribute('open');
  await expect(summary).toBeFocused();

  // Tab past its last control: closed, focus where Tab took it.
  await open();
  const inside = await menu.locator('select, input').count();
  for (let i = 0; i < inside; i++) await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.closest('details')?.className)).toBe(
    'preferences',
  );
  await page.keyboard.press('Tab');
  await expect(menu).not.toHaveAttribute('open');
  await expect(clipboard).toBeHidden();
  expect(await focused(page)).not.toBe('body');

  // A click elsewhere in the window.
  await open();
  await page.getByRole('textbox', { name: 'Client ID' }).click();
  await expect(menu).not.toHaveAttribute('open');
  await expect(page.getByRole('textbox', { name: 'Client ID' })).toBeFocused();
});
