// The smoke test of a build: the app starts, gets a sandbox token, watches it count down, and
// quits. Here it runs like every spec (browser mode without Electron, Electron where installed);
// the release workflow runs this same file against each packaged app, the binary users install
// rather than this checkout (E2E_PACKAGED_APP, see test/support/launch.ts and
// .github/workflows/ci.yml). The packaged app's fuses are checked beside it
// (test/support/packaged-app-cli.ts check-fuses).
import { connect } from 'node:net';
import { launchApp, packagedAppExecutable } from '../support/launch';
import { expect, result, test, useSandbox } from './fixtures';

/** Whether anything still answers at this address. */
const answers = (origin: string) =>
  new Promise<boolean>((resolve) => {
    const { hostname, port } = new URL(origin);
    const socket = connect({ host: hostname, port: Number(port) });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

test('the app starts, gets a sandbox token that counts down, and quits', async () => {
  const app = await launchApp();
  let quit = false;
  try {
    // What was asked for is what runs: the packaged app when one is named, never the source.
    if (packagedAppExecutable() !== null) expect(app.packaged).toBe(true);
    else expect(app.packaged ?? false).toBe(false);

    const { page } = app;
    await useSandbox(page);
    await page.getByRole('button', { name: 'Request token' }).click();
    const outcome = result(page);
    await expect(outcome.getByRole('heading', { name: 'Token received' })).toBeVisible();
    const timer = outcome.getByRole('timer');
    await expect(timer).toHaveText(/^59:5\d$/);
    const first = await timer.textContent();
    await expect(timer).not.toHaveText(first ?? '', { timeout: 3000 });

    // Quitting ends the app: Electron's process exits (close() waits for it), browser mode's
    // server stops answering.
    const origin = app.mode === 'electron' ? null : new URL(page.url()).origin;
    quit = true;
    await app.close();
    if (origin !== null) expect(await answers(origin)).toBe(false);
  } finally {
    if (!quit) await app.close();
  }
});
