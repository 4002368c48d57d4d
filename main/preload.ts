// Runs before the page, in the sandboxed renderer, with context isolation: exposes exactly the
// named operations of the IPC contract and nothing else (no ipcRenderer, no generic invoke).
import { contextBridge, ipcRenderer } from 'electron';
import { API_GLOBAL, createTokenTesterApi } from '../app/preload-api';

contextBridge.exposeInMainWorld(
  API_GLOBAL,
  createTokenTesterApi((channel, arg) => ipcRenderer.invoke(channel, arg)),
);
