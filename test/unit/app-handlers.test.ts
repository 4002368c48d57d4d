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

describe('a preference or a history clear that could not be saved', () => {
  // Real stores on a real folder, each file's place taken by a folder: the stores leave it alone
  // and refuse to write over it; the answer says so instead of "could not complete".
  async function withFoldersInPlace() {
    const { mkdtemp, mkdir } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const { createSettingsStore, SETTINGS_FILE } = await import('../../main/settings');
    const { createHistoryStore, HISTORY_FILE } = await import('../../main/history/history-store');
    const dir = await mkdtemp(path.join(tmpdir(), 'unsaved-'));
    await mkdir(path.join(dir, SETTINGS_FILE));
    await mkdir(path.join(dir, HISTORY_FILE));
    return appHandlers({
      sandboxUrl: () => Promise.reject(new Error('unused')),
      openExternal: async () => undefined,
      settings: createSettingsStore(dir),
      history: createHistoryStore(dir),
      host: {} as AppHandlerDeps['host'],
    });
  }

  it('is answered with what was not saved and why', async () => {
    const app = await withFoldersInPlace();
    expect(await app.updateSettings({ notifyBeforeExpiry: true })).toMatchObject({
      ok: false,
      kind: 'app-error',
      message:
        'Your preferences were not saved. The file of your preferences is not written over: see the notice.',
    });
    expect(await app.clearHistory()).toMatchObject({
      ok: false,
      kind: 'app-error',
      message: expect.stringMatching(
        /^The history was not cleared\. The file of the history .* is not written over: see the notice\.$/,
      ) as string,
    });
  });

  it('says in words what the folder’s refusal of the write was', async () => {
    const write = Object.assign(new Error('ENOSPC: no space left on device, open …/settings.json.tmp'), {
      code: 'ENOSPC',
    });
    const app = appHandlers({
      sandboxUrl: () => Promise.reject(new Error('unused')),
      openExternal: async () => undefined,
      settings: { update: () => Promise.reject(write) } as unknown as AppHandlerDeps['settings'],
      history: {} as AppHandlerDeps['history'],
      host: {} as AppHandlerDeps['host'],
    });
    const answer = await app.updateSettings({ autoRenew: true });
    expect(answer).toMatchObject({
      ok: false,
      message:
        'Your preferences were not saved: the data folder could not be written (no space left on the device). Check that the disk has room and that the folder may be written, then try again.',
    });
    // The path in the system's message stays out.
    expect(JSON.stringify(answer)).not.toContain('settings.json');
  });
});
