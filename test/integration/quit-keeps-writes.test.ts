// Quitting (Ctrl-C in browser mode, the desktop app's quit) right after an answer keeps its
// history entry, and a preference just changed: the entry is written just after the answer, and
// the quit used to go without waiting for it (a helper lost it in 8 of 8 tries).
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createMainServices } from '../../main/services';
import { HISTORY_FILE } from '../../main/history/history-store';
import { SETTINGS_FILE } from '../../main/settings';
import { memoryKeychain } from '../support/memory-keychain';
import { sendJson, startServer, type TestServer } from '../support/servers';

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function app() {
  const userDataDir = await mkdtemp(path.join(tmpdir(), 'quit-'));
  const services = createMainServices({
    fetch: (url, init) => fetch(url, init),
    clipboard: { writeText: async () => undefined, readText: async () => '', clear: async () => undefined },
    openExternal: async () => undefined,
    chooseReportPath: async () => null,
    appInfo: { version: '9.9.9', os: 'TestOS 1.0 (x64)' },
    keychain: memoryKeychain().keychain,
    env: {},
    userDataDir,
  });
  return { services, userDataDir };
}

const readJson = async (file: string) => JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;

describe('quitting right after an answer', () => {
  it('waits for its history entry and a changed preference to reach the disk', async () => {
    const server = await startServer((_req, res) =>
      sendJson(res, 200, { access_token: 'tok-123456', token_type: 'Bearer', expires_in: '3599' }),
    );
    servers.push(server);
    const { services, userDataDir } = await app();
    const h = services.handlers;
    const answer = await h.requestToken({
      requestId: 'quit-1',
      preset: 'custom',
      tokenUrl: server.url(),
      clientId: 'client',
      secret: { source: 'typed', value: 'secret-value-1' },
      grantType: 'client_credentials',
      scope: 'NSMS',
    });
    expect(answer).toMatchObject({ ok: true });
    // Not awaited, as the window does not wait for it before the user quits.
    void h.updateSettings({ notifyBeforeExpiry: false });
    await services.dispose();

    const history = await readJson(path.join(userDataDir, HISTORY_FILE));
    expect(history.entries).toEqual([expect.objectContaining({ id: 'quit-1', ok: true })]);
    const settings = await readJson(path.join(userDataDir, SETTINGS_FILE));
    expect(settings.notifyBeforeExpiry).toBe(false);
  });
});
