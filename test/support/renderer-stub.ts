// What a test of browser mode's host gives it: a renderer folder to serve, and handlers that count
// their calls.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { vi } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../app/csp';
import { IPC_CHANNELS } from '../../app/ipc-contract';
import type { IpcHandlers } from '../../main/ipc/router';

/** A handler for every channel, each answering `{ ok: true }`; `touched()`: calls to any of them. */
export function countedHandlers() {
  const spies = Object.keys(IPC_CHANNELS).map(() => vi.fn(async () => ({ ok: true, settings: {} })));
  const handlers = Object.fromEntries(Object.keys(IPC_CHANNELS).map((method, i) => [method, spies[i]]));
  return {
    handlers: handlers as unknown as IpcHandlers,
    touched: () => spies.reduce((sum, spy) => sum + spy.mock.calls.length, 0),
  };
}

/**
 * A renderer folder in a new temporary folder (the caller removes it): an index.html under the
 * app's CSP that loads ./main.js, and a page script.
 */
export async function rendererStub(prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  await writeFile(
    path.join(dir, 'index.html'),
    `<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}" /></head><body><script type="module" src="./main.js"></script></body></html>`,
  );
  await writeFile(path.join(dir, 'page-api.js'), 'window.tokenTester = {};');
  return dir;
}
