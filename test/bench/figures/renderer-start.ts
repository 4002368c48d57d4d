// Renderer start, bridge mode: navigation start to the "Client ID" field accepting input, over
// fresh launches, beside a minimal React 19 page (one input, the same Vite settings) launched the
// same way — the floor for any React app. Budget: ratio of medians at most 1.3.
import react from '@vitejs/plugin-react';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'vite';
import { launchApp, projectRoot } from '../../support/launch';
import { CLIENT_ID_PROBE } from '../browser';
import { ratioRows, type Figure } from '../figure';

export async function buildMinimalReactPage(): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'minimal-react-'));
  await writeFile(
    path.join(root, 'index.html'),
    '<!doctype html><html><head><meta name="bench-floor" content="minimal-react"></head><body><div id="root"></div><script type="module" src="./main.tsx"></script></body></html>',
  );
  await writeFile(
    path.join(root, 'main.tsx'),
    "import { createRoot } from 'react-dom/client';\ncreateRoot(document.getElementById('root')!).render(<input aria-label=\"Client ID\" />);\n",
  );
  await build({
    configFile: false,
    logLevel: 'warn',
    root,
    base: './',
    // The app's renderer settings (vite.config.ts), so the two differ only in what they render.
    plugins: [react()],
    resolve: {
      alias: {
        react: path.join(projectRoot, 'node_modules/react'),
        'react-dom': path.join(projectRoot, 'node_modules/react-dom'),
      },
    },
    build: { outDir: path.join(root, 'dist'), target: 'chrome140', modulePreload: { polyfill: false } },
  });
  return path.join(root, 'dist');
}

/**
 * One fresh launch in bridge mode (the app's, or another page served the same way). Bridge mode by
 * name: only it serves another folder, so in the default (browser) mode the "floor" was the app.
 */
async function startTime(rendererDir?: string): Promise<number> {
  const app = await launchApp({
    transport: 'bridge',
    initScripts: [CLIENT_ID_PROBE],
    noWait: true,
    settleMs: 750,
    ...(rendererDir ? { rendererDir } : {}),
  });
  try {
    const readyMs = await app.page.evaluate(
      () => (window as unknown as { __clientIdReady: Promise<number> }).__clientIdReady,
    );
    // The page timed is the one asked for: the floor, or the app (never the app twice).
    const floor = await app.page.evaluate(() => document.querySelector('meta[name="bench-floor"]') !== null);
    if (floor !== (rendererDir !== undefined))
      throw new Error(`renderer start: the ${rendererDir ? 'floor' : 'app'} launch served another page`);
    return readyMs;
  } finally {
    await app.close();
  }
}

export const rendererStart: Figure = {
  name: 'renderer start',
  async measure({ runs }) {
    const floorDir = await buildMinimalReactPage();
    await startTime();
    await startTime(floorDir);
    const samplesMs: number[] = [];
    const baselineSamplesMs: number[] = [];
    for (let i = 0; i < runs; i += 1) {
      baselineSamplesMs.push(await startTime(floorDir));
      samplesMs.push(await startTime());
    }
    return ratioRows(
      `renderer start, navigation to "Client ID" ready (bridge mode, ${runs} fresh launches)`,
      'a minimal React 19 page with one input, launched the same way',
      { samplesMs, baselineSamplesMs },
      1.3,
    );
  },
};
