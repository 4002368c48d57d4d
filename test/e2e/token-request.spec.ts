// The foundation end to end: request a token, watch it count down, and see every documented
// failure explained.
import { screenshotPath } from '../support/launch';
import { closedPort } from '../support/servers';
import { expect, result, test, useSandbox } from './fixtures';

test('a new user gets a sandbox token and watches it count down', async ({ page }) => {
  await useSandbox(page);
  await expect(page.getByRole('textbox', { name: 'Token URL' })).toHaveValue(
    /^http:\/\/127\.0\.0\.1:\d+\/v2\/oauth\/token$/,
  );
  await page.getByRole('button', { name: 'Request token' }).click();

  const outcome = result(page);
  await expect(outcome.getByRole('heading', { name: 'Token received' })).toBeVisible();
  await expect(outcome.getByText('HTTP 200 OK', { exact: true })).toBeVisible();
  await expect(outcome.getByText(/^\d+ ms$/)).toBeVisible();
  // What a screen reader is told: the answer's own sentence, from the main side (app/spoken-result.ts).
  await expect(outcome.getByRole('status').filter({ hasText: 'Token received' })).toHaveText(
    'Token received (HTTP 200), expires in 60 minutes.',
  );
  const timer = outcome.getByRole('timer');
  await expect(timer).toHaveText(/^59:5\d$/);
  const first = await timer.textContent();
  await expect(timer).not.toHaveText(first ?? '', { timeout: 3000 });
  await expect(outcome.getByText('Bearer', { exact: true })).toBeVisible();
  // The README's screenshot is this moment of the real UI.
  await page.screenshot({ path: screenshotPath('token-received.png') });
});

test('the token is masked until revealed, and Copy token copies it through the main process', async ({
  app,
  page,
}) => {
  await useSandbox(page);
  await page.keyboard.press('Control+Enter');
  const outcome = result(page);
  const token = outcome.getByLabel('Access token');
  await expect(token).toHaveText(/^•+$/);
  await outcome.getByRole('button', { name: 'Copy token' }).click();
  await expect(outcome.getByText('Token copied to the clipboard.')).toBeVisible();
  await outcome.getByRole('button', { name: 'Show token' }).click();
  const shown = (await token.textContent()) ?? '';
  expect(shown).toMatch(/^[\w-]{20,}$/);
  expect(await app.readClipboard()).toBe(shown);
});

const documented = [
  {
    name: 'a wrong secret',
    clientId: 'sandbox-client-id',
    secret: 'wrong',
    heading: 'Client authentication failed',
    code: 'invalid_client',
  },
  {
    name: 'a service outage',
    clientId: 'sandbox-503',
    heading: 'Service unavailable (503)',
    status: 'HTTP 503 Service Unavailable',
  },
  {
    name: 'an internal error',
    clientId: 'sandbox-500',
    heading: 'Server error (500)',
    status: 'HTTP 500 Internal Server Error',
  },
  {
    name: 'the SpikeArrest quota',
    clientId: 'sandbox-403',
    heading: 'Forbidden (403)',
    code: 'policies.ratelimit.SpikeArrestViolation',
  },
  {
    name: 'rate limiting',
    clientId: 'sandbox-429',
    heading: 'Too many requests (429)',
    detail: /wait 30 seconds/,
  },
  {
    name: 'a proxy page',
    clientId: 'sandbox-502',
    heading: 'Bad gateway (502)',
    status: 'HTTP 502 Bad Gateway',
  },
] as const;

for (const c of documented) {
  test(`explains ${c.name}`, async ({ page }) => {
    await useSandbox(page, c.clientId);
    if ('secret' in c) await page.getByLabel('Client secret', { exact: true }).fill(c.secret);
    await page.getByRole('button', { name: 'Request token' }).click();
    const outcome = result(page);
    await expect(outcome.getByRole('heading', { name: c.heading })).toBeVisible();
    await expect(outcome.getByRole('heading', { name: 'What to try' })).toBeVisible();
    if (c.clientId === 'sandbox-client-id')
      await page.screenshot({ path: screenshotPath('invalid-client.png') });
    if ('code' in c) await expect(outcome.getByText(c.code, { exact: true })).toBeVisible();
    if ('status' in c) await expect(outcome.getByText(c.status, { exact: true })).toBeVisible();
    if ('detail' in c) await expect(outcome.getByText(c.detail)).toBeVisible();
  });
}

test('explains an unsupported grant type and an invalid scope', async ({ page }) => {
  await useSandbox(page);
  await page.getByRole('textbox', { name: 'Grant type' }).fill('password');
  await page.getByRole('button', { name: 'Request token' }).click();
  await expect(result(page).getByRole('heading', { name: 'Unsupported grant type' })).toBeVisible();
  await page.getByRole('textbox', { name: 'Grant type' }).fill('client_credentials');
  await page.getByRole('textbox', { name: 'Scope' }).fill('messaging:write');
  await page.getByRole('button', { name: 'Request token' }).click();
  await expect(result(page).getByRole('heading', { name: 'Invalid scope' })).toBeVisible();
});

test('shows a proxy’s HTML page as text, never as HTML', async ({ page }) => {
  await useSandbox(page, 'sandbox-502');
  await page.getByRole('button', { name: 'Request token' }).click();
  const outcome = result(page);
  await outcome.getByText('Raw response').click();
  await expect(outcome.locator('pre')).toContainText('<h1>Bad Gateway</h1>');
  await expect(outcome.locator('h1', { hasText: 'Bad Gateway' })).toHaveCount(0);
});

test('explains a 404 and a refused connection on a custom URL', async ({ page }) => {
  await useSandbox(page);
  const url = page.getByRole('textbox', { name: 'Token URL' });
  const sandboxUrl = await url.inputValue();
  await url.fill(sandboxUrl.replace('/v2/oauth/token', '/v9/oauth/token'));
  await expect(page.getByRole('combobox', { name: 'Endpoint' })).toHaveValue('custom');
  await page.getByRole('button', { name: 'Request token' }).click();
  await expect(result(page).getByRole('heading', { name: 'Not found (404)' })).toBeVisible();

  await url.fill(`http://127.0.0.1:${await closedPort()}/v2/oauth/token`);
  await page.getByRole('button', { name: 'Request token' }).click();
  await expect(result(page).getByRole('heading', { name: 'Connection refused' })).toBeVisible();
  await expect(result(page).getByText('ECONNREFUSED', { exact: true })).toBeVisible();
});

test('refuses plain http to a remote host without sending anything', async ({ page }) => {
  await page.getByRole('combobox', { name: 'Endpoint' }).selectOption('custom');
  await page.getByRole('textbox', { name: 'Token URL' }).fill('http://tapi.telstra.com/v2/oauth/token');
  await page.getByRole('textbox', { name: 'Client ID' }).fill('id');
  await page.getByLabel('Client secret', { exact: true }).fill('secret');
  await page.getByRole('button', { name: 'Request token' }).click();
  await expect(result(page).getByRole('heading', { name: 'Request not sent' })).toBeVisible();
  await expect(result(page).getByText(/unencrypted/)).toBeVisible();
});

test('Cancel stops a slow request', async ({ page }) => {
  await useSandbox(page, 'sandbox-slow');
  await page.getByRole('button', { name: 'Request token' }).click();
  await expect(page.getByRole('progressbar', { name: 'Request in progress' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Request token' })).toBeDisabled();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(result(page).getByRole('heading', { name: 'Cancelled' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Request token' })).toBeEnabled();
});

test.describe('with a short deadline', () => {
  test.use({ appOptions: { env: { TOKEN_TESTER_TIMEOUT_MS: '1500' } } });

  test('a server that never answers times out with an explanation', async ({ page }) => {
    await useSandbox(page, 'sandbox-timeout');
    await page.getByRole('button', { name: 'Request token' }).click();
    await expect(result(page).getByRole('heading', { name: 'No complete answer in time' })).toBeVisible();
    await expect(result(page).getByText('No HTTP status')).toBeVisible();
  });
});
