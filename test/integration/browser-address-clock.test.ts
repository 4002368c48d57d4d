// Browser mode's address for the browser it opens lives two minutes, by a clock no one sets. By the
// wall clock (as it was) a clock stepped ahead between the start and the browser's first call (an
// NTP step after a resume, a zone fixed by hand) made the address "used already, or expired", and
// the window never opened; a clock set back kept a code meant for two minutes alive for hours.
// Real host on 127.0.0.1; only Date is faked, so the wall clock jumps and timers do not.
import { request } from 'node:http';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, expect, it, vi } from 'vitest';
import { PAIRING_HEADER } from '../../main/browser/access';
import { startBrowserHost } from '../../main/browser/browser-host';
import { OPENER_LIFETIME_MS } from '../../main/browser/open-browser';
import { createPageEvents } from '../../main/browser/page-events';
import type { IpcHandlers } from '../../main/ipc/router';
import { rendererStub } from '../support/renderer-stub';

afterEach(() => vi.useRealTimers());

/** The status of trading an address's code, as the page does. */
function pair(port: number, address: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const sent = request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/api/pair',
        headers: {
          Host: `127.0.0.1:${port}`,
          'Content-Type': 'application/json',
          [PAIRING_HEADER]: new URL(address).hash.replace(/^#pair=/, ''),
        },
        agent: false,
      },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      },
    );
    sent.on('error', reject);
    sent.end('{}');
  });
}

it('the address handed to the browser still pairs after the wall clock jumps three hours ahead', async () => {
  const dir = await rendererStub('browser-address-clock-');
  vi.useFakeTimers({ toFake: ['Date'], now: Date.now() });
  const host = await startBrowserHost({
    handlers: {} as IpcHandlers,
    rendererDir: dir,
    pageScriptFile: path.join(dir, 'page-api.js'),
    events: createPageEvents(),
  });
  try {
    const address = host.address(OPENER_LIFETIME_MS);
    vi.setSystemTime(Date.now() + 3 * 3_600_000);
    expect(await pair(host.port, address)).toBe(200);
  } finally {
    vi.useRealTimers();
    await host.close();
    await rm(dir, { recursive: true, force: true });
  }
});
