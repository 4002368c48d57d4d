// "Check Messaging access" through the window, against the sandbox: access confirmed for the
// normal client, and the practice client IDs' verdicts, explained by the main side.
import { expect, result, test, useSandbox } from './fixtures';

test('the sandbox’s normal client: access confirmed, with the count of virtual numbers', async ({ page }) => {
  await useSandbox(page);
  await page.getByRole('button', { name: 'Request token' }).click();
  const outcome = result(page);
  await expect(outcome.getByRole('heading', { name: 'Token received' })).toBeVisible();
  await outcome.getByRole('button', { name: 'Check Messaging access' }).click();
  const access = outcome.getByRole('region', { name: 'Messaging access' });
  await expect(access.getByRole('heading', { name: 'Messaging access confirmed' })).toBeVisible();
  await expect(access.getByText('The account has 2 virtual numbers.')).toBeVisible();
});

test('checked from the keyboard, the button’s focus ring stays clear of the verdict under it', async ({
  page,
}) => {
  await useSandbox(page);
  await page.getByRole('button', { name: 'Request token' }).click();
  const outcome = result(page);
  const check = outcome.getByRole('button', { name: 'Check Messaging access' });
  await check.focus();
  await page.keyboard.press('Enter');
  const verdict = outcome
    .getByRole('region', { name: 'Messaging access' })
    .getByRole('heading', { name: 'Messaging access confirmed' });
  await expect(verdict).toBeVisible();
  await expect(check).toBeFocused();
  // The ring is drawn outside the button (its width and its offset): none of it over the heading.
  const ring = await check.evaluate((button) => {
    const style = getComputedStyle(button);
    return (parseFloat(style.outlineWidth) || 0) + (parseFloat(style.outlineOffset) || 0);
  });
  const button = await check.boundingBox();
  const heading = await verdict.boundingBox();
  expect(ring).toBeGreaterThan(0);
  expect((heading?.y ?? 0) - ((button?.y ?? 0) + (button?.height ?? 0))).toBeGreaterThanOrEqual(ring);
});

for (const [clientId, title, detail] of [
  [
    'sandbox-no-messaging',
    'Key not set up for Messaging',
    /Issue: Check you've registered for the Messaging API/,
  ],
  [
    'sandbox-no-scope',
    'Scope missing',
    /This call needs virtual-numbers:read: it was not requested, and it was not granted/,
  ],
  ['sandbox-messaging-429', 'Messaging rate limit', /wait 30 seconds/],
] as const) {
  test(`${clientId}: “${title}”`, async ({ page }) => {
    await useSandbox(page, clientId);
    await page.getByRole('button', { name: 'Request token' }).click();
    const outcome = result(page);
    await outcome.getByRole('button', { name: 'Check Messaging access' }).click();
    const access = outcome.getByRole('region', { name: 'Messaging access' });
    await expect(access.getByRole('heading', { name: title })).toBeVisible();
    await expect(access.getByText(detail)).toBeVisible();
    if (clientId === 'sandbox-messaging-429') {
      // The Retry-After countdown is live.
      const timer = access.getByRole('timer');
      await expect(timer).toHaveText(/^Try again in (29|30) s$/);
      await expect(timer).toHaveText(/^Try again in 2[0-8] s$/, { timeout: 5000 });
    }
  });
}
