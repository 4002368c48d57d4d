// Browser mode's late address (`telstra-token ui`): the browser it opened may never reach the app
// (one installed as a snap cannot read the opener page in /tmp and shows "File not found"), so
// after a while the terminal gives an address after all, unless one is no longer needed.
import type { EventEmitter } from 'node:events';

/**
 * Calls `give` once, `waitMs` from now, unless first a page reached the app (`reached` resolved),
 * the user asked for an address (a 'line' from `asked`, the terminal's Enter: they have one
 * already, and another would only be one more unused code in the scroll-back), or the returned
 * function was called (stopping). Each of these also clears the timer: nothing is kept alive.
 */
export function addressUnlessReached(options: {
  reached: Promise<void>;
  asked: EventEmitter | null;
  waitMs: number;
  give: () => void;
}): () => void {
  const { reached, asked, waitMs, give } = options;
  const timer = setTimeout(() => {
    asked?.off('line', cancel);
    give();
  }, waitMs);
  function cancel() {
    clearTimeout(timer);
    asked?.off('line', cancel);
  }
  asked?.once('line', cancel);
  void reached.then(cancel);
  return cancel;
}
