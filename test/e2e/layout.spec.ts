// Issue 19: the whole job on the first screen, at every window size. Checked by the boxes the
// browser lays out, in both colour themes: the form's fields and "Request token" inside the
// viewport on first open, nothing wider than the page, no text spilling out of its box, one scroll
// per column, and the result's heading brought into view after a request.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { PRESETS, V2_RETIRED_NOTE, V3_SCOPE } from '../../app/endpoints';
import { IPC_CHANNELS } from '../../app/ipc-contract';
import { KEYRING_SKIP_REASON, requireTestKeyring, testService } from '../support/keyring';
import { electronBinary, launchApp, type LaunchedApp } from '../support/launch';
import { sendJson, startServer, type TestServer } from '../support/servers';
import { wordsCutInTwo } from '../support/words-cut';
import { expect, result, test, useSandbox } from './fixtures';
import {
  layoutProblems,
  NO_PROBLEMS,
  outsideViewport,
  scrollAllToTop,
  seedUserData,
  SIZES,
  THEME_BACKGROUND,
  THEMES,
} from './layout-probe';

// Without a keychain the window opens with a warning above the form; the layout is judged as a
// user with a working keychain first sees it.
test.skip(!requireTestKeyring('the layout at every window size'), KEYRING_SKIP_REASON);

/** The app on a fresh user-data folder holding the given saved profiles and history. */
async function openWith(
  seed: { profiles: number; history: number },
  size: { width: number; height: number },
  theme: (typeof THEMES)[number],
): Promise<{ app: LaunchedApp; page: Page; done: () => Promise<void> }> {
  const userDataDir = await mkdtemp(path.join(tmpdir(), 'token-tester-layout-'));
  await seedUserData(userDataDir, seed);
  const app = await launchApp({ userDataDir, env: { TOKEN_TESTER_KEYCHAIN_SERVICE: testService() } });
  const { page } = app;
  await page.emulateMedia({ colorScheme: theme });
  await page.setViewportSize(size);
  await expect(page.locator('body')).toHaveCSS('background-color', THEME_BACKGROUND[theme]);
  // Seeded profiles are listed (folded away or not) before anything is measured.
  await expect(page.locator('[role=option][id^=profile-]')).toHaveCount(seed.profiles);
  return {
    app,
    page,
    done: async () => {
      await app.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

/** The job's controls on first open: each inside the viewport, named in any failure. */
async function firstScreenMisses(page: Page, { v2 = true } = {}): Promise<Record<string, string>> {
  const job = {
    Endpoint: page.getByRole('combobox', { name: 'Endpoint' }),
    ...(v2 ? { 'v2 retirement note': page.getByText(PRESETS.v2.note) } : {}),
    'Client ID': page.getByRole('textbox', { name: 'Client ID' }),
    'Client secret': page.getByLabel('Client secret', { exact: true }),
    'Request token': page.getByRole('button', { name: 'Request token' }),
  };
  const misses: Record<string, string> = {};
  for (const [name, target] of Object.entries(job)) {
    const where = await outsideViewport(page, target);
    if (where !== null) misses[name] = where;
  }
  return misses;
}

for (const size of SIZES) {
  const wide = size.width >= 1000;
  for (const theme of THEMES) {
    for (const saved of [0, 50]) {
      test(`${size.name}, ${theme}, ${saved} saved profiles: the whole form and Request token on the first screen`, async () => {
        const { page, done } = await openWith({ profiles: saved, history: 0 }, size, theme);
        try {
          await expect(page.getByRole('combobox', { name: 'Endpoint' })).toHaveValue('v2');
          await page.screenshot({ path: test.info().outputPath('first-screen.png') });
          expect(await firstScreenMisses(page)).toEqual({});
          expect(await layoutProblems(page)).toEqual(NO_PROBLEMS);

          // A short window shows the v2 note in two lines; all of it while its field is in use.
          await page.getByRole('textbox', { name: 'Token URL' }).focus();
          const note = page.getByText(PRESETS.v2.note);
          await expect.poll(() => note.evaluate((el) => el.scrollHeight - el.clientHeight)).toBeLessThan(1);

          const list = page.getByRole('listbox', { name: 'Profiles' });
          if (saved > 0 && !wide) {
            // Folded out of the form's way; one press shows all of them.
            await expect(list).toBeHidden();
            await page.getByRole('button', { name: `${saved} saved` }).click();
          }
          if (saved > 0) {
            await expect(list.getByRole('option')).toHaveCount(saved);
            await expect(list.getByRole('option').last()).toBeVisible();
            expect(await layoutProblems(page)).toEqual(NO_PROBLEMS);
          }
          for (const name of ['Profile name', 'New profile', 'Save to keychain', 'Delete profile']) {
            await expect(
              page.getByRole(name === 'Profile name' ? 'textbox' : 'button', { name }),
            ).toBeVisible();
          }
        } finally {
          await done();
        }
      });
    }

    test(`${size.name}, ${theme}: after Request token the result's heading is in view, and focus stays put`, async () => {
      const { page, done } = await openWith({ profiles: 3, history: 0 }, size, theme);
      try {
        await useSandbox(page);
        await scrollAllToTop(page);
        expect(await firstScreenMisses(page, { v2: false })).toEqual({});
        await page.getByRole('button', { name: 'Request token' }).click();
        const heading = result(page).getByRole('heading', { name: 'Token received' });
        await expect(heading).toBeVisible();
        await expect.poll(() => outsideViewport(page, heading)).toBeNull();
        await page.screenshot({ path: test.info().outputPath('token-received.png') });
        expect(await layoutProblems(page)).toEqual(NO_PROBLEMS);

        // Someone typing a client ID and pressing Ctrl+Enter keeps the caret in the field.
        await scrollAllToTop(page);
        const clientId = page.getByRole('textbox', { name: 'Client ID' });
        await clientId.click();
        await page.keyboard.type('-typo');
        await page.keyboard.press('Control+Enter');
        const failed = result(page).getByRole('heading', { name: 'Client authentication failed' });
        await expect(failed).toBeVisible();
        await expect.poll(() => outsideViewport(page, failed)).toBeNull();
        await expect(clientId).toBeFocused();
        await expect(clientId).toHaveValue('sandbox-client-id-typo');
      } finally {
        await done();
      }
    });
  }
}

// One column: the result is under the form, and is brought into view when it arrives unless it is
// in view already. Its top edge alone at the bottom of the window is not in view: its heading is not.
test('narrow, the result starting just above the window’s bottom edge: its heading is brought into view', async () => {
  const { page, done } = await openWith({ profiles: 0, history: 0 }, { width: 390, height: 844 }, 'light');
  try {
    await useSandbox(page, 'not-a-sandbox-client');
    await scrollAllToTop(page);
    // The window made as tall as to show 10 px of the (empty) result, above its heading.
    const top = await result(page).boundingBox();
    expect(top).not.toBeNull();
    await page.setViewportSize({ width: 390, height: Math.ceil((top?.y ?? 0) + 10) });
    await scrollAllToTop(page);
    await page.getByRole('textbox', { name: 'Client ID' }).press('Enter');
    const heading = result(page).getByRole('heading', { name: 'Client authentication failed' });
    await expect(heading).toBeVisible();
    await expect.poll(() => outsideViewport(page, heading)).toBeNull();
  } finally {
    await done();
  }
});

// And the other way: a result whose pane was scrolled down a little (to the history under it), its
// top just above the pane's edge, is not in view either; the next result is brought back into view.
test("1280x800, the result's top scrolled just out of its pane: the next result's heading is brought into view", async () => {
  const { page, done } = await openWith({ profiles: 0, history: 20 }, { width: 1280, height: 800 }, 'light');
  try {
    // A short result (shorter than its pane), with history under it to scroll to.
    await useSandbox(page, 'sandbox-503');
    await page.getByRole('button', { name: 'Request token' }).click();
    const heading = result(page).getByRole('heading', { name: /^Service unavailable/ });
    await expect(heading).toBeVisible();
    const history = page.getByRole('listbox', { name: 'History' }).getByRole('option');
    await expect(history).toHaveCount(21);
    // The pane (or the page) scrolled so that the result's top is 40 px above its edge.
    await result(page).evaluate((section) => {
      let pane = section.parentElement;
      while (pane && !/auto|scroll/.test(getComputedStyle(pane).overflowY)) pane = pane.parentElement;
      const scroller = pane ?? document.documentElement;
      const edge = pane ? pane.getBoundingClientRect().top : 0;
      scroller.scrollTop += section.getBoundingClientRect().top - edge + 40;
    });
    await page.getByRole('textbox', { name: 'Client ID' }).press('Enter');
    await expect(history).toHaveCount(22);
    // Inside its pane, not only inside the window (a pane's top is under the title bar).
    await expect
      .poll(() =>
        heading.evaluate((element) => {
          let pane = element.parentElement;
          while (pane && !/auto|scroll/.test(getComputedStyle(pane).overflowY)) pane = pane.parentElement;
          const edge = pane ? pane.getBoundingClientRect().top : 0;
          return Math.round(element.getBoundingClientRect().top - edge);
        }),
      )
      .toBeGreaterThanOrEqual(0);
    await expect.poll(() => outsideViewport(page, heading)).toBeNull();
  } finally {
    await done();
  }
});

// A tag beside a server's word ("non-standard" beside its error code) is drawn whole, on the next
// line when the code leaves no room for it ("no" then "n-standard" at 390 wide).
test('390x844: the non-standard tag beside an error code is one piece', async () => {
  const server = await startServer((_req, res) =>
    sendJson(res, 503, { error: 'temporarily_unavailable', error_description: 'Down for maintenance.' }),
  );
  const { page, done } = await openWith({ profiles: 0, history: 0 }, { width: 390, height: 844 }, 'light');
  try {
    await page.getByRole('combobox', { name: 'Endpoint' }).selectOption('custom');
    await page.getByRole('textbox', { name: 'Token URL' }).fill(server.url());
    await page.getByRole('textbox', { name: 'Client ID' }).fill('layout-check');
    await page.getByLabel('Client secret', { exact: true }).fill('not-a-real-secret');
    await page.getByRole('button', { name: 'Request token' }).click();
    const tag = result(page).getByText('non-standard', { exact: true });
    await expect(tag).toBeVisible();
    expect(await tag.evaluate(wordsCutInTwo)).toEqual([]);
  } finally {
    await done();
    await server.close();
  }
});

test.describe('long content', () => {
  const DESCRIPTION = Array.from(
    { length: 40 },
    (_, i) => `Sentence ${i} of a gateway's very long error description,`,
  )
    .join(' ')
    .padEnd(1700, '.')
    .concat(`${'unbroken'.repeat(37)}.`)
    .slice(0, 2000);
  let server: TestServer;
  test.beforeAll(async () => {
    server = await startServer((_req, res) =>
      sendJson(res, 401, { error: 'invalid_client', error_description: DESCRIPTION }),
    );
  });
  test.afterAll(() => server.close());

  for (const size of SIZES) {
    for (const theme of THEMES) {
      test(`${size.name}, ${theme}: a 2,000-character error, a 500-character URL, 8 scopes and 50 history rows stay readable`, async () => {
        expect(DESCRIPTION).toHaveLength(2000);
        const tokenUrl = `${server.url()}/${'long-path-segment/'.repeat(40)}`.slice(0, 500);
        expect(tokenUrl).toHaveLength(500);
        const { page, done } = await openWith({ profiles: 50, history: 50 }, size, theme);
        try {
          await page.getByRole('combobox', { name: 'Endpoint' }).selectOption('custom');
          await page.getByRole('textbox', { name: 'Token URL' }).fill(tokenUrl);
          await page.getByRole('textbox', { name: 'Client ID' }).fill('layout-check');
          await page.getByLabel('Client secret', { exact: true }).fill('not-a-real-secret');
          await page.getByRole('textbox', { name: 'Scope' }).fill(V3_SCOPE);
          await scrollAllToTop(page);
          expect(await firstScreenMisses(page, { v2: false })).toEqual({});
          await page.getByRole('button', { name: 'Request token' }).click();

          const outcome = result(page);
          const heading = outcome.getByRole('heading', { name: 'Client authentication failed' });
          await expect(heading).toBeVisible();
          await expect.poll(() => outsideViewport(page, heading)).toBeNull();
          // The app keeps the first 1,000 characters of a description; the raw answer has more.
          await expect(
            outcome.getByRole('definition').filter({ hasText: DESCRIPTION.slice(0, 999) }),
          ).toBeVisible();
          await expect(outcome.getByText(tokenUrl, { exact: true })).toBeVisible();
          await expect(page.getByRole('listbox', { name: 'History' }).getByRole('option')).toHaveCount(51);
          await outcome.getByText('Raw response').click();
          await expect(outcome.locator('pre')).toContainText(DESCRIPTION.slice(0, 1500));
          await page.screenshot({ path: test.info().outputPath('long-content.png'), fullPage: true });
          expect(await layoutProblems(page)).toEqual(NO_PROBLEMS);
        } finally {
          await done();
        }
      });
    }
  }
});

// Browser mode has no minimum window: at 800 px, the narrowest with two columns, the result's column
// is at its narrowest, and what is drawn in it must still fit its boxes.
test('800x600, two columns at their narrowest: the invalid_client checklist and its button fit their box', async () => {
  const { page, done } = await openWith({ profiles: 0, history: 0 }, { width: 800, height: 600 }, 'light');
  try {
    await useSandbox(page, 'not-a-sandbox-client');
    await page.getByRole('button', { name: 'Request token' }).click();
    const checklist = result(page).getByRole('region', { name: 'invalid_client checklist' });
    await expect(checklist.getByRole('button', { name: 'Try HTTP Basic authentication' })).toBeVisible();
    expect(await layoutProblems(page)).toEqual(NO_PROBLEMS);
  } finally {
    await done();
  }
});

// The window's first paint is the form as it stays: what arrives just after it (the checks the main
// side answers for the opening form, the saved profiles, and in browser mode the rest of the notice
// above the form) is drawn from the start or folded away, so nothing jumps under a click already on
// its way. Judged by the browser's own record of layout shifts since the page began.
const HOSTS = {
  bridge: 'bridge mode (the desktop window)',
  browser: 'browser mode',
  electron: 'the desktop window',
} as const;
for (const host of electronBinary() === null ? (['bridge', 'browser'] as const) : (['electron'] as const)) {
  test(`${HOSTS[host]}: nothing moves when the window's first answers arrive`, async () => {
    const app = await launchApp({
      ...(host === 'electron' ? {} : { transport: host }),
      env: { TOKEN_TESTER_KEYCHAIN_SERVICE: testService() },
    });
    try {
      const { page } = app;
      // The main side's answers are in. Real Electron does not list them: there the record below
      // covers what had arrived by then.
      const waitedFor: string[] = [
        IPC_CHANNELS.checkForm,
        IPC_CHANNELS.getHostInfo,
        IPC_CHANNELS.listProfiles,
      ];
      await expect
        .poll(async () => {
          const answers = await app.ipcResponses();
          if (answers === null) return [];
          return waitedFor.filter((channel) => !answers.some((answer) => answer.channel === channel));
        })
        .toEqual([]);
      await expect(page.getByText(V2_RETIRED_NOTE)).toBeVisible();
      if (app.mode === 'browser') {
        // The rest of the notice, folded away under its first line.
        await expect(page.locator('.host-notice li')).not.toHaveCount(0);
      }
      const shifts = await page.evaluate(
        () =>
          new Promise<string[]>((resolve) => {
            // Two frames: what the answers changed is drawn (and any shift it made, recorded).
            requestAnimationFrame(() =>
              requestAnimationFrame(() => {
                const observer = new PerformanceObserver(() => undefined);
                observer.observe({ type: 'layout-shift', buffered: true });
                type Shift = PerformanceEntry & {
                  value: number;
                  hadRecentInput: boolean;
                  sources?: Array<{ node?: Node | null }>;
                };
                const entries = observer.takeRecords() as Shift[];
                observer.disconnect();
                resolve(
                  entries.map(
                    (entry) =>
                      `${entry.value.toFixed(4)} at ${Math.round(entry.startTime)} ms: ${(entry.sources ?? [])
                        .map((source) => (source.node as Element | null)?.className || source.node?.nodeName)
                        .join(', ')}`,
                  ),
                );
              }),
            );
          }),
      );
      expect(shifts).toEqual([]);
    } finally {
      await app.close();
    }
  });
}
