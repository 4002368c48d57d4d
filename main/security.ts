// App-wide defaults that deny: navigation, new windows, <webview> and permission requests.
// Applied to every web contents the app creates, in one place (as VS Code's app.ts does).
import { isAllowedExternalUrl } from '../app/links';

export interface PreventableEvent {
  preventDefault(): void;
}

export interface GuardedContents {
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
  on(
    event: 'will-navigate' | 'will-redirect',
    listener: (event: PreventableEvent, url: string) => void,
  ): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
}

export interface PermissionSession {
  setPermissionRequestHandler(
    handler: (contents: unknown, permission: string, callback: (granted: boolean) => void) => void,
  ): void;
  setPermissionCheckHandler(handler: () => boolean): void;
}

/**
 * `isAppDocument` accepts only the app's own page (so a reload still works); `openExternal`
 * hands an allowed link to the system browser.
 */
export function guardContents(
  contents: GuardedContents,
  isAppDocument: (url: string) => boolean,
  openExternal: (url: string) => void,
): void {
  // Security checklist #15: no new windows; allowed links open in the system browser instead.
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) openExternal(url);
    return { action: 'deny' };
  });
  // Security checklist #14: the page never navigates anywhere else.
  const stayHome = (event: PreventableEvent, url: string) => {
    if (!isAppDocument(url)) event.preventDefault();
  };
  contents.on('will-navigate', stayHome);
  contents.on('will-redirect', stayHome);
  // Security checklist #12: no <webview>, whatever the page tries.
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** Security checklist #10: the app needs no permission, so every request is refused. */
export function denyAllPermissions(session: PermissionSession): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

export interface DownloadSession {
  on(event: 'will-download', listener: (event: PreventableEvent) => void): unknown;
}

/**
 * The desktop app downloads nothing (a report is written by the main side after a save dialog of
 * its own): a link or script in the page that starts a download, with a name and content of its
 * choosing, is stopped before Electron's save dialog would offer it.
 */
export function refuseDownloads(session: DownloadSession): void {
  session.on('will-download', (event) => event.preventDefault());
}

export interface CertificateRequests {
  on(
    event: 'select-client-certificate',
    listener: (
      event: PreventableEvent,
      contents: unknown,
      url: string,
      certificates: readonly unknown[],
      callback: (certificate?: never) => void,
    ) => void,
  ): unknown;
}

/**
 * No client certificate is ever offered. The token call authenticates with the client ID and
 * secret; left alone, Electron would hand the first certificate in the system's store to any
 * server that asks for one (a custom token URL's, say), telling it who the user is.
 */
export function refuseClientCertificates(app: CertificateRequests): void {
  app.on('select-client-certificate', (event, _contents, _url, _certificates, callback) => {
    event.preventDefault();
    callback();
  });
}
