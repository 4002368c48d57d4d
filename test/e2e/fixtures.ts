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
  await page.getByRole('combobox', { name: 'Endpoint' }).selectOption({ label: 'Sandbox (offline)' });
  const panel = page.getByRole('region', { name: 'Sandbox credentials' });
  await panel.getByRole('button', { name: 'Use sandbox credentials' }).click();
  if (clientId !== undefined) await page.getByRole('textbox', { name: 'Client ID' }).fill(clientId);
}

export function result(page: Page) {
  return page.getByRole('region', { name: 'Result' });
}
