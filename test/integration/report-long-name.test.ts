// Save report keeps the report whole by writing a new file beside the chosen one and renaming it
// over (e57cd37). That new file's name was the chosen name plus 17 bytes: a name the save dialog
// accepts (up to 255 bytes) but within 17 bytes of the limit could no longer be saved at all
// (ENAMETOOLONG: "The app could not complete this operation."), where the plain write had saved it.
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createMainServices } from '../../main/services';
import { ok } from '../support/answers';
import { memoryKeychain } from '../support/memory-keychain';
import { typedRequest } from '../support/memory-app';
import { sendJson, startServer, type TestServer } from '../support/servers';

let server: TestServer;
const services = async (chosen: string) =>
  createMainServices({
    fetch: (url, init) => fetch(url, init),
    clipboard: { writeText: async () => undefined, readText: async () => '', clear: async () => undefined },
    openExternal: async () => undefined,
    chooseReportPath: async () => chosen,
    keychain: memoryKeychain().keychain,
    env: {},
    userDataDir: await mkdtemp(path.join(tmpdir(), 'report-long-data-')),
  });
beforeAll(async () => {
  server = await startServer((_req, res) =>
    sendJson(res, 401, { error: 'invalid_client', error_description: 'Client authentication failed.' }),
  );
});
afterAll(() => server.close());

it.runIf(process.platform !== 'win32')(
  'saves a report under a name near the longest a folder allows',
  async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'report-long-'));
    // 250 bytes: the dialog takes it, the system too; the name plus ".<12 hex>.tmp" it does not.
    const name = `${'r'.repeat(247)}.md`;
    const app = await services(path.join(dir, name));
    try {
      const h = app.handlers;
      await h.requestToken(typedRequest('long-1', server.url('/v2/oauth/token'), 'Report-Secret-0123'));
      expect(ok(await h.saveReport({ requestId: 'long-1' }))).toEqual({
        ok: true,
        saved: path.join(dir, name),
      });
      expect(await readFile(path.join(dir, name), 'utf8')).toMatch(/invalid_client/);
      expect(await readdir(dir)).toEqual([name]);
    } finally {
      await app.dispose();
    }
  },
);

// A folder that cannot take the report (here a file where the folder should be; a folder the user
// may not write in, a full disk) is said as such, with the system's reason: it was the router's
// general "The app could not complete this operation.", which names neither the report nor a remedy.
it('says a report was not saved, and why, when the chosen place cannot take it', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'report-refused-'));
  await writeFile(path.join(dir, 'not-a-folder'), 'x');
  const app = await services(path.join(dir, 'not-a-folder', 'report.md'));
  try {
    const h = app.handlers;
    await h.requestToken(typedRequest('refused-1', server.url('/v2/oauth/token'), 'Report-Secret-0123'));
    expect(await h.saveReport({ requestId: 'refused-1' })).toEqual({
      ok: false,
      kind: 'app-error',
      message:
        'The report was not saved: the file could not be written there (a file is where the folder should be). Choose another folder, or check that the disk has room, then try again.',
      issues: [],
    });
    expect(await readdir(dir)).toEqual(['not-a-folder']);
  } finally {
    await app.dispose();
  }
});
