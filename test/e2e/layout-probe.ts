// What the layout specs measure: window sizes, seeded user data, and the page's boxes.
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';

/** The app's default and minimum windows (main/window-state.ts), and two browser-mode windows. */
export const SIZES = [
  { name: '1280x800 (default)', width: 1280, height: 800 },
  { name: '880x600 (minimum)', width: 880, height: 600 },
  { name: '1024x700', width: 1024, height: 700 },
  // A browser window as small as the desktop one is short: two columns at their narrowest.
  { name: '800x600 (browser)', width: 800, height: 600 },
  // Browser mode's narrow window, or a wide one zoomed: one column, the result readable under the form.
  { name: '700x800 (narrow, or 1400 wide at 200 %)', width: 700, height: 800 },
  { name: '390x844 (phone)', width: 390, height: 844 },
] as const;

export const THEMES = ['light', 'dark'] as const;

/** Page backgrounds of the two themes (renderer/styles.css `--bg`), to know which one is showing. */
export const THEME_BACKGROUND = { light: 'rgb(244, 246, 248)', dark: 'rgb(16, 20, 24)' } as const;

// Names as long as the app allows (80 characters), so wrapping is exercised too.
const LONG_NAME = 'Customer support — production messaging app for the northern region, tier';

/** Writes saved profiles and history into a user-data folder before the app starts. */
export async function seedUserData(dir: string, counts: { profiles: number; history: number }) {
  const now = Date.now();
  const profiles = Array.from({ length: counts.profiles }, (_, i) => ({
    id: randomUUID(),
    name: i % 5 === 0 ? `${LONG_NAME} ${i}` : `Profile ${i}`,
    clientId: i % 7 === 0 ? `client-${'0123456789abcdef'.repeat(8)}` : `client-${i}`,
    preset: i % 2 === 0 ? 'v2' : 'v3',
    tokenUrl: '',
    grantType: 'client_credentials',
    scope: '',
    createdAt: now - i * 1000,
    updatedAt: now - i * 1000,
  }));
  const history = Array.from({ length: counts.history }, (_, i) => ({
    id: `seeded-${i}`,
    at: now - i * 60_000,
    profileName: i % 3 === 0 ? `${LONG_NAME} ${i}` : null,
    host: i % 4 === 0 ? `${'very-long-subdomain-'.repeat(6)}example.com` : 'tapi.telstra.com',
    preset: 'custom',
    outcome: i % 2 === 0 ? 'token-received' : 'oauth:invalid_client',
    ok: i % 2 === 0,
    status: i % 2 === 0 ? 200 : 401,
    error: i % 2 === 0 ? null : i % 6 === 1 ? `invalid_client_${'x'.repeat(150)}` : 'invalid_client',
    durationMs: 120 + i,
  }));
  if (counts.profiles > 0) {
    await writeFile(path.join(dir, 'profiles.json'), JSON.stringify({ version: 1, profiles }));
  }
  if (counts.history > 0) {
    await writeFile(path.join(dir, 'history.json'), JSON.stringify({ version: 1, entries: history }));
  }
}

/** Where a locator's box lies outside the viewport (empty when it is wholly inside). */
export async function outsideViewport(page: Page, target: Locator): Promise<string | null> {
  if ((await target.count()) === 0) return 'not rendered';
  const box = await target.boundingBox();
  const size = page.viewportSize();
  if (!box || !size) return 'not rendered';
  const edges = [
    box.x < 0 ? `left ${box.x}` : '',
    box.y < 0 ? `top ${box.y}` : '',
    box.x + box.width > size.width + 0.5 ? `right ${box.x + box.width} > ${size.width}` : '',
    box.y + box.height > size.height + 0.5 ? `bottom ${box.y + box.height} > ${size.height}` : '',
  ].filter(Boolean);
  return edges.length ? edges.join(', ') : null;
}

export interface LayoutProblems {
  /** The page scrolls sideways. */
  readonly pageScrollsSideways: boolean;
  /** Elements whose box reaches past the left or right edge of the page. */
  readonly widerThanPage: string[];
  /** Elements whose own content spills out of their box (text running over its neighbours). */
  readonly spilling: string[];
  /**
   * Scroll panes inside another scrolling pane or inside the scrolling page, or sharing a column
   * with another scroll pane (one above the other).
   */
  readonly extraScrollers: string[];
}

/** Every element of the page checked for the faults a layout can have at this window size. */
export function layoutProblems(page: Page): Promise<LayoutProblems> {
  return page.evaluate(() => {
    const root = document.documentElement;
    const width = root.clientWidth;
    const describe = (el: Element) => {
      const name = el.getAttribute('aria-label') ?? el.id ?? '';
      const cls = typeof el.className === 'string' && el.className ? `.${el.className.split(' ')[0]}` : '';
      return `${el.tagName.toLowerCase()}${cls}${name ? `[${name}]` : ''}`;
    };
    const formControl = (el: Element) => ['INPUT', 'SELECT', 'TEXTAREA', 'OPTION'].includes(el.tagName);
    const all = [...document.body.querySelectorAll('*')];
    const widerThanPage: string[] = [];
    const spilling: string[] = [];
    const scrollers: Element[] = [];
    for (const el of all) {
      const box = el.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue;
      if (box.left < -0.5 || box.right > width + 0.5) {
        widerThanPage.push(`${describe(el)} ${Math.round(box.left)}..${Math.round(box.right)}`);
      }
      if (formControl(el)) continue;
      const style = getComputedStyle(el);
      if (style.display === 'inline' || style.display === 'contents') continue;
      const scrollsY = /auto|scroll/.test(style.overflowY) && el.scrollHeight > el.clientHeight + 1;
      const scrollsX = /auto|scroll/.test(style.overflowX) && el.scrollWidth > el.clientWidth + 1;
      if (scrollsY || scrollsX) scrollers.push(el);
      if (style.overflowX === 'visible' && el.scrollWidth > el.clientWidth + 1) {
        spilling.push(`${describe(el)} sideways ${el.scrollWidth} > ${el.clientWidth}`);
      }
      if (style.overflowY === 'visible' && el.scrollHeight > el.clientHeight + 1) {
        spilling.push(`${describe(el)} downwards ${el.scrollHeight} > ${el.clientHeight}`);
      }
    }
    const pageScrolls = root.scrollHeight > root.clientHeight + 1;
    const sameColumn = (a: Element, b: Element) => {
      const [p, q] = [a.getBoundingClientRect(), b.getBoundingClientRect()];
      return Math.min(p.right, q.right) - Math.max(p.left, q.left) > Math.min(p.width, q.width) / 2;
    };
    const extraScrollers = scrollers
      .filter(
        (el) =>
          pageScrolls ||
          scrollers.some((other) => other !== el && (other.contains(el) || sameColumn(el, other))),
      )
      .map(describe);
    return { pageScrollsSideways: root.scrollWidth > width + 1, widerThanPage, spilling, extraScrollers };
  });
}

export const NO_PROBLEMS: LayoutProblems = {
  pageScrollsSideways: false,
  widerThanPage: [],
  spilling: [],
  extraScrollers: [],
};

/** Puts every scrolled pane and the page back at the top, as on first open. */
export function scrollAllToTop(page: Page): Promise<void> {
  return page.evaluate(() => {
    for (const el of document.querySelectorAll('*')) el.scrollTop = 0;
    window.scrollTo(0, 0);
  });
}
