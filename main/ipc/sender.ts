// Which frames may call the main process. Rule (Electron security checklist #17, as in VS Code's
// ipcMain wrapper): only the app's own top-level document, identified by scheme and host.

export interface SenderInfo {
  /** The URL of the frame that sent the message; empty when the frame is gone. */
  readonly url: string;
  readonly isMainFrame: boolean;
}

export interface TrustedOrigin {
  /** e.g. "app:" for the packaged renderer, "http:" for the dev server or bridge mode. */
  readonly protocol: string;
  readonly host: string;
}

export function isTrustedSender(sender: SenderInfo, trusted: TrustedOrigin): boolean {
  if (!sender.isMainFrame) return false;
  let url: URL;
  try {
    url = new URL(sender.url);
  } catch {
    return false;
  }
  // `URL.origin` is "null" for custom schemes, so compare the parts instead.
  return url.protocol === trusted.protocol && url.host === trusted.host;
}

export function trustedOriginOf(url: string): TrustedOrigin {
  const parsed = new URL(url);
  return { protocol: parsed.protocol, host: parsed.host };
}
