// Electron's side of IPC, through a fake ipcMain.
import { describe, expect, it, vi } from 'vitest';
import { IPC_CHANNELS } from '../../app/ipc-contract';
import { registerIpc, senderOf } from '../../main/ipc/register';

describe('IPC registration', () => {
  it('registers every channel and describes the sender by its frame', async () => {
    const registered = new Map<string, (event: never, arg: unknown) => Promise<unknown>>();
    const dispatch = vi.fn(async () => 'ok');
    registerIpc({ handle: (channel, listener) => registered.set(channel, listener) }, dispatch);
    expect([...registered.keys()].sort()).toEqual(Object.values(IPC_CHANNELS).sort());
    const frame = { url: 'app://bundle/index.html', parent: null };
    await registered.get('token:cancel')?.({ senderFrame: frame } as never, { requestId: 'x' });
    expect(dispatch).toHaveBeenCalledWith(
      'token:cancel',
      { url: 'app://bundle/index.html', isMainFrame: true },
      { requestId: 'x' },
    );
  });

  it('never trusts a missing frame or a subframe', () => {
    expect(senderOf({ senderFrame: null })).toEqual({ url: '', isMainFrame: false });
    // The app's own page, but detached from the frame tree (replaced, running its unload listeners).
    expect(
      senderOf({ senderFrame: { url: 'app://bundle/index.html', parent: null, detached: true } as never }),
    ).toEqual({ url: '', isMainFrame: false });
    expect(
      senderOf({ senderFrame: { url: 'app://bundle/index.html', parent: null, detached: false } as never }),
    ).toEqual({ url: 'app://bundle/index.html', isMainFrame: true });
    expect(senderOf({ senderFrame: { url: 'app://bundle/index.html', parent: {} } as never })).toEqual({
      url: 'app://bundle/index.html',
      isMainFrame: false,
    });
  });
});
