// The hardened window, end to end: what the page can reach, and what it cannot do.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { BROWSER_CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY } from '../../app/csp';
import { IPC_CHANNELS } from '../../app/ipc-contract';
import { TELSTRA_DEVELOPER_PORTAL } from '../../app/links';
import { projectRoot } from '../support/launch';
import { expect, result, test, useSandbox } from './fixtures';

test('the page has no Node, no Electron and nothing on window but the preload’s API', async ({
  app,
  page,
}) => {
  const reachable = await page.evaluate(() =>
    [
      'require',
      'process',
      'module',
      'exports',
      'global',
      'Buffer',
      '__dirname',
      '__filename',
      'electron',
      'ipcRenderer',
      'setImmediate',
    ].filter((name) => name in window),
  );
  expect(reachable).toEqual([]);

  const baseline = new Set(await app.blankPageGlobals());
  const extra = (await page.evaluate(() => Object.getOwnPropertyNames(window))).filter(
    // Playwright's own plumbing for exposeBinding (bridge mode) is the test harness, not the app.
    (name) => !baseline.has(name) && !name.startsWith('__playwright__'),
  );
  expect(extra).toEqual(['tokenTester']);
  expect(
    await page.evaluate(() => Object.keys((window as unknown as { tokenTester: object }).tokenTester).sort()),
  ).toEqual(Object.keys(IPC_CHANNELS).sort());
});

test.describe('Electron’s own guards (bridge mode where Electron is missing)', () => {
  // Navigation and new windows are the browser's business in browser mode; in Electron the app's
  // guard decides, and bridge mode feeds that same guard from Chromium's events.
  test.use({ appOptions: { transport: 'bridge' } });

  test('window.open and a scripted navigation do nothing', async ({ app, page }) => {
    const before = page.url();
    const pagesBefore = page.context().pages().length;
    // Electron's guard denies the window (window.open gives null); in the browser modes the same
    // guard closes the page Chromium opened. Either way no window is left and the page stays.
    // The popup event is awaited, then its close: counting pages right away could count before
    // Playwright has even seen the popup, and a close still under way would be seen later.
    const popup = page.waitForEvent('popup', { timeout: 0 }).catch(() => null);
    const opened = await page.evaluate(() => {
      const other = window.open('https://example.com/');
      return other === null ? 'denied' : 'opened';
    });
    expect(['denied', 'opened']).toContain(opened);
    if (opened === 'opened') {
      const other = await popup;
      expect(other).not.toBeNull();
      if (other !== null && !other.isClosed()) await other.waitForEvent('close');
    }
    expect(page.context().pages()).toHaveLength(pagesBefore);

    // The navigation is refused before anything loads. Outside Electron the guard fails the
    // document request, which Playwright reports; waiting for that report, not for a delay,
    // proves the attempt was made and refused. Electron's will-navigate stops it before any
    // request exists, and location.href is set synchronously, so the checks below follow it.
    // The refusal is the guard's own (aborted), not a network failure to reach the site (on a
    // machine without internet that would fail too, and prove nothing).
    const refused =
      app.mode === 'electron'
        ? Promise.resolve(null)
        : page.waitForEvent('requestfailed', (request) => request.url() === 'https://example.com/');
    await page.evaluate(() => {
      window.location.href = 'https://example.com/';
    });
    const failed = await refused;
    if (failed) expect(failed.failure()?.errorText).toBe('net::ERR_ABORTED');
    expect(page.url()).toBe(before);
    expect(page.context().pages()).toHaveLength(pagesBefore);
    await expect(page.getByRole('textbox', { name: 'Client ID' })).toBeVisible();
  });
});

test('the built page carries the CSP, and the CSP holds', async ({ app, page }) => {
  const built = readFileSync(path.join(projectRoot, 'dist/renderer/index.html'), 'utf8');
  expect(built).toContain(`content="${CONTENT_SECURITY_POLICY}"`);
  // Browser mode differs in one directive: the page may talk to its own server, nothing else.
  const expected = app.mode === 'browser' ? BROWSER_CONTENT_SECURITY_POLICY : CONTENT_SECURITY_POLICY;
  expect(await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')).toBe(
    expected,
  );

  const attempts = await page.evaluate(async () => {
    const violations: string[] = [];
    document.addEventListener('securitypolicyviolation', (event) =>
      violations.push(event.effectiveDirective),
    );
    const fetched = await fetch('http://127.0.0.1:9/').then(
      () => 'reached',
      () => 'blocked',
    );
    let injected = 'not run';
    try {
      const script = document.createElement('script');
      script.textContent = 'window.__injected = true';
      document.body.append(script);
    } catch {
      injected = 'refused';
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    return { fetched, injected, ran: '__injected' in window, violations };
  });
  expect(attempts.fetched).toBe('blocked');
  expect(attempts.ran).toBe(false);
  expect(attempts.violations).toContain('connect-src');
});

test('links to Telstra’s portal open in the system browser; anything else is refused', async ({
  app,
  page,
}) => {
  await useSandbox(page);
  await page.getByLabel('Client secret', { exact: true }).fill('wrong');
  await page.getByRole('button', { name: 'Request token' }).click();
  await result(page)
    .getByRole('button', { name: /Open the Telstra Developer Portal/ })
    .click();
  await expect.poll(() => app.openedExternally()).toEqual([TELSTRA_DEVELOPER_PORTAL]);

  const refused = await page.evaluate(() =>
    (
      window as unknown as { tokenTester: { openExternal(a: { url: string }): Promise<unknown> } }
    ).tokenTester.openExternal({
      url: 'https://evil.example/phish',
    }),
  );
  expect(refused).toMatchObject({ ok: false, kind: 'invalid-input' });
  expect(await app.openedExternally()).toEqual([TELSTRA_DEVELOPER_PORTAL]);
});
