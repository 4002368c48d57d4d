// Debian's Chromium for every test and benchmark that drives a page: never a downloaded one, as
// root needs it, with no calls home.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { chromium, type Browser } from '@playwright/test';
import { settlesWithin } from './process-stop';

/** How long Chromium gets to close before its process is killed (closing takes about 0.3 s). */
export const CHROMIUM_CLOSE_GRACE_MS = 15_000;

/** The process of each browser launched here, where it could be told apart. */
const processes = new WeakMap<Browser, number>();

/** This process's Chromium children (Playwright starts the browser as a child of the caller). */
async function chromiumChildren(): Promise<Set<number>> {
  if (process.platform !== 'linux') return new Set();
  const { stdout } = await promisify(execFile)('ps', [
    '-o',
    'pid=,comm=',
    '--ppid',
    String(process.pid),
  ]).catch(() => ({ stdout: '' }));
  return new Set(
    stdout
      .split('\n')
      .map((line) => line.trim().split(/\s+/))
      .filter(([pid, command]) => pid && command?.startsWith('chrom'))
      .map(([pid]) => Number(pid)),
  );
}

export async function launchChromium(): Promise<Browser> {
  const before = await chromiumChildren();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--password-store=basic',
    ],
  });
  const started = [...(await chromiumChildren())].filter((pid) => !before.has(pid));
  if (started.length === 1) processes.set(browser, started[0]!);
  return browser;
}

/**
 * Closes a browser launched by launchChromium. Chromium now and then never finishes closing (a
 * known headless failure, about one close in hundreds); past the grace period its process is
 * killed and the test goes on, with a warning: the browser is not the app under test.
 */
export async function closeChromium(browser: Browser): Promise<void> {
  // A close that fails is treated as one that never ends: the process is made sure of.
  if (await settlesWithin(browser.close(), CHROMIUM_CLOSE_GRACE_MS)) return;
  const pid = processes.get(browser);
  console.warn(
    `Chromium did not close (within ${CHROMIUM_CLOSE_GRACE_MS / 1000} s); ${pid === undefined ? 'its process is unknown, so it is left running' : `killing its process group ${pid}`}.`,
  );
  if (pid !== undefined) {
    // Its whole process group (Playwright starts Chromium as a group of its own): a close that
    // never ends is often a browser already gone whose helpers still hold its pipes. Linux does
    // not hand out a number still in use as a group's, so the group is still Chromium's.
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // Gone by now.
    }
  }
}

/**
 * The globals of a page of the given origin without the app (the server's 404 answer), in a clean
 * context: what any page of that origin sees.
 */
export async function blankPageGlobals(browser: Browser, origin: string): Promise<string[]> {
  const context = await browser.newContext();
  try {
    const blank = await context.newPage();
    await blank.goto(`${origin}/no-such-page`);
    return await blank.evaluate(() => Object.getOwnPropertyNames(window));
  } finally {
    await context.close();
  }
}
