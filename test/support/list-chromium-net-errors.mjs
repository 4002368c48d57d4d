// Prints every network error name the installed Chromium knows, from its chrome://network-errors
// page (an internal page, switched on through the profile's Local State), for the table test of
// transport codes (test/unit/network-codes.test.ts).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';

const profile = mkdtempSync(path.join(tmpdir(), 'net-errors-'));
writeFileSync(path.join(profile, 'Local State'), JSON.stringify({ internal_only_uis_enabled: true }));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox'],
});
try {
  const page = await context.newPage();
  await page.goto('chrome://network-errors/');
  const text = await page.locator('body').innerText();
  const names = [...text.matchAll(/^(ERR_[A-Z0-9_]+) \(-\d+\)$/gm)].map((match) => match[1]);
  const source =
    'chrome://network-errors of the installed Chromium; regenerate with: node test/support/list-chromium-net-errors.mjs > test/support/chromium-net-errors.json';
  console.log(JSON.stringify({ source, names }, null, 2));
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
