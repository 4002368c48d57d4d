// axe-core's checks of the window, in both themes, at the first screen and with a result and the
// invalid_client checklist shown: nothing serious or critical.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
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
