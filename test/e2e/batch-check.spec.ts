// "Check all profiles" end to end: saved profiles in the real keychain, a real token server, the
// window's panel. Fifty profiles whose client IDs get different verdicts (even: a token, odd:
// invalid_client) and a Cancel in the middle: the server counts what it received, so "nothing
// starts after Cancel" is checked where it matters; every row must show its own profile's verdict.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ServerResponse } from 'node:http';
import type { Page } from '@playwright/test';
import { EXPLANATIONS } from '../../app/explanations';
import { assertBuiltCli, importNumberedProfiles } from '../support/cli';
import { KEYRING_SKIP_REASON, requireTestKeyring, testService } from '../support/keyring';
import { launchApp, type LaunchedApp } from '../support/launch';
import { wordsCutInTwo } from '../support/words-cut';
import { sendJson, startServer, type TestServer } from '../support/servers';
import { expect, test, useSandbox } from './fixtures';

test.skip(!requireTestKeyring('checking all profiles end to end'), KEYRING_SKIP_REASON);

const COUNT = 50;
/** The server answers this many requests, then holds every later one until the test ends. */
const ANSWERED = 12;
const TOKEN = EXPLANATIONS['token-received'].title;
const REJECTED = EXPLANATIONS['oauth:invalid_client'].title;

test.describe('a batch of 50 profiles, cancelled in the middle', () => {
  const service = testService();
  const env = { TOKEN_TESTER_KEYCHAIN_SERVICE: service };
  let server: TestServer;
  let dir: string;
  const held: ServerResponse[] = [];

  test.beforeAll(async () => {
    assertBuiltCli();
    server = await startServer((_req, res, body) => {
      const clientId = new URLSearchParams(body).get('client_id') ?? '';
      // The request is in `server.received` already; past ANSWERED it is held, so the run is
      // still in the middle (all lanes busy) when Cancel is pressed.
      if (server.received.length > ANSWERED) {
        held.push(res);
        return;
      }
      const n = Number(clientId.replace('client-', ''));
      if (n % 2 === 0)
        sendJson(res, 200, { access_token: `tok-${clientId}`, token_type: 'Bearer', expires_in: 3599 });
      else sendJson(res, 401, { error: 'invalid_client' });
    });
    dir = await mkdtemp(path.join(tmpdir(), 'e2e-batch-'));
    const imported = await importNumberedProfiles(dir, COUNT, server.url(), env);
    expect(imported.code, imported.stderr).toBe(0);
  });

  test.afterAll(async () => {
    for (const res of held) res.destroy();
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  test('nothing starts after Cancel, and every result is under its own profile', async () => {
    let app: LaunchedApp | undefined;
    try {
      app = await launchApp({ env, userDataDir: path.join(dir, 'data') });
      const { page } = app;
      // Nothing of the panel is loaded before it is opened.
      const scripts = () =>
        page.evaluate(() => performance.getEntriesByType('resource').map((entry) => entry.name));
      expect((await scripts()).some((name) => /BatchPanel/.test(name))).toBe(false);

      await page.getByRole('button', { name: 'Check all profiles' }).click();
      const panel = page.getByRole('region', { name: 'Check profiles' });
      const progress = panel.getByRole('status').filter({ hasText: /of 50 checked/ });
      // The server answered its share and holds the rest: the run is in the middle.
      await expect(progress).toHaveText(`${ANSWERED} of ${COUNT} checked`);
      await expect.poll(() => server.received.length).toBeGreaterThan(ANSWERED);
      expect((await scripts()).some((name) => /BatchPanel/.test(name))).toBe(true);

      // During a run the choice stays usable (it decides the next run), and the next run waits.
      const choice = panel.getByRole('group', { name: 'Profiles to check' });
      await expect(choice.getByRole('button', { name: 'Check selected (50)' })).toBeDisabled();
      await choice.getByRole('checkbox', { name: 'p3', exact: true }).uncheck();
      await expect(choice.getByRole('button', { name: 'Check selected (49)' })).toBeDisabled();
      // "Check all profiles" pressed meanwhile is answered, not ignored, and starts nothing.
      await page.getByRole('button', { name: 'Check all profiles' }).click();
      await expect(panel.getByRole('status').filter({ hasText: 'A run is going' })).toBeVisible();
      await expect(progress).toHaveText(`${ANSWERED} of ${COUNT} checked`);

      await panel.getByRole('button', { name: 'Cancel' }).click();
      // The run is over once it says so: every lane has stopped, so the count is final.
      await expect(progress).toHaveText(/ of 50 checked · cancelled$/);
      // And "a run is going" is said no more.
      await expect(panel.getByText('A run is going')).toHaveCount(0);
      await expect(choice.getByRole('button', { name: 'Check selected (49)' })).toBeEnabled();
      const sent = server.received.length;
      // No more than the lanes that were busy: one per lane, and none started after Cancel.
      expect(sent).toBeLessThanOrEqual(ANSWERED + 4);

      const rows = panel
        .getByRole('table', { name: 'Results by profile' })
        .getByRole('rowgroup')
        .nth(1)
        .getByRole('row');
      await expect(rows).toHaveCount(COUNT);
      const table = await rows.evaluateAll((trs) =>
        trs.map((tr) =>
          [...tr.querySelectorAll('[role="rowheader"], [role="cell"]')].map((cell) => cell.textContent ?? ''),
        ),
      );
      const sentIds = server.received.map((r) => new URLSearchParams(r.body).get('client_id'));
      let answered = 0;
      let notStarted = 0;
      for (const [name, status, verdict] of table) {
        const n = Number(name!.slice(1));
        if (status === 'Not started') {
          notStarted += 1;
          // A profile that did not start sent nothing.
          expect(sentIds).not.toContain(`client-${n}`);
          continue;
        }
        expect(sentIds).toContain(`client-${n}`);
        if (verdict === EXPLANATIONS.cancelled.title) continue; // was in flight, held by the server
        answered += 1;
        expect(verdict, `the row of p${n}`).toBe(n % 2 === 0 ? TOKEN : REJECTED);
        expect(status).toBe(n % 2 === 0 ? 'HTTP 200' : 'HTTP 401');
      }
      expect(answered).toBe(ANSWERED);
      expect(notStarted).toBe(COUNT - sent);
      // The count is of profiles checked: neither those Cancel stopped in flight nor those it kept
      // from starting.
      await expect(progress).toHaveText(`${ANSWERED} of ${COUNT} checked · cancelled`);

      // One row opens that profile's full explanation.
      await panel.getByRole('button', { name: 'Explain p1', exact: true }).click();
      await expect(
        panel.getByRole('region', { name: 'Result for p1' }).getByRole('heading', { name: REJECTED }),
      ).toBeVisible();

      // The history has the run as one entry, without secrets or tokens.
      await expect(
        page.getByRole('listbox', { name: 'History' }).getByRole('option', { name: /Batch check/ }),
      ).toHaveCount(1);
      const history = await readFile(path.join(dir, 'data', 'history.json'), 'utf8');
      expect(history).toContain('"p1"');
      expect(history).not.toMatch(/secret-\d|tok-client|client-\d/);

      // A second run (the server now holds every request): until its first news, the table keeps
      // its rows out of sight (none drawn, none focusable) and says it is busy, so the first run's
      // verdicts are never shown as this run's. Checked in the page right after the press, on
      // microtasks only: no news from the main side (a task of its own) can come in between.
      const held = await page.evaluate(async () => {
        const press = [...document.querySelectorAll('button')].find(
          (b) => b.textContent === 'Check selected (49)',
        );
        const table = document.querySelector('[role="table"][aria-label="Results by profile"]');
        if (!(press instanceof HTMLButtonElement) || !table) throw new Error('no button or table');
        const heightBefore = table.getBoundingClientRect().height;
        // As a real press: focus on the button pressed (it was on p1's row, opened above).
        press.focus();
        press.click();
        for (let i = 0; i < 100 && table.getAttribute('aria-busy') !== 'true'; i += 1)
          await Promise.resolve();
        const body = table.querySelectorAll('[role="rowgroup"]')[1]!;
        const rows = [...body.querySelectorAll('[role="row"]')];
        // Out of sight by any of the properties that hide (display, content-visibility, visibility).
        const seen = (el: Element) => el.checkVisibility({ visibilityProperty: true });
        const buttons = [...body.querySelectorAll('button')];
        return {
          busy: table.getAttribute('aria-busy'),
          status: document.querySelector('.batch__progress [role="status"]')?.textContent,
          rows: rows.length,
          shown: rows.filter(seen).length,
          buttons: buttons.filter(seen).length,
          // Not focusable either: focus() on each leaves focus where it was.
          focusable: buttons.filter((b) => {
            b.focus();
            return document.activeElement === b;
          }).length,
          // Nothing below the table moves: it keeps its height.
          sameHeight: table.getBoundingClientRect().height === heightBefore,
        };
      });
      expect(held).toEqual({
        busy: 'true',
        status: '0 of 49 checked',
        rows: COUNT,
        shown: 0,
        buttons: 0,
        focusable: 0,
        sameHeight: true,
      });
      const results = panel.getByRole('table', { name: 'Results by profile' });
      const second = panel.getByRole('status').filter({ hasText: /of 49 checked/ });
      await expect(panel.getByRole('region', { name: 'Result for p1' })).toHaveCount(0);
      // Its first news (the rows started) comes within the gap: its own rows, checking or waiting.
      await expect(results.getByRole('row', { name: /^p0\b/ }).getByRole('cell').first()).toHaveText(
        'Checking…',
      );
      await expect(results).toHaveAttribute('aria-busy', 'false');
      await expect(rows).toHaveCount(COUNT - 1);
      await panel.getByRole('button', { name: 'Cancel' }).click();
      await expect(second).toHaveText(/ of 49 checked · cancelled$/);
    } finally {
      await app?.close();
    }
  });
});

/** Saves a sandbox profile named `name` with `clientId` through the window, as a user does. */
async function saveSandboxProfile(page: Page, name: string, clientId: string): Promise<void> {
  await page.getByRole('button', { name: 'New profile' }).click();
  await useSandbox(page, clientId);
  await page.getByRole('textbox', { name: 'Profile name' }).fill(name);
  await page.getByRole('button', { name: 'Save to keychain' }).click();
  await expect(page.getByText(`Saved “${name}”; its secret is in the keychain.`)).toBeVisible();
}

test.describe('three profiles, three verdicts', () => {
  test.use({ appOptions: { env: { TOKEN_TESTER_KEYCHAIN_SERVICE: testService() } } });

  test('"Check all profiles" against the sandbox shows each profile’s own verdict', async ({ page }) => {
    const save = (name: string, clientId: string) => saveSandboxProfile(page, name, clientId);
    await save('Good key', 'sandbox-client-id');
    await save('Wrong ID', 'no-such-client');
    await save('Outage', 'sandbox-503');

    await page.getByRole('button', { name: 'Check all profiles' }).click();
    const panel = page.getByRole('region', { name: 'Check profiles' });
    await expect(panel.getByRole('status').filter({ hasText: /checked/ })).toHaveText('3 of 3 checked');
    const verdictOf = (name: string) =>
      panel
        .getByRole('row', { name: new RegExp(`^${name}`) })
        .getByRole('cell')
        .nth(1);
    await expect(verdictOf('Good key')).toHaveText(TOKEN);
    await expect(verdictOf('Wrong ID')).toHaveText(REJECTED);
    await expect(verdictOf('Outage')).toHaveText(EXPLANATIONS['http:503'].title);

    // Pressed again with the panel open, it starts a second run of every profile.
    const batches = page
      .getByRole('listbox', { name: 'History' })
      .getByRole('option', { name: /Batch check/ });
    await expect(batches).toHaveCount(1);
    await page.getByRole('button', { name: 'Check all profiles' }).click();
    await expect(batches).toHaveCount(2);
    await expect(panel.getByRole('status').filter({ hasText: /checked/ })).toHaveText('3 of 3 checked');

    // From the keyboard: Enter on "Check selected" (focus then on Cancel while it runs), and at the
    // end on "Copy report", where an Enter meant as a late Cancel does no harm (on "Check
    // selected" it would start a new run, every secret sent again).
    const checkSelected = panel.getByRole('button', { name: 'Check selected (3)' });
    await checkSelected.focus();
    await page.keyboard.press('Enter');
    await expect(batches).toHaveCount(3);
    await expect(panel.getByRole('button', { name: 'Copy report' })).toBeFocused();
  });

  test('at the window’s narrowest (880 × 600, and 800 × 600 in a browser) no word of the table is cut in two, a profile’s name included', async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    // Names of one word, as profiles are often named: each as wide as its own word, not cut by
    // the status and time beside it ("producti-on").
    for (const [name, clientId] of [
      ['production', 'sandbox-client-id'],
      ['maintenance', 'no-such-client'],
    ] as const)
      await saveSandboxProfile(page, name, clientId);
    await page.getByRole('button', { name: 'Check all profiles' }).click();
    const panel = page.getByRole('region', { name: 'Check profiles' });
    await expect(panel.getByRole('status').filter({ hasText: /checked/ })).toHaveText('2 of 2 checked');
    const table = panel.getByRole('table', { name: 'Results by profile' });
    await expect(table).toContainText(REJECTED);
    for (const width of [880, 800]) {
      await page.setViewportSize({ width, height: 600 });
      // Each word of the table (its headings, "HTTP 401", "Client authentication failed") on one
      // line: a column too narrow for its words breaks them anywhere ("authenticati-on").
      const broken = await table.evaluate(wordsCutInTwo);
      expect(broken, `${width} × 600`).toEqual([]);
      const box = await table.boundingBox();
      const pane = await panel.boundingBox();
      expect(
        box && pane && box.x + box.width <= pane.x + pane.width + 0.5,
        `${width} × 600: inside its panel`,
      ).toBe(true);
    }
  });

  test('with Messaging access checked, a key not set up for Messaging is a failed row, as the summary counts it', async ({
    page,
  }) => {
    for (const [name, clientId] of [
      ['Messaging key', 'sandbox-client-id'],
      ['Token only', 'sandbox-no-messaging'],
      ['Wrong ID', 'no-such-client'],
    ] as const)
      await saveSandboxProfile(page, name, clientId);
    await page.getByRole('button', { name: 'Check some…' }).click();
    const panel = page.getByRole('region', { name: 'Check profiles' });
    await panel.getByRole('checkbox', { name: 'Also check Messaging access' }).check();
    await panel.getByRole('button', { name: 'Check selected (3)' }).click();
    await expect(panel.getByRole('status').filter({ hasText: /checked/ })).toHaveText('3 of 3 checked');
    await expect(
      page.getByRole('listbox', { name: 'History' }).getByRole('option', { name: /Batch check/ }),
    ).toContainText('3 profiles checked: 1 passed, 2 failed');
    const verdict = (name: string) =>
      panel
        .getByRole('row', { name: new RegExp(`^${name}`) })
        .getByRole('cell')
        .nth(1);
    await expect(verdict('Token only')).toHaveText(`${TOKEN} · Key not set up for Messaging`);
    const colour = (name: string) => verdict(name).evaluate((cell) => getComputedStyle(cell).color);
    // Drawn as the failed row it is (the error colour of a refused key), not as a passed one.
    expect(await colour('Token only')).toBe(await colour('Wrong ID'));
    expect(await colour('Token only')).not.toBe(await colour('Messaging key'));
  });

  test('a run left going by a reload is stopped by the next start, which is not refused', async ({
    page,
  }) => {
    await saveSandboxProfile(page, 'Never answers', 'sandbox-timeout');
    const panel = page.getByRole('region', { name: 'Check profiles' });
    const row = panel.getByRole('row', { name: /^Never answers/ });
    await page.getByRole('button', { name: 'Check all profiles' }).click();
    await expect(row).toContainText('Checking…');
    await page.reload();
    await page.getByRole('button', { name: 'Check all profiles' }).click();
    await expect(row).toContainText('Checking…');
    await expect(panel).not.toContainText('is still going');
  });
});
