// The openExternal handler: only allowlisted links reach the system browser, and a browser that
// could not be started is answered with a sentence naming the address (the window shows it).
import { describe, expect, it, vi } from 'vitest';
import { TELSTRA_DEVELOPER_PORTAL } from '../../app/links';
import { appHandlers, type AppHandlerDeps } from '../../main/handlers/app-handlers';

function handlers(openExternal: AppHandlerDeps['openExternal']) {
  return appHandlers({
    sandboxUrl: () => Promise.reject(new Error('unused')),
    openExternal,
    settings: {} as AppHandlerDeps['settings'],
    history: {} as AppHandlerDeps['history'],
    host: {} as AppHandlerDeps['host'],
  });
}

describe('openExternal', () => {
  it('opens an allowed link', async () => {
    const open = vi.fn(async () => undefined);
    expect(await handlers(open).openExternal({ url: TELSTRA_DEVELOPER_PORTAL })).toEqual({ ok: true });
    expect(open).toHaveBeenCalledWith(TELSTRA_DEVELOPER_PORTAL);
  });

  it('says so, with the address, when the system did not open it', async () => {
    const open = vi.fn(async () => {
      throw new Error('Failed to open: xdg-open not found /home/someone/.secret-path');
    });
    const answer = await handlers(open).openExternal({ url: TELSTRA_DEVELOPER_PORTAL });
    expect(answer).toEqual({
      ok: false,
      kind: 'app-error',
      message: `The system did not open ${TELSTRA_DEVELOPER_PORTAL} in a browser. Copy the address into a browser to open it.`,
      issues: [],
    });
  });

  it('refuses a link not on the list without asking the system', async () => {
    const open = vi.fn(async () => undefined);
    const answer = await handlers(open).openExternal({ url: 'https://example.com/' });
    expect(answer).toMatchObject({ ok: false, kind: 'invalid-input' });
    expect(open).not.toHaveBeenCalled();
  });
});
