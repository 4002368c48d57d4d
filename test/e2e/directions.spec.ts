// Users are anywhere: the window in another language's formats and another time zone, and text
// that reads right to left, still draws each piece of its lines in the order it is read.
import type { Locator } from '@playwright/test';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launchApp } from '../support/launch';
import { expect, result, test, useSandbox } from './fixtures';

/**
 * Where each of `parts` is drawn (the middle of its box, in pixels from the left), each found in
 * the element's text after the one before it.
 */
function drawnAt(element: Locator, parts: readonly string[]): Promise<number[]> {
  return element.evaluate((root, wanted) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    const nodes: Array<{ node: Text; start: number }> = [];
    let text = '';
    for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
      nodes.push({ node: node as Text, start: text.length });
      text += node.nodeValue ?? '';
    }
    const at = (index: number) => {
      const found = nodes.findLast((entry) => entry.start <= index)!;
      return [found.node, index - found.start] as const;
    };
    let from = 0;
    return wanted.map((part) => {
      const start = text.indexOf(part, from);
      if (start < 0) throw new Error(`"${part}" is not in "${text}" after ${from}`);
      from = start + part.length;
      const range = document.createRange();
      range.setStart(...at(start));
      range.setEnd(...at(from - 1));
      range.setEnd(range.endContainer, range.endOffset + 1);
      const box = range.getBoundingClientRect();
      return box.left + box.width / 2;
    });
  }, parts);
}

/** Drawn one after another in one direction: left to right, or right to left. */
const inOrder = (xs: readonly number[]) =>
  xs.every((x, i) => i === 0 || x > xs[i - 1]!) || xs.every((x, i) => i === 0 || x < xs[i - 1]!);

/** A time's numbers as they are read: the date's one by one, then the time of day as one. */
const timeParts = (text: string) => text.match(/\d+(?::\d+)+|\d+/g) ?? [];

test.describe('in Arabic, on Lord Howe Island (UTC+10:30 or +11)', () => {
  test.use({ appOptions: { locale: 'ar', timezoneId: 'Australia/Lord_Howe' } });

  test("a token's times and the history's are drawn in the order they are read", async ({ page }) => {
    await useSandbox(page);
    await page.getByRole('button', { name: 'Request token' }).click();
    await expect(result(page).getByRole('heading', { name: 'Token received' })).toBeVisible();
    const times = [
      result(page).locator('dt:text-is("Issued") + dd'),
      result(page).locator('dt:text-is("Expires") + dd'),
      page.getByRole('listbox', { name: 'History' }).locator('.history__when'),
    ];
    for (const time of times) {
      const text = (await time.textContent()) ?? '';
      // Arabic's own format, right-to-left marks and all ("04‏/12‏/2026، 12:11:15 ص").
      expect(text).toMatch(/[\u0600-\u06ff]/);
      const parts = timeParts(text);
      expect(parts).toHaveLength(4);
      expect(inOrder(await drawnAt(time, parts)), `${text} as drawn`).toBe(true);
    }
  });
});

test("a profile's name in Hebrew or Arabic keeps to itself, and a server's error: what follows reads on", async () => {
  const userDataDir = await mkdtemp(path.join(tmpdir(), 'token-tester-directions-'));
  // Each row's name and the OAuth error code its server sent (any text: a server's own words).
  const rows = [
    { profileName: 'חשבון ראשי 2', error: null },
    { profileName: 'حساب الإنتاج', error: null },
    { profileName: 'Prod', error: 'خطأ في المصادقة' },
  ];
  const entries = rows.map(({ profileName, error }, i) => ({
    id: `rtl-${i}`,
    at: Date.now() - i * 60_000,
    profileName,
    host: '127.0.0.1:4000',
    preset: 'custom',
    outcome: error === null ? 'token-received' : 'http:4xx',
    ok: error === null,
    status: error === null ? 200 : 401,
    error,
    durationMs: 26,
  }));
  await writeFile(path.join(userDataDir, 'history.json'), JSON.stringify({ version: 1, entries }));
  const app = await launchApp({ userDataDir });
  try {
    const list = app.page.getByRole('listbox', { name: 'History' });
    for (const { profileName, error } of rows) {
      const read = [profileName, '127.0.0.1:4000', ...(error === null ? [] : [error])];
      const escaped = read.map((part) => part.replace(/[.]/g, '\\.')).join(' · ');
      const row = list.getByRole('option', { name: new RegExp(`${escaped} · 26 ms$`) });
      await expect(row).toBeVisible();
      const where = row.locator('.history__where');
      const parts = [...read, '26', 'ms'];
      // Left to right as read: the name (right to left within), the address, the server's error
      // (right to left within), then the time.
      const xs = await drawnAt(where, parts);
      expect(
        xs.every((x, i) => i === 0 || x > xs[i - 1]!),
        `${parts.join(' | ')} drawn at ${xs.map(Math.round).join(', ')}`,
      ).toBe(true);
    }
  } finally {
    await app.close();
    await rm(userDataDir, { recursive: true, force: true });
  }
});
