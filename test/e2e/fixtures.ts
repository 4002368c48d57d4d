import { test as base, expect, type Page } from '@playwright/test';
import { launchApp, type LaunchedApp, type LaunchOptions } from '../support/launch';

export const test = base.extend<{ appOptions: LaunchOptions; app: LaunchedApp; page: Page }>({
  appOptions: [{}, { option: true }],
  app: async ({ appOptions }, use) => {
    const app = await launchApp(appOptions);
    await use(app);
    await app.close();
  },
  page: async ({ app }, use) => {
    await use(app.page);
  },
});

export { expect };

/** Picks the sandbox and fills in its documented credentials, as a new user would. */
export async function useSandbox(page: Page, clientId?: string): Promise<void> {
  const endpoint = page.getByRole('combobox', { name: 'Endpoint' });
  await endpoint.selectOption({ label: 'Sandbox (offline)' });
  await expect(endpoint).toHaveValue('sandbox');
  const panel = page.getByRole('region', { name: 'Sandbox credentials' });
  // The panel names the credentials it fills in; a press that did not fill them fails here, named.
  const documented = (await panel.locator('code').first().textContent()) ?? '';
  await panel.getByRole('button', { name: 'Use sandbox credentials' }).click();
  const field = page.getByRole('textbox', { name: 'Client ID' });
  await expect(field).toHaveValue(documented);
  if (clientId !== undefined) await field.fill(clientId);
}

export function result(page: Page) {
  return page.getByRole('region', { name: 'Result' });
}
