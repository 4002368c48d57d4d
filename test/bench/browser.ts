// Shared by the browser figures: a probe that notes when the "Client ID" field
// can take input, and a static server for pages that are not the app.
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

/**
 * Runs before the page: `window.__clientIdReady` is a promise of the time (ms since navigation
 * start) at which an enabled input named "Client ID" is in the document, right after React commits
 * it. A promise, so the benchmark waits for it without polling the page while it loads.
 */
export const CLIENT_ID_PROBE = `(() => {
  const ready = () => {
    const byLabel = [...document.querySelectorAll('label')].find((l) => l.textContent === 'Client ID')?.control;
    const input = byLabel ?? document.querySelector('input[aria-label="Client ID"]');
    return input instanceof HTMLInputElement && !input.disabled;
  };
  window.__clientIdReady = new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (ready()) {
        observer.disconnect();
        resolve(performance.now());
      }
    });
    observer.observe(document, { childList: true, subtree: true });
  });
})();`;

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };

/** Serves a folder on 127.0.0.1; returns its origin and a way to stop it. */
export async function serveFolder(dir: string): Promise<{ origin: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    const file = path.join(
      dir,
      path.normalize(new URL(req.url ?? '/', 'http://x').pathname).replace(/^([/\\\\])+/, '') || 'index.html',
    );
    void readFile(file).then(
      (body) => {
        res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
        res.end(body);
      },
      () => {
        res.writeHead(404);
        res.end();
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
