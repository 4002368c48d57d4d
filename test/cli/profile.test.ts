// `--profile` and `profiles` against profiles the app itself saved: the same data folder, the
// same entries in the real keychain (the private gnome-keyring `npm test` starts).
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { V2_TOKEN_URL } from '../../app/endpoints';
import type { ProfileFields, ProfileSummary } from '../../app/profiles';
import { SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET } from '../../app/sandbox';
import { withAppServices } from '../support/app-services';
import { assertBuiltCli, loadedModules, onlyJson, runCli, type CliRun } from '../support/cli';
import { requireTestKeyring, secretToolClear, testService } from '../support/keyring';
import { sendJson, startServer, type TestServer } from '../support/servers';

const SECRET = 'Pr0file s3cret+/=&"';
const TOKEN = 'tok-from-a-profile';

function expectNoSecret(run: CliRun): void {
  for (const form of [SECRET, encodeURIComponent(SECRET), JSON.stringify(SECRET).slice(1, -1)]) {
    expect(run.stdout).not.toContain(form);
    expect(run.stderr).not.toContain(form);
  }
}

describe.runIf(requireTestKeyring('saved profiles from the command line'))(
  'saved profiles from the command line (private keyring)',
  () => {
    const service = testService();
    let userDataDir: string;
    let env: Record<string, string>;
    let api: TestServer;
    let sandboxProfile: ProfileSummary;
    let apiProfile: ProfileSummary;

    /** Saves a profile the way the window does: through the app's own IPC handler. */
    async function saveInApp(fields: ProfileFields, secret: string): Promise<ProfileSummary> {
      return withAppServices(userDataDir, service, async (app) => {
        const saved = await app.saveProfile({ profileId: null, fields, secret });
        if (!saved.ok) throw new Error(`the app could not save the profile: ${JSON.stringify(saved)}`);
        return saved.profile;
      });
    }

    beforeAll(async () => {
      assertBuiltCli();
      userDataDir = await mkdtemp(path.join(tmpdir(), 'cli-user-data-'));
      env = { TOKEN_TESTER_USER_DATA_DIR: userDataDir, TOKEN_TESTER_KEYCHAIN_SERVICE: service };
      api = await startServer((_req, res) =>
        sendJson(res, 200, { access_token: TOKEN, token_type: 'Bearer', expires_in: 3599 }),
      );
      sandboxProfile = await saveInApp(
        {
          name: 'Free trial',
          clientId: SANDBOX_CLIENT_ID,
          preset: 'sandbox',
          tokenUrl: 'http://127.0.0.1:9/v2/oauth/token',
          grantType: 'client_credentials',
          scope: 'NSMS',
        },
        SANDBOX_CLIENT_SECRET,
      );
      apiProfile = await saveInApp(
        {
          name: 'Staging API',
          clientId: 'staging-id',
          preset: 'custom',
          tokenUrl: api.url(),
          grantType: 'client_credentials',
          scope: '',
        },
        SECRET,
      );
    });

    afterAll(async () => {
      await api.close();
    });

    it('requests a token with a profile, its secret read from the keychain by the keychain helper', async () => {
      const run = await runCli(['request', '--profile', 'free TRIAL', '--json'], { env, traceModules: true });
      expect(run.code).toBe(0);
      expect(onlyJson(run)).toMatchObject({ ok: true, outcome: 'token-received' });
      // keytar runs in the helper process, so a keychain that hangs cannot hold this one.
      expect(loadedModules(run).some((file) => /[\\/]keytar[\\/]/.test(file))).toBe(false);
    });

    it('sends the stored secret, as saved, only to the profile’s endpoint', async () => {
      const run = await runCli(['request', '--profile', 'Staging API', '--show-token'], { env });
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(`Access token  ${TOKEN}`);
      const form = new URLSearchParams(api.received.at(-1)?.body);
      expect(form.get('client_id')).toBe('staging-id');
      expect(form.get('client_secret')).toBe(SECRET);
      expectNoSecret(run);
    });

    it('finds the profiles with --user-data-dir, the app’s own switch, instead of the variable', async () => {
      const run = await runCli(['request', '--profile', 'Staging API', `--user-data-dir=${userDataDir}`], {
        env: { TOKEN_TESTER_KEYCHAIN_SERVICE: service },
      });
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(`Access token  ${'•'.repeat(TOKEN.length)}`);
    });

    it('refuses to send a saved secret to another endpoint, and says why', async () => {
      const before = api.received.length;
      for (const endpoint of ['sandbox', 'http://127.0.0.1:9/v2/oauth/token']) {
        const run = await runCli(['request', '--profile', 'Staging API', '--endpoint', endpoint], { env });
        expect(run.code).toBe(1);
        expect(run.stderr).toMatch(/only sent to the endpoint saved with its profile/);
        expectNoSecret(run);
      }
      expect(api.received.length).toBe(before);
      const same = await runCli(['request', '--profile', 'Staging API', '--endpoint', api.url()], { env });
      expect(same.code).toBe(0);
    });

    it('refuses --check-access for a v2 profile before reading its secret or sending anything', async () => {
      // Its own data folder: the other tests count the profiles saved above.
      const v2Dir = await mkdtemp(path.join(tmpdir(), 'cli-user-data-v2-'));
      await withAppServices(v2Dir, service, async (app) => {
        const fields = {
          name: 'Old key',
          clientId: 'v2-id',
          preset: 'v2',
          tokenUrl: V2_TOKEN_URL,
          grantType: 'client_credentials',
          scope: 'NSMS',
        } as const;
        const saved = await app.saveProfile({ profileId: null, fields, secret: SECRET });
        if (!saved.ok) throw new Error(`the app could not save the profile: ${JSON.stringify(saved)}`);
      });
      // Anything sent to the v2 endpoint would go through this proxy first.
      let connections = 0;
      const proxy = createNetServer((socket) => {
        connections += 1;
        socket.destroy();
      });
      await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
      const proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
      try {
        const run = await runCli(['request', '--profile', 'Old key', '--check-access', '--json'], {
          env: { ...env, TOKEN_TESTER_USER_DATA_DIR: v2Dir, HTTPS_PROXY: proxyUrl, NO_PROXY: undefined },
        });
        expect(run.code).toBe(1);
        expect(onlyJson(run)).toMatchObject({ ok: false, exitCode: 1, outcome: 'usage-error' });
        expect(run.stderr).toMatch(/decommissioned/);
        expect(connections).toBe(0);
        expectNoSecret(run);
      } finally {
        await new Promise((resolve) => proxy.close(resolve));
      }
    });

    it('refuses --messaging-url for a sandbox profile, which the sandbox answers itself', async () => {
      const sandboxDir = await mkdtemp(path.join(tmpdir(), 'cli-user-data-sandbox-'));
      await withAppServices(sandboxDir, service, async (app) => {
        const info = await app.getSandboxInfo();
        if (!info.ok) throw new Error('no sandbox');
        const fields = {
          name: 'Practice',
          clientId: info.sandbox.clientId,
          preset: 'sandbox',
          tokenUrl: '',
          grantType: 'client_credentials',
          scope: 'NSMS',
        } as const;
        const saved = await app.saveProfile({ profileId: null, fields, secret: info.sandbox.clientSecret });
        if (!saved.ok) throw new Error(`the app could not save the profile: ${JSON.stringify(saved)}`);
      });
      const run = await runCli(
        [
          'request',
          '--profile',
          'Practice',
          '--check-access',
          '--messaging-url',
          'https://products.api.telstra.com/messaging/v3',
          '--json',
        ],
        { env: { ...env, TOKEN_TESTER_USER_DATA_DIR: sandboxDir } },
      );
      expect(run.code).toBe(1);
      expect(onlyJson(run)).toMatchObject({ ok: false, exitCode: 1, outcome: 'usage-error' });
      expect(run.stderr).toContain('--messaging-url does not go with the sandbox');
    });

    it('lists the profiles the app saved, with their keychain state, never the secrets', async () => {
      const run = await runCli(['profiles', '--json'], { env });
      expect(run.code).toBe(0);
      const listed = onlyJson(run);
      expect(listed).toMatchObject({ dataDir: userDataDir, keychain: { available: true } });
      expect(listed.profiles).toEqual([
        expect.objectContaining({
          name: 'Free trial',
          endpoint: 'sandbox',
          secret: 'stored',
          id: sandboxProfile.id,
        }),
        expect.objectContaining({
          name: 'Staging API',
          endpoint: api.url(),
          secret: 'stored',
          id: apiProfile.id,
        }),
      ]);
      const text = await runCli(['profiles'], { env });
      expect(text.stdout).toContain(`Profiles saved in ${userDataDir}:`);
      expect(text.stdout).toMatch(
        /\n {2}Staging API +http:\/\/127\.0\.0\.1:\d+\/v2\/oauth\/token +staging-id +in the keychain\n/,
      );
      expectNoSecret(run);
      expectNoSecret(text);
      expect(text.stdout).not.toContain(SANDBOX_CLIENT_SECRET);
    });

    it('names the saved profiles, not the name given, when there is no such profile', async () => {
      const run = await runCli(['request', '--profile', 'no-such-profile-xyz'], { env });
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('Saved profiles: “Free trial”, “Staging API”.');
      expect(run.stderr).not.toContain('no-such-profile-xyz');
    });

    it('exits 5 without sending anything when the keychain no longer has the secret', async () => {
      await secretToolClear(service, apiProfile.id);
      const before = api.received.length;
      const run = await runCli(['request', '--profile', 'Staging API', '--json'], { env });
      expect(run.code).toBe(5);
      expect(onlyJson(run)).toMatchObject({
        ok: false,
        exitCode: 5,
        outcome: 'keychain:missing',
        title: 'Secret missing',
        failure: { kind: 'keychain' },
      });
      expect(api.received.length).toBe(before);
    });

    it('gives no token URL when nothing was sent to a sandbox profile: null in JSON, no line in text', async () => {
      await secretToolClear(service, sandboxProfile.id);
      const json = await runCli(['request', '--profile', 'Free trial', '--json'], { env });
      expect(json.code).toBe(5);
      expect(onlyJson(json)).toMatchObject({ outcome: 'keychain:missing', tokenUrl: null });
      const text = await runCli(['request', '--profile', 'Free trial'], { env });
      expect(text.code).toBe(5);
      expect(text.stdout.split('\n')[0]).toBe('Secret missing · nothing sent');
      expect(text.stdout).not.toContain('Token URL');
    });

    it('checking all profiles says the same of each: where it would have gone, or null for the sandbox', async () => {
      // Both secrets were cleared by the two tests before: nothing is sent.
      const before = api.received.length;
      const run = await runCli(['request', '--all-profiles', '--json'], { env });
      expect(run.code).toBe(5);
      const lines = run.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(lines).toHaveLength(2);
      const byName: Record<string, unknown> = Object.fromEntries(
        lines.map((line) => [String(line.profile), line]),
      );
      expect(byName['Staging API']).toMatchObject({ outcome: 'keychain:missing', tokenUrl: api.url() });
      expect(byName['Free trial']).toMatchObject({ outcome: 'keychain:missing', tokenUrl: null });
      expect(api.received.length).toBe(before);
    });
  },
);
