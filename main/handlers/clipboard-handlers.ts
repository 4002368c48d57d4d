// Copy actions, all done by the main process: the window asks by request id and never sends
// the token (or anything else secret) back to be copied.
import { COPIED } from '../../app/copy-messages';
import type { ClipboardGuard } from '../clipboard/clipboard-guard';
import { ipcFailure, type IpcHandlers } from '../ipc/router';
import type { RequestLog } from '../requests/request-log';

const gone = () => ipcFailure('not-found', 'That token is no longer available; request a new one.');
const expired = () =>
  ipcFailure('not-found', 'That token has expired, so it is not copied: request a new one.');

export function clipboardHandlers(
  log: RequestLog,
  clipboard: ClipboardGuard,
): Pick<IpcHandlers, 'copyToken' | 'copyAuthorizationHeader' | 'clearClipboard'> {
  /**
   * The request's token, unless it has expired: a copy is cleared when its token expires, so an
   * expired one (the window left open for hours) was copied and cleared at once, while the window
   * said "Token copied" and then "Time is up". Expired by the time since it came (the log's clock),
   * as the window counts it: a wall clock set back since made one the window said was expired
   * copyable again.
   */
  const tokenOf = (requestId: string) => {
    const issued = log.tokenOf(requestId);
    if (!issued) return gone();
    return issued.expiresAt !== null && issued.expiresAt <= issued.now() ? expired() : issued;
  };
  return {
    async copyToken({ requestId }) {
      const issued = tokenOf(requestId);
      if ('ok' in issued) return issued;
      return { ok: true, ...(await clipboard.copy(issued.token, issued.expiresAt)), message: COPIED.token };
    },
    async copyAuthorizationHeader({ requestId }) {
      const issued = tokenOf(requestId);
      if ('ok' in issued) return issued;
      return {
        ok: true,
        ...(await clipboard.copy(`Authorization: Bearer ${issued.token}`, issued.expiresAt)),
        message: COPIED.authorization,
      };
    },
    async clearClipboard() {
      await clipboard.clearIfOurs();
      return { ok: true };
    },
  };
}
