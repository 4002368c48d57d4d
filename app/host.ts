// Which host the window runs under: the desktop app (Electron) or browser mode (a loopback
// server and the user's own browser). The renderer only learns what differs, as sentences to
// show once; it never branches on the host otherwise (design.md, "Three hosts, one router").

export type HostKind = 'desktop' | 'browser';

export interface HostInfo {
  readonly kind: HostKind;
  /** What works differently from the desktop app, a one-line summary first; empty on the desktop. */
  readonly differences: readonly string[];
}

/**
 * The name of the meta element browser mode's server writes the notice's first line into, so the
 * window can draw it with its first paint (main/browser/browser-host.ts).
 */
export const HOST_NOTICE_META = 'token-tester-host-notice';

export const DESKTOP_HOST: HostInfo = { kind: 'desktop', differences: [] };

/** Browser mode's notice. Each sentence says what the browser does instead, or that it cannot. */
export const BROWSER_HOST: HostInfo = {
  kind: 'browser',
  differences: [
    'Browser mode: what differs from the desktop app',
    'You are using the app in your browser (browser mode): the desktop window could not start here, or browser mode was asked for. The keychain, the sandbox and the history work as in the desktop app.',
    'Copies are plain text: the browser cannot mark them as concealed for clipboard managers, and it clears them later only if you let this page read the clipboard (otherwise, clear it yourself).',
    'The expiry warning is a browser notification, shown only if you allow notifications for this page.',
    '“Save report…” downloads the report to your browser’s download folder.',
    'Links to Telstra’s portal open in a new tab.',
    'Requests go through Node’s node:https with Node’s certificate list (NODE_EXTRA_CA_CERTS adds a company root) and the proxy variables (https_proxy, no_proxy), not through the system’s proxy settings.',
    'Browser extensions can read what you type into any page: for real secrets, use a browser profile without extensions.',
  ],
};
