// Copy actions, all done by the main process: the window asks by request id and never sends
// the token (or anything else secret) back to be copied.
import { COPIED } from '../../app/copy-messages';
import type { ClipboardGuard } from '../clipboard/clipboard-guard';
import { ipcFailure, type IpcHandlers } from '../ipc/router';
import type { RequestLog } from '../requests/request-log';

const gone = () => ipcFailure('not-found', 'That token is no longer available; request a new one.');

export function clipboardHandlers(
  log: RequestLog,
  clipboard: ClipboardGuard,
): Pick<IpcHandlers, 'copyToken' | 'copyAuthorizationHeader' | 'clearClipboard'> {
  return {
    async copyToken({ requestId }) {
      const issued = log.tokenOf(requestId);
      if (!issued) return gone();
      return { ok: true, ...(await clipboard.copy(issued.token, issued.expiresAt)), message: COPIED.token };
    },
    async copyAuthorizationHeader({ requestId }) {
      const issued = log.tokenOf(requestId);
      if (!issued) return gone();
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
