// Navigation, window-open, webview and permission guards, and the external-link allowlist,
// through fakes of Electron's web contents and session.
import { describe, expect, it, vi } from 'vitest';
import { isAllowedExternalUrl, TELSTRA_DEVELOPER_PORTAL } from '../../app/links';
import { denyAllPermissions, guardContents, type PreventableEvent } from '../../main/security';

function fakeContents() {
  const handlers: Record<string, (event: PreventableEvent, url?: string) => void> = {};
  let openHandler: ((details: { url: string }) => { action: string }) | undefined;
  return {
    handlers,
    open: (url: string) => openHandler?.({ url }),
    setWindowOpenHandler: (h: typeof openHandler) => (openHandler = h),
    on: (name: string, listener: (event: PreventableEvent, url?: string) => void) =>
      (handlers[name] = listener),
  };
}
const event = () => ({ preventDefault: vi.fn() });
const isApp = (url: string) => url.startsWith('app://bundle/');

describe('the guards', () => {
  it('denies every new window, handing only allowed links to the system browser', () => {
    const contents = fakeContents();
    const openExternal = vi.fn();
    guardContents(contents as never, isApp, openExternal);
    expect(contents.open('https://example.com/')).toEqual({ action: 'deny' });
    expect(contents.open('app://bundle/index.html')).toEqual({ action: 'deny' });
    expect(contents.open('http://dev.telstra.com/')).toEqual({ action: 'deny' });
    expect(openExternal).not.toHaveBeenCalled();
    expect(contents.open(TELSTRA_DEVELOPER_PORTAL)).toEqual({ action: 'deny' });
    expect(openExternal).toHaveBeenCalledWith(TELSTRA_DEVELOPER_PORTAL);
  });

  it('stops navigation and redirects away from the app, but allows a reload', () => {
    const contents = fakeContents();
    guardContents(contents as never, isApp, vi.fn());
    for (const name of ['will-navigate', 'will-redirect']) {
      for (const url of [
        'https://evil.example/',
        'file:///etc/passwd',
        'app://other/index.html',
        'javascript:alert(1)',
      ]) {
        const away = event();
        contents.handlers[name]?.(away, url);
        expect(away.preventDefault, `${name} ${url}`).toHaveBeenCalled();
      }
      const home = event();
      contents.handlers[name]?.(home, 'app://bundle/index.html');
      expect(home.preventDefault).not.toHaveBeenCalled();
    }
  });

  it('refuses to attach a webview', () => {
    const contents = fakeContents();
    guardContents(contents as never, isApp, vi.fn());
    const attach = event();
    contents.handlers['will-attach-webview']?.(attach);
    expect(attach.preventDefault).toHaveBeenCalled();
  });

  it('refuses every permission request and check', () => {
    let request: ((c: unknown, p: string, cb: (granted: boolean) => void) => void) | undefined;
    let check: (() => boolean) | undefined;
    denyAllPermissions({
      setPermissionRequestHandler: (h) => (request = h),
      setPermissionCheckHandler: (h) => (check = h),
    });
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      const callback = vi.fn();
      request?.({}, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
    }
    expect(check?.()).toBe(false);
  });
});

describe('the external-link allowlist', () => {
  it.each([
    TELSTRA_DEVELOPER_PORTAL,
    'https://dev.telstra.com/content/messaging-api',
    'https://DEV.telstra.com/',
  ])('opens %s', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(true);
  });

  it.each([
    'http://dev.telstra.com/',
    'https://dev.telstra.com.evil.example/',
    'https://evil.example/?https://dev.telstra.com/',
    'https://user@dev.telstra.com/',
    'https://dev.telstra.com:8443/',
    'https://tapi.telstra.com/v2/oauth/token',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'not a url',
  ])('refuses %s', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(false);
  });
});
