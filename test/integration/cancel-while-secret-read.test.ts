// Cancel pressed while a saved profile's secret is still being read (the keychain may ask the user
// first, or wait on a save of the profile): the main side knew a request only once the token
// service had it, so the Cancel found nothing to stop, and the request went out with the secret as
// soon as the read was done. Here the real keychain's read is held until the Cancel has come.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isIpcFailure, type TokenRequestInput } from '../../app/ipc-contract';
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

/** Services on the real keychain whose reads of a secret wait, once `hold()` is called, until released. */
async function slowKeychainServices(server: TestServer) {
  const real = createKeychain({ service: testService() });
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
  const saved = await services.handlers.saveProfile({
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
  const input = (requestId: string): TokenRequestInput => ({
    requestId,
    preset: 'custom',
    tokenUrl: server.url(),
    clientId: 'abcdefghij',
    secret: { source: 'profile', profileId },
    grantType: 'client_credentials',
    scope: '',
    profileId,
  });
  /** From now on a read of the secret waits: `atRead` once one has begun, `release` lets all go on. */
  const hold = () => {
    let release!: () => void;
    held = new Promise<void>((resolve) => (release = resolve));
    const atRead = new Promise<void>((resolve) => (reading = resolve));
    return {
      atRead,
      release: () => {
        held = null;
        release();
      },
    };
  };
  return { services, h: services.handlers, profileId, input, hold };
}

const tokenServer = async () => {
  const server = await startServer((_req, res) =>
    sendJson(res, 200, { access_token: 'tok-123456789', token_type: 'Bearer', expires_in: 3599 }),
  );
  servers.push(server);
  return server;
};

describe.runIf(requireTestKeyring('a Cancel while the secret is read'))(
  'Cancel while the secret is read',
  () => {
    it('stops the request: nothing is sent, and the answer says it was cancelled', async () => {
      const server = await tokenServer();
      const { h, profileId, input, hold } = await slowKeychainServices(server);
      const read = hold();
      const answer = h.requestToken(input('req-cancel-while-reading'));
      await read.atRead;
      await h.cancelRequest({ requestId: 'req-cancel-while-reading' });
      read.release();
      const result = await answer;
      if (isIpcFailure(result)) throw new Error(`refused: ${result.message}`);
      expect(result.ok).toBe(false);
      expect(result.ok ? null : result.kind).toBe('cancelled');
      expect(server.received).toHaveLength(0);

      // The next request, not cancelled, is sent as before.
      const next = await h.requestToken(input('req-after'));
      expect(!isIpcFailure(next) && next.ok).toBe(true);
      expect(server.received).toHaveLength(1);
      await h.deleteProfile({ profileId });
    });

    it('a second request with the same id meanwhile is refused, and the Cancel still stops the first', async () => {
      // The second took the first's place among the requests not yet sent: the Cancel stopped the
      // second only, and the first went out once its secret was read.
      const server = await tokenServer();
      const { h, profileId, input, hold } = await slowKeychainServices(server);
      const read = hold();
      const first = h.requestToken(input('req-twice'));
      await read.atRead;
      const second = h.requestToken(input('req-twice'));
      await h.cancelRequest({ requestId: 'req-twice' });
      read.release();
      const [result, refused] = await Promise.all([first, second]);
      expect(server.received).toHaveLength(0);
      expect(!isIpcFailure(result) && !result.ok && result.kind).toBe('cancelled');
      expect(isIpcFailure(refused) && refused.kind).toBe('conflict');
      // Once the first is answered, the id may be used again.
      const again = await h.requestToken(input('req-twice'));
      expect(!isIpcFailure(again) && again.ok).toBe(true);
      await h.deleteProfile({ profileId });
    });

    it('quitting while the secret is read stops the request too', async () => {
      // Quitting cancels what the token service has in flight; a request still reading its secret
      // was not there yet, and went out once the read was done (the quit waits up to two seconds).
      const server = await tokenServer();
      const { services, h, input, hold } = await slowKeychainServices(server);
      const read = hold();
      const answer = h.requestToken(input('req-at-quit'));
      await read.atRead;
      const disposed = services.dispose();
      read.release();
      const result = await answer;
      await disposed;
      expect(server.received).toHaveLength(0);
      expect(!isIpcFailure(result) && !result.ok && result.kind).toBe('cancelled');
    });

    it('a request that comes once quitting has begun is not sent', async () => {
      // Browser mode keeps its page's host open while the quit's clean-up runs (up to two
      // seconds): a request the page sent meanwhile (a click, "Renew automatically") went out.
      const server = await tokenServer();
      const { services, h, input } = await slowKeychainServices(server);
      const disposed = services.dispose();
      const saved = await h.requestToken(input('req-after-quit'));
      const typed = await h.requestToken({
        ...input('req-after-quit-typed'),
        secret: { source: 'typed', value: 'typed-secret-123' },
        profileId: null,
      });
      await disposed;
      expect(server.received).toHaveLength(0);
      for (const result of [saved, typed])
        expect(!isIpcFailure(result) && !result.ok && result.kind).toBe('cancelled');
    });
  },
);
