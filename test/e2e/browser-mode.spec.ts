// What only browser mode has: the notice of what differs, and Ctrl-C in the terminal cleaning up
// what the app copied while the page is still open.
import { expect, result, test, useSandbox } from './fixtures';

test('says once, out of the way (one line until opened), what differs from the desktop app', async ({
  app,
  page,
}) => {
  test.skip(app.mode !== 'browser', 'browser mode only');
  const notice = page.getByRole('complementary', { name: 'Browser mode' });
  await expect(notice).toBeVisible();
  // One line until opened, so the form stays where it was.
  await expect(notice.getByText('Browser extensions can read what you type')).toBeHidden();
  await notice.getByText('Browser mode: what differs from the desktop app').click();
  await expect(notice.getByText('Browser extensions can read what you type')).toBeVisible();
  await notice.getByText('Browser mode: what differs from the desktop app').click();
  await expect(notice.getByText('Browser extensions can read what you type')).toBeHidden();
});

test('Ctrl-C in the terminal clears the token the app copied', async ({ app, page }) => {
  test.skip(app.mode !== 'browser', 'browser mode only');
  await useSandbox(page);
  await page.getByRole('button', { name: 'Request token' }).click();
  await result(page).getByRole('button', { name: 'Copy token' }).click();
  await expect.poll(() => app.readClipboard()).toMatch(/^[\w-]{20,}$/);
  await app.interrupt?.();
  await expect.poll(() => app.readClipboard()).toBe('');
});

test('Ctrl-C leaves alone what the user copied since', async ({ app, page }) => {
  test.skip(app.mode !== 'browser', 'browser mode only');
  await useSandbox(page);
  await page.getByRole('button', { name: 'Request token' }).click();
  await result(page).getByRole('button', { name: 'Copy token' }).click();
  await expect.poll(() => app.readClipboard()).toMatch(/^[\w-]{20,}$/);
  await app.writeClipboard('the user’s own note');
  await app.interrupt?.();
  // The page heard the stop (its stream ended) before this check.
  await expect
    .poll(() =>
      page.evaluate(() =>
        fetch('/').then(
          () => 'up',
          () => 'down',
        ),
      ),
    )
    .toBe('down');
  expect(await app.readClipboard()).toBe('the user’s own note');
});
