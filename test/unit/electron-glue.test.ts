// The Electron-only glue, exercised through fakes of the Electron objects it touches.
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../app/csp';
import { IPC_CHANNELS } from '../../app/ipc-contract';
import { createAppProtocolHandler, resolveAppPath } from '../../main/app-protocol';
import { registerIpc, senderOf } from '../../main/ipc/register';
import { denyAllPermissions, guardContents, type PreventableEvent } from '../../main/security';
import { mainWindowOptions, openMainWindow } from '../../main/window';

describe('the window factory', () => {
  it('turns every security switch the checklist asks for', () => {
    const prefs = mainWindowOptions('/app/preload.cjs').webPreferences;
    expect(prefs).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
    });
  });

  it('shows the window once it has painted, and loads the app URL', () => {
    const listeners: Record<string, () => void> = {};
    const window = {
      once: vi.fn((event: string, listener: () => void) => (listeners[event] = listener)),
      show: vi.fn(),
      loadURL: vi.fn(async () => undefined),
    };
    const create = vi.fn(() => window);
    openMainWindow(create, '/p.cjs', 'app://bundle/index.html');
    expect(create).toHaveBeenCalledWith(mainWindowOptions('/p.cjs'));
    expect(window.loadURL).toHaveBeenCalledWith('app://bundle/index.html');
    expect(window.show).not.toHaveBeenCalled();
    listeners['ready-to-show']?.();
    expect(window.show).toHaveBeenCalled();
  });
});

describe('the app:// protocol handler', () => {
  async function bundle() {
    const root = await mkdtemp(path.join(tmpdir(), 'bundle-'));
    await mkdir(path.join(root, 'assets'));
    await writeFile(path.join(root, 'index.html'), '<!doctype html><title>t</title>');
    await writeFile(path.join(root, 'assets', 'app.js'), 'console.log(1)');
    await writeFile(path.join(root, '..', 'outside-secret.txt'), 'nope');
    return root;
  }

  it('serves files from the bundle with the CSP and no sniffing', async () => {
    const handle = createAppProtocolHandler(await bundle());
    const page = await handle(new Request('app://bundle/index.html'));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    const script = await handle(new Request('app://bundle/assets/app.js'));
    expect(await script.text()).toBe('console.log(1)');
    expect((await handle(new Request('app://bundle/'))).status).toBe(200);
  });

  it.each([
    'app://bundle/../outside-secret.txt',
    'app://bundle/%2e%2e/outside-secret.txt',
    'app://bundle/assets/%2e%2e%2f%2e%2e%2foutside-secret.txt',
    'app://bundle/..%5coutside-secret.txt',
    'app://bundle/%00index.html',
    'app://bundle/%E0%A4%A',
    'app://other/index.html',
    'app://bundle/missing.js',
  ])('answers 404 to %s', async (url) => {
    const handle = createAppProtocolHandler(await bundle());
    const answer = await handle(new Request(url));
    expect(answer.status).toBe(404);
  });

  it('keeps every resolved path inside the root, whatever the URL', () => {
    // The URL parser already folds "..": what is left must still land inside the root.
    expect(resolveAppPath('/srv/bundle', 'app://bundle/a/../../etc/passwd')).toBe('/srv/bundle/etc/passwd');
    expect(resolveAppPath('/srv/bundle', 'app://bundle/a/b.js')).toBe('/srv/bundle/a/b.js');
    const segment = fc.constantFrom('..', '%2e%2e', '%2E%2E', '.', 'a', '%2f', '%5c', '%00', '..%2f', '');
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 8 }), (parts) => {
        const resolved = resolveAppPath('/srv/bundle', `app://bundle/${parts.join('/')}`);
        expect(resolved === null || resolved.startsWith('/srv/bundle/')).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses anything but GET', async () => {
    const handle = createAppProtocolHandler(await bundle());
    expect((await handle(new Request('app://bundle/index.html', { method: 'POST', body: 'x' }))).status).toBe(
      405,
    );
  });
});

describe('the navigation, window-open and permission guards', () => {
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

  it('denies every new window', () => {
    const contents = fakeContents();
    guardContents(contents as never, isApp);
    expect(contents.open('https://example.com')).toEqual({ action: 'deny' });
    expect(contents.open('app://bundle/index.html')).toEqual({ action: 'deny' });
  });

  it('stops navigation and redirects away from the app, but allows a reload', () => {
    const contents = fakeContents();
    guardContents(contents as never, isApp);
    for (const name of ['will-navigate', 'will-redirect']) {
      const away = event();
      contents.handlers[name]?.(away, 'https://evil.example/');
      expect(away.preventDefault).toHaveBeenCalled();
      const home = event();
      contents.handlers[name]?.(home, 'app://bundle/index.html');
      expect(home.preventDefault).not.toHaveBeenCalled();
    }
  });

  it('refuses to attach a webview', () => {
    const contents = fakeContents();
    guardContents(contents as never, isApp);
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
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read']) {
      const callback = vi.fn();
      request?.({}, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
    }
    expect(check?.()).toBe(false);
  });
});

describe('IPC registration', () => {
  it('registers every channel and describes the sender by its frame', async () => {
    const registered = new Map<string, (event: never, arg: unknown) => Promise<unknown>>();
    const dispatch = vi.fn(async () => 'ok');
    registerIpc({ handle: (channel, listener) => registered.set(channel, listener) }, dispatch);
    expect([...registered.keys()].sort()).toEqual(Object.values(IPC_CHANNELS).sort());
    const frame = { url: 'app://bundle/index.html', parent: null };
    await registered.get('token:cancel')?.({ senderFrame: frame } as never, { requestId: 'x' });
    expect(dispatch).toHaveBeenCalledWith(
      'token:cancel',
      { url: 'app://bundle/index.html', isMainFrame: true },
      { requestId: 'x' },
    );
  });

  it('never trusts a missing frame or a subframe', () => {
    expect(senderOf({ senderFrame: null })).toEqual({ url: '', isMainFrame: false });
    expect(senderOf({ senderFrame: { url: 'app://bundle/index.html', parent: {} } as never })).toEqual({
      url: 'app://bundle/index.html',
      isMainFrame: false,
    });
  });
});
