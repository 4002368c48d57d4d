// A renderer folder for browser mode's host to serve, in a new temporary folder (the caller
// removes it): an index.html under the app's CSP that loads ./main.js, and a page script.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../../app/csp';

export async function rendererStub(prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  await writeFile(
    path.join(dir, 'index.html'),
    `<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}" /></head><body><script type="module" src="./main.js"></script></body></html>`,
  );
  await writeFile(path.join(dir, 'page-api.js'), 'window.tokenTester = {};');
  return dir;
}
