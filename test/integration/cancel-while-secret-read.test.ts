// Cancel pressed while a saved profile's secret is still being read (the keychain may ask the user
// first, or wait on a save of the profile): the main side knew a request only once the token
// service had it, so the Cancel found nothing to stop, and the request went out with the secret as
// soon as the read was done. Here the real keychain's read is held until the Cancel has come.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isIpcFailure } from '../../app/ipc-contract';
import { createKeychain, type Keychain } from '../../main/profiles/keychain';
import { createMainServices, type MainServices } from '../../main/services';
import { requireTestKeyring, testService } from '../support/keyring';
import { sendJson, startServer, type TestServer } from '../support/servers';

const opened: MainServices[] = [];
const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.dispose()));
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

describe.runIf(requireTestKeyring('a Cancel while the secret is read'))(
  'Cancel while the secret is read',
  () => {
    it('stops the request: nothing is sent, and the answer says it was cancelled', async () => {
      const server = await startServer((_req, res) =>
        sendJson(res, 200, { access_token: 'tok-123456789', token_type: 'Bearer', expires_in: 3599 }),
      );
      servers.push(server);
      const real = createKeychain({ service: testService() });
      // The read of the secret stops until the test lets it go on.
      let reading: (() => void) | null = null;
      let held: Promise<void> | null = null;
      const keychain: Keychain = {
        ...real,
        getSecret: async (account) => {
          if (held) {
            reading?.();
            await held;
          }
          return real.getSecret(account);
        },
      };
      const services = createMainServices({
        fetch: (url, init) => fetch(url, init),
        clipboard: {
          writeText: async () => undefined,
          readText: async () => '',
          clear: async () => undefined,
        },
        openExternal: async () => undefined,
        env: {},
        userDataDir: await mkdtemp(path.join(tmpdir(), 'cancel-read-')),
        keychain,
      });
      opened.push(services);
      const h = services.handlers;
      const saved = await h.saveProfile({
        profileId: null,
        fields: {
          name: 'Slow keychain',
          preset: 'custom',
          tokenUrl: server.url(),
          clientId: 'abcdefghij',
          grantType: 'client_credentials',
          scope: '',
        },
        secret: 'saved-secret-123',
      });
      if (!saved.ok) throw new Error(`not saved: ${saved.message}`);
      const profileId = saved.profile.id;

      let release!: () => void;
      held = new Promise<void>((resolve) => (release = resolve));
      const atRead = new Promise<void>((resolve) => (reading = resolve));
      const answer = h.requestToken({
        requestId: 'req-cancel-while-reading',
        preset: 'custom',
        tokenUrl: server.url(),
        clientId: 'abcdefghij',
        secret: { source: 'profile', profileId },
        grantType: 'client_credentials',
        scope: '',
        profileId,
      });
      await atRead;
      await h.cancelRequest({ requestId: 'req-cancel-while-reading' });
      held = null;
      release();
      const result = await answer;
      if (isIpcFailure(result)) throw new Error(`refused: ${result.message}`);
      expect(result.ok).toBe(false);
      expect(result.ok ? null : result.kind).toBe('cancelled');
      expect(server.received).toHaveLength(0);

      // The next request, not cancelled, is sent as before.
      const next = await h.requestToken({
        requestId: 'req-after',
        preset: 'custom',
        tokenUrl: server.url(),
        clientId: 'abcdefghij',
        secret: { source: 'profile', profileId },
        grantType: 'client_credentials',
        scope: '',
        profileId,
      });
      expect(!isIpcFailure(next) && next.ok).toBe(true);
      expect(server.received).toHaveLength(1);
      await h.deleteProfile({ profileId });
    });
  },
);
