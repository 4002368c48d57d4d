// What browser mode's page says itself, when a call cannot reach the app or the page has lost
// its connection (page-api.ts); the app's own answers come from the server.
import { MAX_CALL_BYTES } from '../../app/browser-lane';
import type { IpcFailure } from '../../app/ipc-contract';

export const NO_ACCESS =
  'This page has no access. Open the address printed in the terminal where browser mode runs (press Enter there for a new one: each address opens one tab).';
export const STALE_ACCESS =
  'This page’s access is not valid for the running app (it changes each time browser mode starts). Open a new address from the terminal.';
export const NO_ANSWER = 'Browser mode’s server did not answer. Is it still running in the terminal?';
/** A call over the lane's cap: what it holds is far over any field's limit. */
export const TOO_LARGE: IpcFailure = {
  ok: false,
  kind: 'invalid-input',
  message: `This is too much text for the app to take in one go (more than ${MAX_CALL_BYTES / 1024} KiB). Shorten what was pasted or chosen, then try again.`,
  issues: [],
};
export const STOPPED = 'Browser mode has stopped. Start it again and open the new address it prints.';

export const LEFT =
  'This tab lost its connection to browser mode while you were on another page. Open a new address from the terminal where browser mode runs (press Enter there for one).';
