// The window's JavaScript budget counts what it loads by itself (test/support/bundle-size.ts); the
// on-demand parts are left out of it only because they are fetched when the user opens them. This
// checks that against a real window: the scripts it fetched at start and while idle are exactly the
// counted ones, and a part's chunk arrives when the part is opened, with a line while it is slow
// and a clear message when it cannot be fetched.
import type { Page } from '@playwright/test';
import { rendererBundleSize } from '../support/bundle-size';
import { expect, test } from './fixtures';

/** The app's scripts the page has fetched so far, as /assets/NAME.js (Resource Timing). */
const fetchedScripts = (page: Page) =>
  page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .map((entry) => new URL(entry.name).pathname)
      .filter((pathname) => /\/assets\/[^/]+\.js$/.test(pathname))
      .map((pathname) => pathname.slice(pathname.lastIndexOf('/assets/'))),
  );

/** Waits until the idle preload has fetched every script the window loads by itself. */
async function afterIdlePreload(page: Page, expected: readonly string[]) {
  await expect.poll(async () => (await fetchedScripts(page)).sort()).toEqual([...expected].sort());
  // One more idle period: anything else the window would fetch by itself has had its chance.
  await page.evaluate(() => new Promise((resolve) => requestIdleCallback(() => resolve(null))));
}

const chunkOf = (name: string) => {
  const chunk = rendererBundleSize().onDemand.find((part) => part.name === name);
  if (!chunk) throw new Error(`No on-demand part ${name}`);
  return chunk.file;
};

test('at start the window fetches exactly the scripts its budget counts; a part only when opened', async ({
  page,
}) => {
  const { jsFiles, onDemand } = rendererBundleSize();
  expect(onDemand.length).toBeGreaterThan(0);
  await afterIdlePreload(page, jsFiles);
  for (const part of onDemand) expect(await fetchedScripts(page)).not.toContain(part.file);

  await page.getByText('Preferences', { exact: true }).click();
  await expect(page.getByRole('combobox', { name: 'Clear the clipboard after copying' })).toBeVisible();
  expect(await fetchedScripts(page)).toContain(chunkOf('Preferences'));

  await page.getByRole('combobox', { name: 'Endpoint' }).selectOption({ label: 'Sandbox (offline)' });
  await expect(page.getByRole('button', { name: 'Use sandbox credentials' })).toBeVisible();
  expect(await fetchedScripts(page)).toContain(chunkOf('SandboxPanel'));
  // Nothing else came along.
  for (const part of onDemand.filter((p) => !['Preferences', 'SandboxPanel'].includes(p.name))) {
    expect(await fetchedScripts(page)).not.toContain(part.file);
  }
});

test('a part whose chunk is slow says it is loading, then shows', async ({ app, page }) => {
  test.skip(app.mode === 'electron', 'Playwright routes requests only where it drives the browser');
  await afterIdlePreload(page, rendererBundleSize().jsFiles);
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(`**${chunkOf('Preferences')}`, async (route) => {
    await held;
    await route.continue();
  });
  await page.getByText('Preferences', { exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Loading the preferences…' })).toBeVisible();
  release();
  await expect(page.getByRole('combobox', { name: 'Clear the clipboard after copying' })).toBeVisible();
  await expect(page.getByText('Loading the preferences…')).toHaveCount(0);
});

test('a part whose chunk cannot be fetched says so, and the window goes on working', async ({
  app,
  page,
}) => {
  test.skip(app.mode === 'electron', 'Playwright routes requests only where it drives the browser');
  await afterIdlePreload(page, rendererBundleSize().jsFiles);
  await page.route(`**${chunkOf('Preferences')}`, (route) => route.abort('failed'));
  await page.getByText('Preferences', { exact: true }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'The preferences could not be loaded' })).toHaveText(
    'The preferences could not be loaded: a file of the app is missing or could not be read. ' +
      'Nothing else is affected. Restart the app (in browser mode, reload the page) and try again.',
  );
  // The rest of the window is unaffected.
  await page.getByRole('textbox', { name: 'Client ID' }).fill('still-working');
  await expect(page.getByRole('textbox', { name: 'Client ID' })).toHaveValue('still-working');
});
