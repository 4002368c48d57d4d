// What only the page can do for browser mode, as Electron's main process does it for the desktop
// app: write the clipboard (and clear it later, only if it still holds the app's copy), download a
// report, open a link. The server hands these back with a call's answer (main/browser/effects.ts).
import type { IpcFailure } from '../../app/ipc-contract';
import { atTime, steadyNow } from '../../app/steady-time';

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

/**
 * What the app last put on the clipboard, as a digest (never the text, which is a token), and when
 * it is to be taken off: kept in sessionStorage so a reload of the page still clears it (at its
 * time, at "Clear now" and when browser mode stops). Cleared only while the clipboard still
 * holds it.
 */
const COPY_KEY = 'token-tester.copied';
type CopyRecord = { readonly digest: string; readonly clearsAt: number | null };
let stopClearing = () => {};
/** A clearing is waiting for the page to be in front again. */
let awaitingFocus = false;

async function digestOf(text: string): Promise<string> {
  const bytes = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

function recorded(): CopyRecord | null {
  try {
    const record = JSON.parse(sessionStorage.getItem(COPY_KEY) ?? 'null') as CopyRecord | null;
    return typeof record?.digest === 'string' ? record : null;
  } catch {
    return null;
  }
}

function remember(record: CopyRecord | null): void {
  stopClearing();
  if (record === null) return sessionStorage.removeItem(COPY_KEY);
  sessionStorage.setItem(COPY_KEY, JSON.stringify(record));
  const { clearsAt } = record;
  if (clearsAt === null) return;
  // Looked at every few seconds (app/steady-time.ts): on time after a sleep, and a wall clock set
  // back does not keep the copy there longer.
  stopClearing = atTime(clearsAt, () => void clearIfOurs(false), 5_000, steadyNow(Date.now));
}

/** Clears the clipboard if it still holds our copy; `explicit`: the user pressed "Clear now". */
export async function clearIfOurs(explicit: boolean): Promise<void> {
  const ours = recorded();
  if (ours === null) return;
  let current: string | null = null;
  try {
    current = await navigator.clipboard.readText();
  } catch {
    // Reading needs the user's permission, and the page in front (the browser's window focused:
    // after a copy the user is often pasting elsewhere). Without it, only an explicit "Clear now"
    // clears now; an unfocused page clears once it is in front again.
    if (!explicit) {
      if (!document.hasFocus() && !awaitingFocus) {
        awaitingFocus = true;
        addEventListener(
          'focus',
          () => {
            awaitingFocus = false;
            void clearIfOurs(false);
          },
          { once: true },
        );
      }
      return;
    }
  }
  // Something copied since: the app's copy is gone already, and that one is not the app's.
  if (current !== null && (await digestOf(current)) !== ours.digest) return remember(null);
  remember(null);
  await navigator.clipboard.writeText('').catch(() => undefined);
}

/** Whether the page may read the clipboard, which clearing it later (only if still ours) needs. */
async function mayRead(): Promise<boolean> {
  try {
    const { state } = await navigator.permissions.query({ name: 'clipboard-read' as PermissionName });
    return state === 'granted';
  } catch {
    return false;
  }
}

const CANNOT_CLEAR_LATER =
  'This browser does not let the page read the clipboard, so the app does not take its copy off later (it would not know whether you copied something since): press Clear now when done. (To have it cleared on time, allow the clipboard for this page in the browser’s site settings.)';

// A copy made before this page was reloaded is still cleared at its time.
{
  const record = recorded();
  if (record !== null) remember(record);
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
      const receipt = value as { clearsAt?: unknown; message?: string };
      const clearsAt = typeof receipt.clearsAt === 'number' ? receipt.clearsAt : null;
      if (clearsAt !== null && !(await mayRead())) {
        // No countdown to a clearing that cannot happen: said instead. ("Clear now" still clears
        // it: the user asked, so it need not be read first.)
        remember({ digest: await digestOf(effect.text), clearsAt: null });
        value = {
          ...receipt,
          clearsAt: false,
          message: `${receipt.message ?? ''} ${CANNOT_CLEAR_LATER}`,
        };
      } else remember({ digest: await digestOf(effect.text), clearsAt });
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
