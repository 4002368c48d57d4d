// axe-core's checks of the window, in both themes, at the first screen and with a result and the
// invalid_client checklist shown: nothing serious or critical; and a selected profile's lines.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { KEYRING_SKIP_REASON, requireTestKeyring, testService } from '../support/keyring';
import { expect, result, test, useSandbox } from './fixtures';

async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa']).analyze();
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
    );
}

for (const theme of ['light', 'dark'] as const) {
  test(`nothing serious in the ${theme} theme: first screen, a token, and a refusal explained`, async ({
    page,
  }) => {
    await page.emulateMedia({ colorScheme: theme });
    expect(await seriousViolations(page)).toEqual([]);

    await useSandbox(page);
    await page.getByRole('button', { name: 'Request token' }).click();
    await expect(result(page).getByRole('heading', { name: 'Token received' })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByLabel('Client secret', { exact: true }).fill('wrong ');
    await page.getByRole('button', { name: 'Request token' }).click();
    await expect(result(page).getByRole('heading', { name: 'Client authentication failed' })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
  });
}

test.describe('with a saved profile', () => {
  test.skip(!requireTestKeyring('axe-core on a selected profile'), KEYRING_SKIP_REASON);
  test.use({ appOptions: { env: { TOKEN_TESTER_KEYCHAIN_SERVICE: testService() } } });

  for (const theme of ['light', 'dark'] as const) {
    test(`the selected profile, with its tags, reads and contrasts well in the ${theme} theme`, async ({
      page,
    }) => {
      await page.emulateMedia({ colorScheme: theme });
      await useSandbox(page);
      await page.getByRole('textbox', { name: 'Profile name' }).fill('Good one');
      await page.getByRole('button', { name: 'Save to keychain' }).click();
      await expect(page.getByText('Saved “Good one”; its secret is in the keychain.')).toBeVisible();
      await page.getByRole('textbox', { name: 'Client ID' }).fill('edited');
      const option = page.getByRole('listbox', { name: 'Profiles' }).getByRole('option');
      await expect(option).toHaveAttribute('aria-selected', 'true');
      await expect(option).toHaveAccessibleName(/^Good one unsaved changes Sandbox/);
      const { violations } = await new AxeBuilder({ page })
        .include('[role="listbox"][aria-label="Profiles"]')
        .withTags(['wcag2a', 'wcag2aa', 'wcag21aa'])
        .analyze();
      expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual(
        [],
      );
    });
  }

  test('the folded list’s toggle is named by its count alone: its arrow is drawn, not read', async ({
    page,
  }) => {
    await page.setViewportSize({ width: 700, height: 800 });
    await useSandbox(page);
    await page.getByRole('textbox', { name: 'Profile name' }).fill('Folded');
    await page.getByRole('button', { name: 'Save to keychain' }).click();
    await expect(page.getByText('Saved “Folded”; its secret is in the keychain.')).toBeVisible();
    const toggle = page.getByRole('button', { name: /^1 saved/ });
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await expect(toggle).toHaveAccessibleName('1 saved');
    await toggle.focus();
    await page.keyboard.press('Enter');
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
    await expect(toggle).toHaveAccessibleName('1 saved');
  });
});
