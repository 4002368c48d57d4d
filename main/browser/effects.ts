// What browser mode's main side cannot do itself and hands to the page with the answer of the
// call that caused it: write to the clipboard, download a report, open a link. Each API call runs
// in its own context (AsyncLocalStorage), so an effect goes back with the call that caused it and
// never with another's. Timed work outside a call (the clipboard guard's delayed clear) has no
// page to act on; the page's API script schedules those itself from the receipt.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { ClipboardDevice } from '../clipboard/clipboard-guard';

export type PageEffect =
  | { readonly type: 'clipboard'; readonly text: string }
  | { readonly type: 'clear-clipboard' }
  | { readonly type: 'download'; readonly name: string; readonly text: string }
  | { readonly type: 'open'; readonly url: string };

const calls = new AsyncLocalStorage<PageEffect[]>();

/** Runs one API call and collects the effects it asked for. */
export async function collectEffects<T>(run: () => Promise<T>): Promise<{ value: T; effects: PageEffect[] }> {
  const effects: PageEffect[] = [];
  const value = await calls.run(effects, run);
  return { value, effects };
}

function hand(effect: PageEffect): boolean {
  const effects = calls.getStore();
  if (!effects) return false;
  effects.push(effect);
  return true;
}

/**
 * The page's clipboard, seen from here. Reading the real one needs the page (and the user's
 * permission), so this remembers what it last handed over; the guard's "only if it still holds
 * what the app put there" check is completed by the page before it clears anything.
 */
export function pageClipboard(): ClipboardDevice {
  let handed = '';
  return {
    async writeText(text) {
      if (hand({ type: 'clipboard', text })) handed = text;
    },
    async readText() {
      return handed;
    },
    async clear() {
      hand({ type: 'clear-clipboard' });
      handed = '';
    },
  };
}

/** "Save report…" in browser mode: a download of the same Markdown. */
export async function downloadReport(name: string, text: string): Promise<string | null> {
  return hand({ type: 'download', name, text }) ? name : null;
}

/** An allowlisted link (the handler checked it) opens in a new tab of the user's browser. */
export async function openInPage(url: string): Promise<void> {
  hand({ type: 'open', url });
}
