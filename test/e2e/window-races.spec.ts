// Answers that land after the user has moved on: a profile's "Reveal secret" or "Save to keychain"
// answered once another profile is chosen; "Clear history" answered after a new attempt was listed.
// Browser mode: the page's calls are sent over HTTP (its socket refused), and the one under test is
// held by the test until it lets it go.
import type { Page, Route } from '@playwright/test';
import { KEYRING_SKIP_REASON, requireTestKeyring } from '../support/keyring';
import { expect, result, test, useSandbox } from './fixtures';

/** Every call over HTTP, where the test can hold one: the page's socket is refused. */
async function callsOverHttp(page: Page) {
  await page.routeWebSocket(/\/api\/socket$/, (ws) => void ws.close({ code: 1011, reason: 'refused' }));
  await page.reload();
}

/** The next call on `channel` is held: `sent` once it is sent, `release` lets it go on. */
async function holdNext(page: Page, channel: string) {
  let reached!: (route: Route) => void;
  const sent = new Promise<Route>((resolve) => (reached = resolve));
  let first = true;
  await page.route(new RegExp(`/api/${encodeURIComponent(channel)}$`), (route) => {
    if (!first) return route.continue();
    first = false;
    reached(route);
  });
  return { sent, release: async () => (await sent).continue() };
}

async function saveProfile(page: Page, name: string, clientId: string, secret: string) {
  await page.getByRole('button', { name: 'New profile' }).click();
  await page.getByRole('textbox', { name: 'Client ID' }).fill(clientId);
  await page.getByLabel('Client secret', { exact: true }).fill(secret);
  await page.getByRole('textbox', { name: 'Profile name' }).fill(name);
  await page.getByRole('button', { name: 'Save to keychain' }).click();
  await expect(page.getByText(`Saved “${name}”; its secret is in the keychain.`)).toBeVisible();
}

/** Browser mode, calls over HTTP, and two saved profiles, Alpha and Beta (real keychain). */
async function alphaAndBeta(mode: string, page: Page) {
  test.skip(mode !== 'browser', 'browser mode only (a call held on its way)');
  test.skip(!requireTestKeyring('a profile’s answer landing late'), KEYRING_SKIP_REASON);
  await callsOverHttp(page);
  await saveProfile(page, 'Alpha', 'alpha-client', 'alpha-secret-1234');
  await saveProfile(page, 'Beta', 'beta-client', 'beta-secret-5678');
}

const option = (page: Page, name: string) =>
  page.getByRole('listbox', { name: 'Profiles' }).getByRole('option', { name: new RegExp(name) });

test('a secret revealed after another profile is chosen is not put in that profile’s form', async ({
  app,
  page,
}) => {
  await alphaAndBeta(app.mode, page);
  await option(page, 'Alpha').click();
  await expect(page.getByRole('textbox', { name: 'Client ID' })).toHaveValue('alpha-client');

  const reveal = await holdNext(page, 'profiles:reveal-secret');
  await page.getByRole('button', { name: 'Reveal secret' }).click();
  await reveal.sent;
  await option(page, 'Beta').click();
  await expect(page.getByRole('textbox', { name: 'Client ID' })).toHaveValue('beta-client');
  await reveal.release();
  // The reveal is answered (the editor no longer busy): Beta's form then still holds no secret.
  await expect(page.getByRole('button', { name: 'Save to keychain' })).toHaveAttribute(
    'aria-disabled',
    'false',
  );
  await expect(page.getByLabel('Client secret', { exact: true })).toHaveValue('');
  await expect(option(page, 'Beta')).toHaveAttribute('aria-selected', 'true');
});

test('a save answered after another profile is chosen leaves that profile’s form as it is', async ({
  app,
  page,
}) => {
  await alphaAndBeta(app.mode, page);
  await option(page, 'Alpha').click();
  await page.getByRole('textbox', { name: 'Scope' }).fill('NSMS MMS');

  const save = await holdNext(page, 'profiles:save');
  await page.getByRole('button', { name: 'Save to keychain' }).click();
  await save.sent;
  await option(page, 'Beta').click();
  await page.getByRole('button', { name: 'Discard changes' }).click();
  await expect(page.getByRole('textbox', { name: 'Client ID' })).toHaveValue('beta-client');
  await save.release();
  await expect(page.getByText('Saved “Alpha”.')).toBeVisible();
  // Beta's form, as Beta: selected in the list, nothing unsaved, its own secret used.
  await expect(option(page, 'Beta')).toHaveAttribute('aria-selected', 'true');
  await expect(option(page, 'Alpha')).toHaveAttribute('aria-selected', 'false');
  await expect(page.getByRole('textbox', { name: 'Client ID' })).toHaveValue('beta-client');
  await expect(page.getByRole('textbox', { name: 'Profile name' })).toHaveValue('Beta');
});

test('a delete answered after another profile is chosen leaves that profile’s form as it is', async ({
  app,
  page,
}) => {
  await alphaAndBeta(app.mode, page);
  await option(page, 'Alpha').click();

  const remove = await holdNext(page, 'profiles:delete');
  await page.getByRole('button', { name: 'Delete' }).click();
  await page.getByRole('button', { name: 'Delete', exact: true }).last().click();
  await remove.sent;
  await option(page, 'Beta').click();
  await page.getByRole('textbox', { name: 'Scope' }).fill('NSMS MMS');
  await remove.release();
  await expect(page.getByText('Deleted “Alpha” and its secret.')).toBeVisible();
  // Beta's form, unsaved edit and all: not emptied as the deleted profile's was.
  await expect(page.getByRole('textbox', { name: 'Profile name' })).toHaveValue('Beta');
  await expect(page.getByRole('textbox', { name: 'Scope' })).toHaveValue('NSMS MMS');
  await expect(option(page, 'Beta')).toHaveAttribute('aria-selected', 'true');
});

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
