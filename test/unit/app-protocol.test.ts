// The app:// protocol handler against a real folder: the built renderer and nothing else.
import fc from 'fast-check';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../app/csp';
import { createAppProtocolHandler, resolveAppPath } from '../../main/app-protocol';

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
    // A backslash is a separator on Windows: refused on every platform, so the rule is tested here too.
    expect(resolveAppPath('/srv/bundle', 'app://bundle/..%5c..%5coutside-secret.txt')).toBeNull();
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
