// End-to-end specs. They run against the built app (`npm run build` first): in real Electron
// where the binary exists, in bridge mode elsewhere (see test/support/launch.ts).
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: './e2e',
  // Each test launches its own app (a browser or Electron); two cores do not want more.
  workers: 1,
  fullyParallel: false,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // An action that cannot happen (a button that stays disabled or covered) fails within this and
  // names itself, instead of running into the test's timeout with no step named. (Pages of a
  // Chromium the tests launch; Playwright's Electron windows keep its own default.)
  use: { actionTimeout: 15_000, navigationTimeout: 30_000 },
  reporter: [['list']],
  outputDir: '../test-results',
  forbidOnly: !!process.env.CI,
});
