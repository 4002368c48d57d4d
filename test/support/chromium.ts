// Debian's Chromium for every test and benchmark that drives a page: never a downloaded one, as
// root needs it, with no calls home.
import { chromium, type Browser } from '@playwright/test';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
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
