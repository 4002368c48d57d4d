// What only the page can do for browser mode, as Electron's main process does it for the desktop
// app: write the clipboard (and clear it later, only if it still holds the app's copy), download a
// report, open a link. The server hands these back with a call's answer (main/browser/effects.ts).
import type { IpcFailure } from '../../app/ipc-contract';

export type Effect =
  | { type: 'clipboard'; text: string }
  | { type: 'clear-clipboard' }
  | { type: 'download'; name: string; text: string }
  | { type: 'open'; url: string };

/** A call the page answers itself (no access, no server, the browser said no). */
export const refused = (message: string): IpcFailure => ({
  ok: false,
  kind: 'untrusted-sender',
  message,
  issues: [],
});

let copied: string | null = null;
let clearTimer: ReturnType<typeof setTimeout> | undefined;

/** Clears the clipboard if it still holds our copy; `explicit`: the user pressed "Clear now". */
export async function clearIfOurs(explicit: boolean): Promise<void> {
  const ours = copied;
  if (ours === null) return;
  let current: string | null = null;
  try {
    current = await navigator.clipboard.readText();
  } catch {
    // Reading needs the user's permission. Without it, only an explicit "Clear now" clears.
    if (!explicit) return;
  }
  if (current !== null && current !== ours) return;
  copied = null;
  await navigator.clipboard.writeText('').catch(() => undefined);
}

function download(name: string, text: string): void {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([text], { type: 'text/markdown;charset=utf-8' }));
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
}

export async function apply(effects: readonly Effect[], value: unknown): Promise<unknown> {
  for (const effect of effects) {
    if (effect.type === 'clipboard') {
      try {
        await navigator.clipboard.writeText(effect.text);
      } catch {
        return refused('The browser did not let the page write to the clipboard. Click the button again.');
      }
      copied = effect.text;
      clearTimeout(clearTimer);
      const clearsAt = (value as { clearsAt?: unknown }).clearsAt;
      if (typeof clearsAt === 'number') {
        clearTimer = setTimeout(() => void clearIfOurs(false), Math.max(0, clearsAt - Date.now()));
      }
    } else if (effect.type === 'clear-clipboard') {
      await clearIfOurs(true);
    } else if (effect.type === 'download') {
      download(effect.name, effect.text);
    } else {
      window.open(effect.url, '_blank', 'noopener,noreferrer');
    }
  }
  return value;
}
