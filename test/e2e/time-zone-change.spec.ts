// The computer's time zone changes while the window is open (travel, a zone set right): the
// times the window shows next are in the new zone. Found: the formats were made once, when the
// window loaded, and kept the old zone (with nothing on screen to say which), so a token received
// after the change said it was issued and expires hours off the computer's clock. The change is
// made as Chromium makes it for the system's (DevTools' time zone override, mid-session).
import type { Locator, Page } from '@playwright/test';
import { expect, result, test, useSandbox } from './fixtures';

/** Kathmandu's offset has 45 minutes in it: a time in any whole-hour zone reads apart from it. */
const ZONE = 'Asia/Kathmandu';

/** What `time` shows, and each way the new zone says the seconds from `from` to `to` in its format. */
async function shownAndExpected(
  page: Page,
  time: Locator,
  from: number,
  to: number,
  style: 'short' | 'medium',
) {
  const shown = (await time.textContent()) ?? '';
  const expected = await page.evaluate(
    ({ from, to, style, zone }) => {
      const format = new Intl.DateTimeFormat(undefined, {
        dateStyle: style,
        timeStyle: 'medium',
        timeZone: zone,
      });
      const all: string[] = [];
      for (let at = Math.floor(from / 1000) * 1000; at <= to; at += 1000) all.push(format.format(at));
      return all;
    },
    { from, to, style, zone: ZONE },
  );
  return { shown, expected };
}

test("a token received after the time zone changed: its times and the history's, in the new zone", async ({
  page,
}) => {
  await useSandbox(page);
  // The window has loaded (and drawn a result once) in the zone it started in.
  await page.getByRole('button', { name: 'Request token' }).click();
  await expect(result(page).getByRole('heading', { name: 'Token received' })).toBeVisible();

  const session = await page.context().newCDPSession(page);
  await session.send('Emulation.setTimezoneOverride', { timezoneId: ZONE });
  // The page's own dates follow at once (as they do a system change): UTC+05:45.
  expect(await page.evaluate(() => new Date().getTimezoneOffset())).toBe(-345);

  const from = Date.now();
  await page.getByRole('button', { name: 'Request token' }).click();
  const history = page.getByRole('listbox', { name: 'History' }).locator('.history__when');
  await expect(history).toHaveCount(2);
  const to = Date.now();
  const issued = await shownAndExpected(
    page,
    result(page).locator('dt:text-is("Issued") + dd'),
    from,
    to,
    'medium',
  );
  expect(issued.expected, `Issued: ${issued.shown}`).toContain(issued.shown);
  const listed = await shownAndExpected(page, history.first(), from, to, 'short');
  expect(listed.expected, `History: ${listed.shown}`).toContain(listed.shown);
});
