// Answers that land after the user has moved on: "Clear history" answered after a new attempt was
// listed.
// Browser mode: the page's calls are sent over HTTP (its socket refused), and the one under test is
// held by the test until it lets it go.
import type { Page } from '@playwright/test';
import { expect, result, test, useSandbox } from './fixtures';

/** Every call over HTTP, where the test can hold one: the page's socket is refused. */
async function callsOverHttp(page: Page) {
  await page.routeWebSocket(/\/api\/socket$/, (ws) => void ws.close({ code: 1011, reason: 'refused' }));
  await page.reload();
}

test('an attempt answered while “Clear history” is on its way stays listed once the clear is done', async ({
  app,
  page,
}) => {
  test.skip(app.mode !== 'browser', 'browser mode only (a call held on its way)');
  await callsOverHttp(page);
  await useSandbox(page, 'sandbox-503');
  const request = page.getByRole('button', { name: 'Request token' });
  const history = page.getByRole('listbox', { name: 'History' });
  await request.click();
  await expect(history.getByRole('option', { name: /HTTP 503/ })).toHaveCount(1);

  // The clear reaches the main side and is done there; its answer is held on the way back.
  let cleared!: (answer: () => Promise<void>) => void;
  const done = new Promise<() => Promise<void>>((resolve) => (cleared = resolve));
  await page.route(/\/api\/history%3Aclear$/, async (route) => {
    const response = await route.fetch();
    cleared(() => route.fulfill({ response }));
  });
  await page.getByRole('button', { name: 'Clear history' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Clear history' }).click();
  const answer = await done;
  // A new attempt, answered and listed (the cleared one gone) before the clear's answer is back.
  await useSandbox(page);
  await request.click();
  await expect(result(page).getByRole('heading', { name: 'Token received' })).toBeVisible();
  await expect(history.getByRole('option', { name: /HTTP 503/ })).toHaveCount(0);
  await expect(history.getByRole('option', { name: /HTTP 200/ })).toHaveCount(1);
  // Told the clear is done, the window either empties its list (as it did) or lists again.
  const listed = page.waitForResponse(/\/api\/history%3Alist$/).catch(() => null);
  await answer();
  await Promise.race([listed, expect(history.getByRole('option')).toHaveCount(0)]);
  await expect(history.getByRole('option', { name: /HTTP 200/ })).toHaveCount(1);
  // As a fresh page lists it: the store kept that attempt.
  await page.reload();
  await expect(page.getByRole('listbox', { name: 'History' }).getByRole('option')).toHaveCount(1);
});
