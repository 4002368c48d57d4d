// A save under way when the quit begins reaches the profiles file before the app goes, and once
// the quit has begun nothing more is saved, deleted, imported, revealed or started: the page can
// still call while the quit's clean-up runs. Before, the quit waited for the history and the
// preferences only: a rename whose keychain read answered in the same instant as the quit was
// written after the quit had finished (or never, the process gone), and every save, delete,
// import, preference, history clear and report still went ahead after it. The keychain's answer
// is held by a gate the test opens, so the order is the test's, not the clock's.
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { isIpcFailure } from '../../app/ipc-contract';
import { HISTORY_FILE } from '../../main/history/history-store';
import type { Keychain } from '../../main/profiles/keychain';
import { PROFILES_FILE } from '../../main/profiles/profile-store';
import { createMainServices, type MainServices } from '../../main/services';
import { SETTINGS_FILE } from '../../main/settings';
import { ok, saveNumberedProfiles } from '../support/answers';
import { memoryKeychain } from '../support/memory-keychain';
import { typedRequest } from '../support/memory-app';
import { sendJson, startServer, type TestServer } from '../support/servers';

let server: TestServer;
const opened: MainServices[] = [];
beforeAll(async () => {
  server = await startServer((_req, res) =>
    sendJson(res, 200, { access_token: 'tok-Quit-0123456789', expires_in: 3599 }),
  );
});
afterAll(() => server.close());
afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.dispose()));
  server.received.length = 0;
});

type Held = 'getSecret' | 'setSecret';

/** A keychain in memory whose next read or write (as `hold` says) waits until the test opens it. */
function gatedKeychain() {
  const { keychain, entries } = memoryKeychain();
  let gate: { which: Held; reached: () => void; opened: Promise<void> } | null = null;
  const waitIf = async (which: Held) => {
    const held = gate;
    if (held?.which !== which) return;
    gate = null;
    held.reached();
    await held.opened;
  };
  const reads = { count: 0 };
  const gated: Keychain = {
    ...keychain,
    getSecret: (account) => {
      reads.count += 1;
      return waitIf('getSecret').then(() => keychain.getSecret(account));
    },
    setSecret: (account, secret, options) =>
      waitIf('setSecret').then(() => keychain.setSecret(account, secret, options)),
  };
  /** `reached` once the call has come; it answers once `open` is called. */
  function hold(which: Held) {
    let reached = () => undefined as void;
    let open = () => undefined as void;
    const at = new Promise<void>((resolve) => (reached = resolve));
    gate = { which, reached, opened: new Promise<void>((resolve) => (open = resolve)) };
    return { reached: at, open: () => open() };
  }
  return { keychain: gated, entries, reads, hold };
}

async function app() {
  const userDataDir = await mkdtemp(path.join(tmpdir(), 'quit-saves-'));
  const reportDir = await mkdtemp(path.join(tmpdir(), 'quit-saves-report-'));
  const gated = gatedKeychain();
  const services = createMainServices({
    fetch: (url, init) => fetch(url, init),
    clipboard: { writeText: async () => undefined, readText: async () => '', clear: async () => undefined },
    openExternal: async () => undefined,
    chooseReportPath: async (name) => path.join(reportDir, name),
    keychain: gated.keychain,
    env: {},
    userDataDir,
  });
  opened.push(services);
  return { services, h: services.handlers, userDataDir, reportDir, ...gated };
}

const fields = (name: string) => ({
  name,
  clientId: 'abcdefghij',
  preset: 'custom' as const,
  tokenUrl: server.url('/v2/oauth/token'),
  grantType: 'client_credentials' as const,
  scope: '',
});

const savedNames = async (userDataDir: string) =>
  (
    JSON.parse(await readFile(path.join(userDataDir, PROFILES_FILE), 'utf8')) as {
      profiles: { name: string }[];
    }
  ).profiles.map((p) => p.name);

it('waits for a rename under way to reach the profiles file', async () => {
  const { services, h, userDataDir, hold } = await app();
  const saved = ok(
    await h.saveProfile({ profileId: null, fields: fields('before'), secret: 'Quit-Secret-9' }),
  );
  if (!saved.ok) throw new Error('not saved');
  // A rename reads the secret's state from the keychain, then writes the file.
  const gate = hold('getSecret');
  const renaming = h.saveProfile({ profileId: saved.profile.id, fields: fields('after'), secret: null });
  await gate.reached;
  const disposed = services.dispose();
  gate.open();
  await disposed;
  expect(await savedNames(userDataDir)).toEqual(['after']);
  expect(ok(await renaming)).toMatchObject({ ok: true, profile: { name: 'after' } });
});

it('finishes the row an import is saving when the quit begins, and skips the rest', async () => {
  const { services, h, userDataDir, entries, hold } = await app();
  const text = ['a', 'b', 'c']
    .map((n) => `[${n}]\nclient_id = client-${n}\nclient_secret = secret-${n}-value\n`)
    .join('\n');
  const preview = ok(await h.previewImport({ fileName: 'credentials', text })).preview;
  const gate = hold('setSecret');
  const importing = h.importProfiles({
    previewId: preview.previewId,
    choices: preview.rows.map((row) => ({ rowId: row.rowId, action: 'import' as const, name: row.name })),
  });
  await gate.reached;
  const disposed = services.dispose();
  gate.open();
  await disposed;
  const results = ok(await importing).results;
  expect(results.map((r) => r.status)).toEqual(['imported', 'skipped', 'skipped']);
  expect(await savedNames(userDataDir)).toEqual(['a']);
  expect(entries.size).toBe(1);
});

it('refuses saves, deletes, imports, preferences, history, reveals, reports and the sandbox once quitting has begun', async () => {
  const { services, h, userDataDir, reportDir, entries } = await app();
  const saved = ok(await h.saveProfile({ profileId: null, fields: fields('kept'), secret: 'Quit-Secret-9' }));
  if (!saved.ok) throw new Error('not saved');
  ok(await h.requestToken(typedRequest('r1', server.url('/v2/oauth/token'), 'Typed-Secret-1')));
  ok(await h.updateSettings({ notifyBeforeExpiry: false }));
  const preview = ok(
    await h.previewImport({
      fileName: 'credentials',
      text: '[new]\nclient_id = client-new\nclient_secret = secret-new-value\n',
    }),
  ).preview;
  await services.dispose();
  const files = [PROFILES_FILE, SETTINGS_FILE, HISTORY_FILE].map((name) => path.join(userDataDir, name));
  const before = await Promise.all(files.map((file) => readFile(file, 'utf8')));

  const id = saved.profile.id;
  const answers = {
    create: await h.saveProfile({ profileId: null, fields: fields('new'), secret: 'Quit-Secret-9' }),
    rename: await h.saveProfile({ profileId: id, fields: fields('renamed'), secret: null }),
    duplicate: await h.duplicateProfile({ profileId: id }),
    delete: await h.deleteProfile({ profileId: id }),
    import: await h.importProfiles({
      previewId: preview.previewId,
      choices: preview.rows.map((row) => ({ rowId: row.rowId, action: 'import' as const, name: row.name })),
    }),
    settings: await h.updateSettings({ notifyBeforeExpiry: true }),
    clear: await h.clearHistory(),
    reveal: await h.revealSecret({ profileId: id }),
    report: await h.saveReport({ requestId: 'r1' }),
    sandbox: await h.getSandboxInfo(),
  };
  for (const [what, answer] of Object.entries(answers)) {
    expect(isIpcFailure(answer) && answer.kind, what).toBe('conflict');
    expect(isIpcFailure(answer) && answer.message, what).toMatch(/^The app is quitting: /);
  }
  expect(await Promise.all(files.map((file) => readFile(file, 'utf8')))).toEqual(before);
  expect([...entries.keys()]).toEqual([id]);
  expect(await readdir(reportDir)).toEqual([]);
});

it('still saves, imports and answers them before quitting', async () => {
  const { h, userDataDir } = await app();
  const saved = ok(await h.saveProfile({ profileId: null, fields: fields('one'), secret: 'Quit-Secret-9' }));
  if (!saved.ok) throw new Error('not saved');
  ok(await h.updateSettings({ notifyBeforeExpiry: false }));
  expect(ok(await h.getSandboxInfo()).sandbox.tokenUrl).toMatch(/^http:\/\/127\.0\.0\.1:/);
  expect(await savedNames(userDataDir)).toEqual(['one']);
});

it('answers a token request once quitting has begun as cancelled, without reading its secret or writing the history', async () => {
  // The request was not sent, but its saved secret was still read from the keychain (a prompt, on
  // some systems) and its "cancelled" entry written to the history after the quit's wait.
  const { services, h, userDataDir, reads } = await app();
  const saved = ok(await h.saveProfile({ profileId: null, fields: fields('kept'), secret: 'Quit-Secret-9' }));
  if (!saved.ok) throw new Error('not saved');
  await services.dispose();
  const readsBefore = reads.count;
  const url = server.url('/v2/oauth/token');
  const answers = [
    await h.requestToken({
      ...typedRequest('stored-at-quit', url, ''),
      secret: { source: 'profile', profileId: saved.profile.id },
      profileId: saved.profile.id,
    }),
    await h.requestToken(typedRequest('typed-at-quit', url, 'Typed-Secret-2')),
  ];
  for (const answer of answers) expect(!isIpcFailure(answer) && !answer.ok && answer.kind).toBe('cancelled');
  expect(reads.count).toBe(readsBefore);
  expect(ok(await h.listHistory()).entries).toEqual([]);
  expect(existsSync(path.join(userDataDir, HISTORY_FILE))).toBe(false);
  expect(server.received).toHaveLength(0);
});

it('waits for the history entry of a request the quit cancels, reading its secret or sent', async () => {
  // Its "cancelled" entry was written after the quit had stopped waiting for the history (in browser
  // mode, after the data folder was let go; in the app, possibly never).
  const { services, h, userDataDir, hold } = await app();
  const saved = ok(await h.saveProfile({ profileId: null, fields: fields('kept'), secret: 'Quit-Secret-9' }));
  if (!saved.ok) throw new Error('not saved');
  let arrived = () => undefined as void;
  const sent = new Promise<void>((resolve) => (arrived = resolve));
  const silent = await startServer(() => arrived()); // never answers
  const gate = hold('getSecret');
  const reading = h.requestToken({
    ...typedRequest('reading-at-quit', server.url('/v2/oauth/token'), ''),
    secret: { source: 'profile', profileId: saved.profile.id },
    profileId: saved.profile.id,
  });
  const inFlight = h.requestToken(
    typedRequest('sent-at-quit', silent.url('/v2/oauth/token'), 'Typed-Secret-3'),
  );
  await Promise.all([gate.reached, sent]);
  const disposed = services.dispose();
  gate.open();
  await disposed;
  const written = JSON.parse(await readFile(path.join(userDataDir, HISTORY_FILE), 'utf8')) as unknown;
  const ids = (JSON.stringify(written).match(/(reading|sent)-at-quit/g) ?? []).sort();
  expect(ids).toEqual(['reading-at-quit', 'sent-at-quit']);
  for (const answer of await Promise.all([reading, inFlight]))
    expect(!isIpcFailure(answer) && !answer.ok && answer.kind).toBe('cancelled');
  await silent.close();
});

it('waits for the history entry of a "Check all profiles" run the quit cancels', async () => {
  const { services, h, userDataDir } = await app();
  let arrived = () => undefined as void;
  const sent = new Promise<void>((resolve) => (arrived = resolve));
  const silent = await startServer(() => arrived()); // never answers
  const at = { tokenUrl: silent.url('/v2/oauth/token'), preset: 'custom' as const, scope: '' };
  const profileIds = await saveNumberedProfiles(h, 2, at);
  ok(await h.startBatch({ runId: 'run-at-quit', profileIds, checkAccess: false, waitForNews: false }));
  await sent;
  await services.dispose();
  const written = await readFile(path.join(userDataDir, HISTORY_FILE), 'utf8');
  expect(written).toContain('run-at-quit');
  await silent.close();
});
