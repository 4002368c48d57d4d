// Electron's side of IPC: one ipcMain.handle per channel, all into the router, with the sender
// described by its frame. Thin on purpose; the router is where the rules live.
import type { IpcMainInvokeEvent } from 'electron';
import { IPC_CHANNELS } from '../../app/ipc-contract';
import type { Dispatch } from './router';
import type { SenderInfo } from './sender';

export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcMainInvokeEvent, arg: unknown) => Promise<unknown>): void;
}

export function senderOf(event: Pick<IpcMainInvokeEvent, 'senderFrame'>): SenderInfo {
  const frame = event.senderFrame;
  // A frame that navigated away or was destroyed is never trusted, nor one detached from the
  // frame tree: a page still running its unload listeners while the next one replaces it.
  if (!frame || frame.detached) return { url: '', isMainFrame: false };
  return { url: frame.url, isMainFrame: frame.parent === null };
}

export function registerIpc(ipcMain: IpcMainLike, dispatch: Dispatch): void {
  for (const channel of Object.values(IPC_CHANNELS)) {
    // Only the first argument is read; extra arguments a page might send are ignored.
    ipcMain.handle(channel, (event, arg) => dispatch(channel, senderOf(event), arg));
  }
}
