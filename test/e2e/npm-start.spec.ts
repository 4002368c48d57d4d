// `npm install && npm start` as a new user on a machine without internet: a fresh copy of the
// project (every file git would clone, with this checkout's installed node_modules), Electron's
// download failing, and a display present so the download is really tried. npm start must end
// with an address that works in Chromium: a sandbox token with a running countdown, a 401 from a
// custom URL explained; Ctrl-C must stop everything it started.
import { execFileSync, spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { closeChromium } from '../support/chromium';
import { electronBinary, launchChromium, projectRoot } from '../support/launch';
import { stopsWithin } from '../support/process-stop';
import { closedPort, sendJson, startServer } from '../support/servers';
import { result, useSandbox } from './fixtures';

test.setTimeout(300_000);

async function freshCopy(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'token-tester-clone-'));
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: projectRoot,
    encoding: 'utf8',
  })
    .split('\0')
    .filter(Boolean);
  for (const file of files) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await cp(path.join(projectRoot, file), path.join(dir, file)).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error; // a file deleted but not yet committed
    });
  }
  // `npm install` on this machine gives the same tree; linking it keeps the test to npm start.
  await symlink(path.join(projectRoot, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  return dir;
}

const portOpen = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

test('npm start without Electron ends with an address that works, and Ctrl-C stops it all', async () => {
  test.skip(electronBinary() !== null, 'this machine has Electron: npm start opens the desktop app');
  const clone = await freshCopy();
  const data = await mkdtemp(path.join(tmpdir(), 'token-tester-start-data-'));
  const cache = await mkdtemp(path.join(tmpdir(), 'token-tester-electron-cache-'));
  const rejecting = await startServer((_req, res) =>
    sendJson(res, 401, { error: 'invalid_client', error_description: 'Client authentication failed' }),
  );
  const npm = spawn('npm', ['start'], {
    cwd: clone,
    detached: true, // its own process group, so the test can check nothing is left behind
    env: {
      ...process.env,
      DISPLAY: ':99',
      ELECTRON_MIRROR: `http://127.0.0.1:${await closedPort()}/`,
      electron_config_cache: cache,
      TOKEN_TESTER_USER_DATA_DIR: data,
      BROWSER: 'none',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  npm.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => npm.once('exit', (code) => resolve(code)));
  const address = await new Promise<string>((resolve, reject) => {
    npm.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const found = /http:\/\/127\.0\.0\.1:\d+\/[\w-]{16}\/#pair=[\w-]+/.exec(stdout);
      if (found) resolve(found[0]);
    });
    void exited.then(() => reject(new Error(`npm start ended:\n${stdout}\n${stderr}`)));
  });
  const browser = await launchChromium();
  try {
    expect(stderr).toContain('The desktop window cannot start: its binary could not be downloaded');
    expect(stderr).toContain('ELECTRON_MIRROR');
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(address);
    // The single-use code leaves the address bar as soon as the page has used it.
    await expect.poll(() => page.url()).not.toContain('#pair=');
    await useSandbox(page);
    await page.getByRole('button', { name: 'Request token' }).click();
    await expect(result(page).getByRole('heading', { name: 'Token received' })).toBeVisible();
    const timer = result(page).getByRole('timer');
    const first = await timer.textContent();
    await expect(timer).not.toHaveText(first ?? '', { timeout: 5000 });

    await page.getByRole('combobox', { name: 'Endpoint' }).selectOption('custom');
    await page.getByRole('textbox', { name: 'Token URL' }).fill(rejecting.url());
    await page.getByRole('textbox', { name: 'Client ID' }).fill('my-client');
    await page.getByLabel('Client secret', { exact: true }).fill('not-the-secret');
    await page.getByRole('button', { name: 'Request token' }).click();
    await expect(result(page).getByRole('heading', { name: 'Client authentication failed' })).toBeVisible();
    expect(rejecting.received).toHaveLength(1);

    // A reload keeps working: the page kept its key for this tab.
    await page.reload();
    await useSandbox(page);
    await page.getByRole('button', { name: 'Request token' }).click();
    await expect(result(page).getByRole('heading', { name: 'Token received' })).toBeVisible();
  } finally {
    await closeChromium(browser);
    const port = Number(/127\.0\.0\.1:(\d+)/.exec(stdout)?.[1] ?? 0);
    process.kill(-(npm.pid ?? 0), 'SIGINT');
    await stopsWithin(
      exited.then(() => undefined),
      () => process.kill(-(npm.pid ?? 0), 'SIGKILL'),
      'npm start, after Ctrl-C (SIGINT)',
      () => `${stdout}\n${stderr}`,
    );
    // Nothing of the group is left, and the port is closed.
    await expect
      .poll(() => {
        try {
          process.kill(-(npm.pid ?? 0), 0);
          return 'running';
        } catch {
          return 'gone';
        }
      })
      .toBe('gone');
    if (port) expect(await portOpen(port)).toBe(false);
    await rejecting.close();
    for (const dir of [clone, data, cache]) await rm(dir, { recursive: true, force: true });
  }
});
