// The keychain adapter against the real Secret Service (gnome-keyring in the private D-Bus
// session `npm test` starts), cross-checked with secret-tool.
import { execFile } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_KEYCHAIN_SERVICE, MAX_SECRET_BYTES } from '../../app/keychain';
import { classifyKeychainError, createKeychain, KeychainError } from '../../main/profiles/keychain';
import { projectRoot } from '../support/launch';
import { requireTestKeyring, secretToolLookup, testService } from '../support/keyring';

const utf8Bytes = (text: string) => new TextEncoder().encode(text).byteLength;

describe.runIf(requireTestKeyring('the keychain adapter on the Secret Service'))(
  'the keychain adapter on the Secret Service (private keyring)',
  () => {
    it('stores, finds, lists and deletes a secret, and secret-tool sees the same', async () => {
      const service = testService();
      const keychain = createKeychain({ service });
      await keychain.setSecret('profile-a', 'sëcret with spaces ', { putBack: null });
      expect(await keychain.getSecret('profile-a')).toBe('sëcret with spaces ');
      expect(await secretToolLookup(service, 'profile-a')).toBe('sëcret with spaces ');
      expect([...(await keychain.accounts())]).toEqual(['profile-a']);

      expect(await keychain.deleteSecret('profile-a')).toBe(true);
      expect(await keychain.getSecret('profile-a')).toBeNull();
      expect(await secretToolLookup(service, 'profile-a')).toBeNull();
      expect(await keychain.deleteSecret('profile-a')).toBe(false);
    });

    it('keeps services apart', async () => {
      const one = createKeychain({ service: testService() });
      const two = createKeychain({ service: testService() });
      await one.setSecret('same-account', 'one', { putBack: null });
      expect(await two.getSecret('same-account')).toBeNull();
      await one.deleteSecret('same-account');
    });

    it('round-trips secrets of arbitrary Unicode up to the limit exactly', async () => {
      const service = testService();
      const keychain = createKeychain({ service });
      const secret = fc
        .string({ unit: 'grapheme', minLength: 1, maxLength: 300 })
        .filter((s) => utf8Bytes(s) <= MAX_SECRET_BYTES && !s.includes('\0'));
      await fc.assert(
        fc.asyncProperty(secret, async (value) => {
          await keychain.setSecret('round-trip', value, { putBack: null });
          expect(await keychain.getSecret('round-trip')).toBe(value);
        }),
        { numRuns: 60 },
      );
      const largest = 'é'.repeat(MAX_SECRET_BYTES / 2);
      await keychain.setSecret('round-trip', largest, { putBack: null });
      expect(await keychain.getSecret('round-trip')).toBe(largest);
      await keychain.deleteSecret('round-trip');
    });
  },
);

describe('keychain failures', () => {
  it('refuses a secret over 1 KiB before asking the OS', async () => {
    const load = vi.fn();
    const keychain = createKeychain({ service: testService(), load });
    const tooBig = 'x'.repeat(MAX_SECRET_BYTES + 1);
    await expect(keychain.setSecret('a', tooBig, { putBack: null })).rejects.toMatchObject({
      problem: 'too-large',
    });
    await expect(keychain.setSecret('a', 'é'.repeat(513), { putBack: null })).rejects.toMatchObject({
      problem: 'too-large',
    });
    expect(load).not.toHaveBeenCalled();
  });

  it('gives up on a keychain that hangs', async () => {
    const never = () => new Promise<never>(() => undefined);
    const keychain = createKeychain({
      service: testService(),
      timeoutMs: 150,
      load: async () => ({
        setPassword: never,
        getPassword: never,
        deletePassword: never,
        findCredentials: never,
      }),
    });
    const started = performance.now();
    await expect(keychain.getSecret('a')).rejects.toMatchObject({ problem: 'timeout' });
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('reports a keytar that is not installed as such, and one that fails to load as no keychain service', async () => {
    const missing = createKeychain({
      service: testService(),
      load: () =>
        Promise.reject(Object.assign(new Error("Cannot find module 'keytar'"), { code: 'MODULE_NOT_FOUND' })),
    });
    await expect(missing.accounts()).rejects.toMatchObject({ problem: 'not-installed' });
    // As the command line's keychain helper reports it: the message only.
    const missingInHelper = createKeychain({
      service: testService(),
      load: () =>
        Promise.reject(
          new Error("Cannot find module 'keytar'\nRequire stack:\n- /app/dist/cli/keychain-helper.cjs"),
        ),
    });
    const refused = await missingInHelper.accounts().then(
      () => new Error('no refusal'),
      (error: unknown) => error as Error,
    );
    expect(refused).toMatchObject({ problem: 'not-installed' });
    // Node's require stack is not part of what is shown.
    expect(refused.message).toMatch(/: keytar could not be loaded \(Cannot find module 'keytar'\)$/);
    const broken = createKeychain({
      service: testService(),
      load: () => Promise.reject(new Error('keytar.node: invalid ELF header')),
    });
    await expect(broken.accounts()).rejects.toMatchObject({ problem: 'unavailable' });
  });

  it('says "no keychain service" when there is no D-Bus session', async () => {
    const result = await new Promise<string>((resolve, reject) => {
      execFile(
        process.execPath,
        ['--import', 'tsx', 'test/support/keychain-probe.ts', testService()],
        {
          cwd: projectRoot,
          encoding: 'utf8',
          env: {
            PATH: process.env.PATH,
            HOME: process.env.HOME,
            DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus',
          },
          timeout: 20_000,
        },
        (error, stdout) => (error ? reject(new Error('probe failed', { cause: error })) : resolve(stdout)),
      );
    });
    expect(JSON.parse(result.trim().split('\n').pop() ?? '{}')).toMatchObject({
      ok: false,
      problem: 'unavailable',
    });
  });

  it.each([
    ['Cannot autolaunch D-Bus without X11 $DISPLAY', 'unavailable'],
    ['The name org.freedesktop.secrets was not provided by any .service files', 'unavailable'],
    ['Could not connect: No such file or directory', 'unavailable'],
    // DBUS_SESSION_BUS_ADDRESS set but empty, or not an address; no login keyring to store in.
    ['The given address is empty', 'unavailable'],
    ['Address element “garbage” does not contain a colon (:)', 'unavailable'],
    ['Unknown or unsupported transport “nothing” for address “nothing:x=1”', 'unavailable'],
    ['Error in address “unix:” — the unix transport requires exactly one of the keys', 'unavailable'],
    ['Object does not exist at path “/org/freedesktop/secrets/collection/login”', 'unavailable'],
    ['Cannot create an item in a locked collection', 'locked'],
    ['User interaction is not allowed.', 'locked'],
    ['User canceled the operation.', 'denied'],
    ['The operation was cancelled', 'denied'],
    // GDBus's address messages only: a refusal that names an address is still a refusal.
    ['Access denied for the sender at address 1.42', 'denied'],
    ['Permission denied for address unix:path=/run/user/0/bus', 'denied'],
    // D-Bus's own refusal names D-Bus, and is still a refusal.
    [
      'GDBus.Error:org.freedesktop.DBus.Error.AccessDenied: An AppArmor policy prevents this sender from sending this message to this recipient',
      'denied',
    ],
    ['GDBus.Error:org.freedesktop.DBus.Error.ServiceUnknown: The name is not activatable', 'unavailable'],
    ['Stub received bad data.', 'too-large'],
    ['Something odd', 'other'],
  ] as const)('classifies “%s” as %s', (message, problem) => {
    expect(classifyKeychainError(new Error(message))).toBe(problem);
  });

  it('keeps its own typed errors', () => {
    expect(classifyKeychainError(new KeychainError('timeout'))).toBe('timeout');
  });
});

describe('the keychain service name', () => {
  it('is reverse DNS, and no other name the app uses is a prefix of it', () => {
    expect(DEFAULT_KEYCHAIN_SERVICE).toMatch(/^[a-z]{2,}\.[a-z0-9-]+(\.[a-z0-9-]+)+$/);
    // The app stores secrets under exactly one service name; test names extend it, never the reverse.
    expect(testService().startsWith(DEFAULT_KEYCHAIN_SERVICE)).toBe(false);
    expect(DEFAULT_KEYCHAIN_SERVICE.startsWith(testService())).toBe(false);
  });
});
