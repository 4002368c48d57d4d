// The main side of "Check all profiles" (main/handlers/batch-handlers.ts) against a real token
// server on 127.0.0.1: each answer under its own profile, one history entry for the run without
// secrets or tokens, its report, and Cancel while secrets are still being read from the keychain
// (nothing is sent after it, even for checks already under way).
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BATCH_CONCURRENCY } from '../../app/batch-schedule';
import { EXPLANATIONS } from '../../app/explanations';
import type { BatchAnswer } from '../../app/ipc-contract';
import { isIpcFailure } from '../../app/ipc-contract';
import { createMainServices, type MainServices } from '../../main/services';
import { nodeHttpFetch } from '../../main/token/node-http-fetch';
import type { FetchLike } from '../../main/token/fetch-like';
import { createKeychain, type Keychain, type Keytar } from '../../main/profiles/keychain';
import { ok, saveNumberedProfiles, V3_PROFILES } from '../support/answers';
import { memoryKeychain } from '../support/memory-keychain';
import { sendJson, startServer, type TestServer } from '../support/servers';

const opened: Array<MainServices | TestServer> = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((o) => ('dispose' in o ? o.dispose() : o.close())));
});

/** Even client numbers get a token, odd ones invalid_client. */
async function tokenServer() {
  const server = await startServer((_req, res, body) => {
    const clientId = new URLSearchParams(body).get('client_id') ?? '';
    const n = Number(clientId.replace('client-', ''));
    if (n % 2 === 0)
      sendJson(res, 200, { access_token: `tok-${clientId}-x`, token_type: 'Bearer', expires_in: 3599 });
    else sendJson(res, 401, { error: 'invalid_client', error_description: `bad secret-${n}` });
  });
  opened.push(server);
  return server;
}

async function app(
  options: {
    gateKeychain?: boolean;
    progressWaitMs?: number;
    progressGapMs?: number;
    now?: () => number;
    /** Under the read counting and gating (default: an in-memory one). */
    keychain?: Keychain;
    fetch?: FetchLike;
  } = {},
) {
  const clipboard = { text: '' };
  const memory = memoryKeychain();
  const base = options.keychain ?? memory.keychain;
  // A keychain whose reads wait until the test lets them through.
  const pendingReads: Array<() => void> = [];
  let reads = 0;
  const keychain = {
    ...base,
    getSecret: async (account: string) => {
      reads += 1;
      if (options.gateKeychain) await new Promise<void>((resolve) => pendingReads.push(resolve));
      return base.getSecret(account);
    },
  };
  const userDataDir = await mkdtemp(path.join(tmpdir(), 'batch-'));
  const services = createMainServices({
    fetch: options.fetch ?? nodeHttpFetch,
    clipboard: {
      writeText: async (text) => void (clipboard.text = text),
      readText: async () => clipboard.text,
      clear: async () => void (clipboard.text = ''),
    },
    openExternal: async () => undefined,
    keychain,
    env: {},
    userDataDir,
    ...(options.progressWaitMs === undefined ? {} : { batchProgressWaitMs: options.progressWaitMs }),
    ...(options.progressGapMs === undefined ? {} : { batchProgressGapMs: options.progressGapMs }),
    ...(options.now === undefined ? {} : { now: options.now }),
  });
  opened.push(services);
  return {
    h: services.handlers,
    clipboard,
    userDataDir,
    pendingReads,
    fail: memory.fail,
    reads: () => reads,
  };
}

/**
 * As tokenServer, but each request waits for its turn: `release(n)` lets client-n's through. (The
 * run reads every secret before it sends anything, so requests, not reads, order the answers.)
 */
async function gatedTokenServer() {
  // By client number; a number may wait more than once (two runs of the same profiles).
  const waiting = new Map<number, Array<() => void>>();
  const server = await startServer(async (_req, res, body) => {
    const n = Number((new URLSearchParams(body).get('client_id') ?? '').replace('client-', ''));
    await new Promise<void>((resolve) => waiting.set(n, [...(waiting.get(n) ?? []), resolve]));
    if (n % 2 === 0)
      sendJson(res, 200, { access_token: `tok-client-${n}-x`, token_type: 'Bearer', expires_in: 3599 });
    else sendJson(res, 401, { error: 'invalid_client', error_description: `bad secret-${n}` });
  });
  opened.push(server);
  const release = (n: number) => {
    const go = waiting.get(n);
    if (!go) throw new Error(`client-${n} is not waiting`);
    waiting.delete(n);
    for (const resolve of go) resolve();
  };
  return {
    server,
    held: () => [...waiting.values()].reduce((sum, list) => sum + list.length, 0),
    release,
    releaseAll: () => [...waiting.keys()].forEach(release),
  };
}

/** A token server that holds every request until `release()`, then refuses each (401). */
async function heldServer(): Promise<{ server: TestServer; release: () => void }> {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  const server = await startServer(async (_req, res) => {
    await held;
    sendJson(res, 401, { error: 'invalid_client' });
  });
  opened.push(server);
  return { server, release };
}

const saveProfiles = (h: MainServices['handlers'], server: TestServer, count: number) =>
  saveNumberedProfiles(h, count, { tokenUrl: server.url(), preset: 'custom', scope: 'NSMS' });

/**
 * Profile p4 saved again, as an edit in the window: by default with another secret
 * ('moved-secret') and its client ID as before, at `to.tokenUrl`.
 */
const saveP4 = (
  h: MainServices['handlers'],
  profileId: string,
  to: { tokenUrl: string; clientId?: string; secret?: string },
) =>
  h.saveProfile({
    profileId,
    fields: {
      name: 'p4',
      clientId: to.clientId ?? 'client-4',
      preset: 'custom',
      tokenUrl: to.tokenUrl,
      grantType: 'client_credentials',
      scope: 'NSMS',
    },
    secret: to.secret ?? 'moved-secret',
  });

/**
 * p4 saved as `to` while the run's first four keychain reads wait (its fifth check has not
 * started); the save's own read, of the secret it replaces, is let through.
 */
async function saveP4WhileReadsWait(
  h: MainServices['handlers'],
  pendingReads: Array<() => void>,
  profileId: string,
  to: { tokenUrl: string; clientId?: string; secret?: string },
) {
  await expect.poll(() => pendingReads.length).toBe(4);
  const saving = saveP4(h, profileId, to);
  await expect.poll(() => pendingReads.length).toBe(5);
  pendingReads.splice(4, 1)[0]!();
  expect(ok(await saving).ok).toBe(true);
}

/** Every answer of a run, each keychain read let through as it comes. */
async function answersReleasingReads(
  h: MainServices['handlers'],
  runId: string,
  pendingReads: Array<() => void>,
): Promise<BatchAnswer[]> {
  const releasing = setInterval(() => {
    for (const release of pendingReads.splice(0)) release();
  }, 5);
  try {
    return await allAnswers(h, runId);
  } finally {
    clearInterval(releasing);
  }
}

/** Every answer of a run, and what its last call for progress brought besides (its history entry). */
async function finish(h: MainServices['handlers'], runId: string) {
  const answers: BatchAnswer[] = [];
  // Each call waits for something new, so a run never needs more calls than it has answers (+1).
  for (let calls = 0; calls <= 50; calls += 1) {
    const progress = ok(await h.batchProgress({ runId, seen: answers.length }));
    expect(progress.runId).toBe(runId);
    answers.push(...progress.answers);
    if (progress.finished) return { answers, history: progress.history };
    // Only the last answer carries the history entry.
    expect(progress.history).toBeUndefined();
  }
  throw new Error('The call for progress answered without waiting for news.');
}

async function allAnswers(h: MainServices['handlers'], runId: string): Promise<BatchAnswer[]> {
  return (await finish(h, runId)).answers;
}

describe('checking many profiles on the main side', () => {
  it('answers each profile under its own id, records one history entry and a report without secrets', async () => {
    const server = await tokenServer();
    const { h, clipboard, userDataDir } = await app();
    const ids = await saveProfiles(h, server, 6);
    ok(await h.startBatch({ runId: 'run-one', profileIds: ids, checkAccess: false }));
    const { answers, history: last } = await finish(h, 'run-one');
    expect(answers).toHaveLength(6);
    for (const answer of answers) {
      expect(answer.profileId).toBe(ids[answer.index]);
      expect(answer.verdict.outcome).toBe(answer.index % 2 === 0 ? 'token-received' : 'oauth:invalid_client');
      expect(answer.verdict.requestId).toBe(`run-one-b${answer.index}`);
    }
    expect(server.received).toHaveLength(6);
    // The answers carry verdicts only: no token and no server text reaches the window with them.
    expect(JSON.stringify(answers)).not.toMatch(/tok-client|bad secret/);
    expect(answers.find((a) => a.index === 0)?.verdict).toMatchObject({
      ok: true,
      status: 200,
      title: EXPLANATIONS['token-received'].title,
      access: null,
    });
    // A row opened asks for its whole answer: that row's own, token and all.
    for (const answer of answers) {
      const full = ok(await h.batchAnswer({ runId: 'run-one', index: answer.index }));
      expect(full.result.requestId).toBe(answer.verdict.requestId);
      expect(full.result.outcome).toBe(answer.verdict.outcome);
      if (full.result.ok) expect(full.result.accessToken).toBe(`tok-client-${answer.index}-x`);
    }
    // Nothing for a run not kept, or a place in the run that has no answer.
    const unknown = await h.batchAnswer({ runId: 'run-unknown', index: 0 });
    expect(isIpcFailure(unknown) && unknown.kind).toBe('not-found');
    const beyond = await h.batchAnswer({ runId: 'run-one', index: 6 });
    expect(isIpcFailure(beyond) && beyond.kind).toBe('not-found');

    const history = ok(await h.listHistory());
    expect(history.entries).toHaveLength(1);
    expect(history.entries[0]?.title).toBe('Batch check: 6 profiles checked: 3 passed, 3 failed');
    // The last answer brought the window that entry, all six rows in it, as the list gives it,
    // and the list's ids to check its own against.
    expect(last).toEqual({ entry: history.entries[0], ids: ['run-one'] });
    expect(history.entries[0]?.batch?.rows.map((row) => row.profileName).sort()).toEqual(
      ids.map((_, i) => `p${i}`).sort(),
    );
    // The file is written after the answers: wait for the last row to be in it.
    let file = '';
    await expect
      .poll(
        async () =>
          (file = await readFile(path.join(userDataDir, 'history.json'), 'utf8')).match(/"p\d"/g)?.length,
      )
      .toBe(6);
    expect(file).not.toMatch(/secret-\d|tok-client|client-\d/);

    const copied = ok(await h.copyBatchReport({ runId: 'run-one' }));
    expect(copied.message).toContain('Batch report copied');
    expect(clipboard.text).toContain('| `p1` | `127.0.0.1:');
    expect(clipboard.text).toContain(EXPLANATIONS['oauth:invalid_client'].title);
    expect(clipboard.text).not.toMatch(/secret-\d|tok-client|client-\d/);
  });

  it('a server that echoes the client ID in its error code: neither the history nor the report keeps it', async () => {
    const server = await startServer((_req, res, body) => {
      const clientId = new URLSearchParams(body).get('client_id') ?? '';
      sendJson(res, 401, { error: `unknown_client_${clientId}` });
    });
    opened.push(server);
    const { h, clipboard, userDataDir } = await app();
    const ids = await saveProfiles(h, server, 2);
    ok(await h.startBatch({ runId: 'run-echo', profileIds: ids, checkAccess: false }));
    await allAnswers(h, 'run-echo');
    const [entry] = ok(await h.listHistory()).entries;
    expect(entry?.batch?.rows.map((row) => row.error)).toEqual([
      'unknown_client_[client ID removed]',
      'unknown_client_[client ID removed]',
    ]);
    await expect
      .poll(() => readFile(path.join(userDataDir, 'history.json'), 'utf8'))
      .toContain('client ID removed');
    expect(await readFile(path.join(userDataDir, 'history.json'), 'utf8')).not.toMatch(/client-\d/);
    ok(await h.copyBatchReport({ runId: 'run-echo' }));
    expect(clipboard.text).toContain('unknown_client_[client ID removed]');
    expect(clipboard.text).not.toMatch(/client-\d/);
  });

  it('a server that answers another profile’s client ID: neither the history nor the report keeps it', async () => {
    // Each refusal names the next profile's client ID, as a server mixing up its clients would.
    const server = await startServer((_req, res, body) => {
      const n = Number((new URLSearchParams(body).get('client_id') ?? '').replace('client-', ''));
      sendJson(res, 401, { error: `unknown_client_client-${(n + 1) % 3}` });
    });
    opened.push(server);
    const { h, clipboard, userDataDir } = await app();
    const ids = await saveProfiles(h, server, 3);
    ok(await h.startBatch({ runId: 'run-other', profileIds: ids, checkAccess: false }));
    await allAnswers(h, 'run-other');
    const [entry] = ok(await h.listHistory()).entries;
    expect(entry?.batch?.rows.map((row) => row.error)).toEqual(
      Array.from({ length: 3 }, () => 'unknown_client_[client ID removed]'),
    );
    await expect
      .poll(() => readFile(path.join(userDataDir, 'history.json'), 'utf8'))
      .toContain('client ID removed');
    expect(await readFile(path.join(userDataDir, 'history.json'), 'utf8')).not.toMatch(/client-\d/);
    ok(await h.copyBatchReport({ runId: 'run-other' }));
    expect(clipboard.text).not.toMatch(/client-\d/);
  });

  it('a profile given a new client ID during the run: an echo of the ID sent is not kept either', async () => {
    const server = await startServer((_req, res, body) => {
      sendJson(res, 401, { error: `unknown_client_${new URLSearchParams(body).get('client_id') ?? ''}` });
    });
    opened.push(server);
    const { h, pendingReads } = await app({ gateKeychain: true });
    const ids = await saveProfiles(h, server, 5);
    ok(await h.startBatch({ runId: 'run-renamed', profileIds: ids, checkAccess: false }));
    await saveP4WhileReadsWait(h, pendingReads, ids[4]!, {
      tokenUrl: server.url(),
      clientId: 'renamed-client-9',
      secret: 'renamed-secret',
    });
    await answersReleasingReads(h, 'run-renamed', pendingReads);
    expect(server.received.map((r) => new URLSearchParams(r.body).get('client_id'))).toContain(
      'renamed-client-9',
    );
    const [entry] = ok(await h.listHistory()).entries;
    expect(entry?.batch?.rows.map((row) => row.error)).toEqual(
      Array.from({ length: 5 }, () => 'unknown_client_[client ID removed]'),
    );
  });

  it('Cancel during the Messaging access checks: the rows are stopped, neither passed nor failed', async () => {
    // Telstra's token URL and Messaging API, served on 127.0.0.1: every token at once, every
    // access check held until Cancel.
    const telstra = await startServer((req, res) => {
      if (req.method === 'POST')
        return sendJson(res, 200, {
          access_token: 'tok-held-check-0123456789',
          token_type: 'Bearer',
          expires_in: 3599,
        });
      // Held: the check's Cancel closes the connection.
    });
    opened.push(telstra);
    const fetch: FetchLike = (url, init) =>
      nodeHttpFetch(url.replace('https://products.api.telstra.com', telstra.origin), init);
    const { h, clipboard } = await app({ fetch });
    const ids = await saveNumberedProfiles(h, 2, V3_PROFILES, 'v');
    ok(await h.startBatch({ runId: 'run-held-check', profileIds: ids, checkAccess: true }));
    await expect.poll(() => telstra.received.filter((r) => r.method === 'GET').length).toBe(2);
    ok(await h.cancelBatch({ runId: 'run-held-check' }));
    const { answers } = await finish(h, 'run-held-check');
    expect(answers.map((a) => a.verdict.access?.title)).toEqual(['Cancelled', 'Cancelled']);
    const [entry] = ok(await h.listHistory()).entries;
    expect(entry?.title).toBe('Batch check: 0 of 2 profiles checked: 0 passed, 0 failed');
    ok(await h.copyBatchReport({ runId: 'run-held-check' }));
    const rows = clipboard.text.split('\n').filter((line) => line.startsWith('| `v'));
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(row).toMatch(/\| cancelled \|$/);
  });

  it('after a 429, nothing more starts until its Retry-After has passed', async () => {
    // client-0 is refused with "too many requests"; the others are answered once its row is in.
    let limitedAt = 0;
    let release!: () => void;
    const rowIn = new Promise<void>((resolve) => (release = resolve));
    const cameAt = new Map<string, number>();
    const server = await startServer(async (_req, res, body) => {
      const clientId = new URLSearchParams(body).get('client_id') ?? '';
      cameAt.set(clientId, performance.now());
      if (clientId === 'client-0') {
        limitedAt = performance.now();
        return sendJson(res, 429, { error: 'too_many_requests' }, { 'Retry-After': '1' });
      }
      await rowIn;
      sendJson(res, 200, { access_token: `tok-${clientId}-x`, token_type: 'Bearer', expires_in: 3599 });
    });
    opened.push(server);
    const { h } = await app();
    const ids = await saveProfiles(h, server, BATCH_CONCURRENCY + 3);
    ok(await h.startBatch({ runId: 'run-429', profileIds: ids, checkAccess: false }));
    const answers: BatchAnswer[] = [];
    while (!answers.some((answer) => answer.index === 0))
      answers.push(...ok(await h.batchProgress({ runId: 'run-429', seen: answers.length })).answers);
    release();
    const all = (await finish(h, 'run-429')).answers;
    expect(all).toHaveLength(BATCH_CONCURRENCY + 3);
    expect(all.find((answer) => answer.index === 0)?.verdict.status).toBe(429);
    for (let i = BATCH_CONCURRENCY; i < BATCH_CONCURRENCY + 3; i += 1)
      // Its second, less a timer's slack.
      expect(cameAt.get(`client-${i}`)! - limitedAt).toBeGreaterThanOrEqual(950);
  });

  it('Cancel while secrets are being read: nothing is sent, nothing more is read, no check starts', async () => {
    const server = await tokenServer();
    const { h, pendingReads, reads } = await app({ gateKeychain: true });
    const ids = await saveProfiles(h, server, 10);
    ok(await h.startBatch({ runId: 'run-two', profileIds: ids, checkAccess: false }));
    // Every secret is read before anything is sent, four at once.
    await expect.poll(() => pendingReads.length).toBe(4);
    ok(await h.cancelBatch({ runId: 'run-two' }));
    for (const release of pendingReads.splice(0)) release();
    const { answers, history } = await finish(h, 'run-two');
    expect(answers).toEqual([]);
    expect(reads()).toBe(4);
    expect(pendingReads).toHaveLength(0);
    expect(server.received).toHaveLength(0);
    expect(history?.entry ?? null).toBeNull();
  });

  it('every secret of the run is cut out of every answer, even one that came before that secret was sent', async () => {
    // The first profile's server echoes the last profile's secret, in its first answer of the run.
    const { h } = await app();
    const echo = await startServer((_req, res) =>
      sendJson(res, 400, {
        error: 'bad_last-secret-value',
        error_description: `Not last-secret-value (${btoa('last-secret-value')})`,
      }),
    );
    opened.push(echo);
    const { server: slow, release } = await heldServer();
    const save = async (name: string, tokenUrl: string, secret: string) =>
      ok(
        await h.saveProfile({
          profileId: null,
          fields: {
            name,
            clientId: 'client-1',
            preset: 'custom',
            tokenUrl,
            grantType: 'client_credentials',
            scope: 'NSMS',
          },
          secret,
        }),
      );
    const first = await save('first', echo.url(), 'first-secret-value');
    const slowOnes = [];
    for (let i = 0; i < 4; i += 1) slowOnes.push(await save(`slow${i}`, slow.url(), `slow-secret-${i}`));
    const last = await save('last', slow.url(), 'last-secret-value');
    const ids = [first, ...slowOnes, last].map((saved) => (saved.ok ? saved.profile.id : ''));
    ok(await h.startBatch({ runId: 'run-echo', profileIds: ids, checkAccess: false }));
    // The first profile has its answer while the last one's request has not been sent.
    await expect
      .poll(async () => !isIpcFailure(await h.batchAnswer({ runId: 'run-echo', index: 0 })))
      .toBe(true);
    const early = ok(await h.batchAnswer({ runId: 'run-echo', index: 0 }));
    expect(JSON.stringify(early)).not.toMatch(/last-secret-value|bGFzdC1zZWNyZXQtdmFsdWU/);
    expect(early.result.ok || early.result.error).toContain('[secret removed]');
    // Once the first profile's row is in the history (written after its answer).
    const rows = async () => ok(await h.listHistory()).entries[0]?.batch?.rows ?? [];
    await expect.poll(async () => (await rows()).length).toBeGreaterThan(0);
    expect(JSON.stringify(await rows())).not.toContain('last-secret-value');
    release();
    expect((await allAnswers(h, 'run-echo')).map((a) => a.verdict.outcome)).toContain('oauth:invalid_client');
  });

  it('the call for progress waits for news instead of answering empty', async () => {
    const { server, release } = await heldServer();
    const { h } = await app({ progressGapMs: 1 });
    try {
      const [id] = await saveProfiles(h, server, 1);
      ok(await h.startBatch({ runId: 'run-three', profileIds: [id!], checkAccess: false }));
      // The start is news (sent once the short gap has passed); after it, nothing new happens
      // while the server holds the request, so the next call waits.
      const first = ok(await h.batchProgress({ runId: 'run-three', seen: 0 }));
      expect(first).toMatchObject({ started: 1, answers: [], finished: false });
      let settled = false;
      const progress = h.batchProgress({ runId: 'run-three', seen: 0 }).then((answer) => {
        settled = true;
        return ok(answer);
      });
      await expect.poll(() => server.received.length).toBe(1);
      // Turns enough for a call that did not wait to have answered.
      for (let i = 0; i < 20; i += 1) await new Promise((resolve) => setImmediate(resolve));
      expect(settled).toBe(false);
      release();
      const answer = await progress;
      expect(answer.answers).toHaveLength(1);
      expect(answer.finished).toBe(true);
    } finally {
      release();
    }
  });

  it('a start is news too: once the gap has passed, the rows started are sent before any answer', async () => {
    const { server, release } = await heldServer();
    // A wait for news longer than the test: only news (a start) can answer the call.
    const { h } = await app({ progressGapMs: 20, progressWaitMs: 600_000 });
    try {
      const ids = await saveProfiles(h, server, 6);
      ok(await h.startBatch({ runId: 'run-start', profileIds: ids, checkAccess: false }));
      // Every request is held: no answer comes, yet the window learns what is being checked.
      const first = ok(await h.batchProgress({ runId: 'run-start', seen: 0 }));
      expect(first.answers).toEqual([]);
      expect(first.finished).toBe(false);
      expect(first.started).toBeGreaterThan(0);
      await expect.poll(() => server.received.length).toBe(4);
      // Nothing new since then but the other starts: the next calls bring the rest of the four.
      let { started } = first;
      while (started < 4) started = ok(await h.batchProgress({ runId: 'run-start', seen: 0 })).started;
      expect(started).toBe(4);
    } finally {
      release();
    }
    expect(await allAnswers(h, 'run-start')).toHaveLength(6);
  });

  it('a row’s whole answer is found by its place in the run, whatever order the answers came in', async () => {
    const { server, release, held } = await gatedTokenServer();
    const { h } = await app();
    const ids = await saveProfiles(h, server, 3);
    ok(await h.startBatch({ runId: 'run-order', profileIds: ids, checkAccess: false }));
    await expect.poll(held).toBe(3);
    // The last profile answers first.
    release(2);
    await expect
      .poll(async () => !isIpcFailure(await h.batchAnswer({ runId: 'run-order', index: 2 })))
      .toBe(true);
    const last = ok(await h.batchAnswer({ runId: 'run-order', index: 2 }));
    expect(last.result.requestId).toBe('run-order-b2');
    expect(last.result.ok && last.result.accessToken).toBe('tok-client-2-x');
    // A row of the run not answered yet has nothing to give.
    const early = await h.batchAnswer({ runId: 'run-order', index: 0 });
    expect(isIpcFailure(early) && early.message).toBe('That row has no answer yet.');
    release(1);
    release(0);
    await finish(h, 'run-order');
    const first = ok(await h.batchAnswer({ runId: 'run-order', index: 0 }));
    expect(first.result.requestId).toBe('run-order-b0');
    expect(first.result.ok && first.result.accessToken).toBe('tok-client-0-x');
    const second = ok(await h.batchAnswer({ runId: 'run-order', index: 1 }));
    expect(second.result.requestId).toBe('run-order-b1');
    expect(second.result.outcome).toBe('oauth:invalid_client');
    // The history lists the run's rows in the profiles' order, whatever order the answers came in.
    const rows = ok(await h.listHistory()).entries[0]?.batch?.rows ?? [];
    expect(rows.map((row) => row.profileName)).toEqual(['p0', 'p1', 'p2']);
  });

  it('a start asked to wait answers with the first news: a run shorter than the gap is one call', async () => {
    const server = await tokenServer();
    // A gap longer than the test: only the run's end can answer before it.
    const { h } = await app({ progressGapMs: 600_000 });
    const ids = await saveProfiles(h, server, 5);
    const begun = ok(
      await h.startBatch({ runId: 'run-one-call', profileIds: ids, checkAccess: false, waitForNews: true }),
    );
    expect(begun).toMatchObject({ runId: 'run-one-call', started: 5, finished: true });
    expect(begun.answers.map((a) => a.index).sort()).toEqual([0, 1, 2, 3, 4]);
    expect(begun.answers.every((a) => a.profileId === ids[a.index])).toBe(true);
    expect(begun.history?.entry?.id).toBe('run-one-call');
    expect(begun.history?.ids[0]).toBe('run-one-call');
    // Nothing more to come: a later call has only the end, and no answer twice.
    expect(ok(await h.batchProgress({ runId: 'run-one-call', seen: 5 }))).toMatchObject({
      answers: [],
      finished: true,
    });
  });

  it('a start asked to wait answers when Cancel ends the run, and one not asked answers at once', async () => {
    const { h } = await app({ progressGapMs: 600_000, progressWaitMs: 600_000 });
    const { server, held, releaseAll } = await gatedTokenServer();
    const ids = await saveProfiles(h, server, 6);
    let settled = false;
    const waiting = h
      .startBatch({ runId: 'run-wait-cancel', profileIds: ids, checkAccess: false, waitForNews: true })
      .then((answer) => {
        settled = true;
        return ok(answer);
      });
    await expect.poll(held).toBe(4);
    // Starts within the gap are held back: the start has not answered.
    for (let i = 0; i < 20; i += 1) await new Promise((resolve) => setImmediate(resolve));
    expect(settled).toBe(false);
    ok(await h.cancelBatch({ runId: 'run-wait-cancel' }));
    const begun = await waiting;
    expect(begun.finished).toBe(true);
    // The four in flight were cancelled; none started after.
    expect(begun.answers.map((a) => a.verdict.outcome)).toEqual(Array(4).fill('cancelled'));
    expect(server.received).toHaveLength(4);
    releaseAll();

    const quick = ok(await h.startBatch({ runId: 'run-at-once', profileIds: ids, checkAccess: false }));
    expect(quick).toEqual({ ok: true, runId: 'run-at-once', started: 0, answers: [], finished: false });
    await expect.poll(held).toBe(4);
    ok(await h.cancelBatch({ runId: 'run-at-once' }));
    expect((await allAnswers(h, 'run-at-once')).map((a) => a.verdict.outcome)).toEqual(
      Array(4).fill('cancelled'),
    );
    releaseAll();
  });

  it('a profile edited during the run is checked as saved then: its new secret never goes to its old endpoint', async () => {
    const before = await tokenServer();
    const after = await tokenServer();
    const { h, pendingReads } = await app({ gateKeychain: true });
    const ids = await saveProfiles(h, before, 5);
    const edited = ids[4]!;
    ok(await h.startBatch({ runId: 'run-edit', profileIds: ids, checkAccess: false }));
    await saveP4WhileReadsWait(h, pendingReads, edited, { tokenUrl: after.url() });
    expect(await answersReleasingReads(h, 'run-edit', pendingReads)).toHaveLength(5);
    expect(before.received.map((r) => r.body).join('\n')).not.toContain('moved-secret');
    expect(after.received).toHaveLength(1);
    expect(new URLSearchParams(after.received[0]!.body).get('client_secret')).toBe('moved-secret');
  });

  it('holds answers for the gap between redraws, but not the run’s end', async () => {
    const { server, release, held } = await gatedTokenServer();
    // A gap far longer than the test: an answer held for it never comes back in time.
    const { h } = await app({ progressGapMs: 600_000 });
    const ids = await saveProfiles(h, server, 3);
    ok(await h.startBatch({ runId: 'run-gap', profileIds: ids, checkAccess: false }));
    await expect.poll(held).toBe(3);
    let settled = false;
    const progress = h.batchProgress({ runId: 'run-gap', seen: 0 }).then((answer) => {
      settled = true;
      return ok(answer);
    });
    // Two answers are in (the run's history entry has their rows), but they wait for the gap.
    release(0);
    release(1);
    const rows = async () => ok(await h.listHistory()).entries[0]?.batch?.rows.length ?? 0;
    await expect.poll(rows).toBe(2);
    expect(settled).toBe(false);
    // The last answer ends the run: that goes out at once, with the answers held before it.
    release(2);
    const answer = await progress;
    expect(answer.answers.map((a) => a.index).sort()).toEqual([0, 1, 2]);
    expect(answer.finished).toBe(true);
  });

  it('"Clear history" during a run stays cleared: the run’s later answers do not bring its entry back', async () => {
    const { server, release, held, releaseAll } = await gatedTokenServer();
    const { h } = await app();
    const ids = await saveProfiles(h, server, 3);
    ok(await h.startBatch({ runId: 'run-clear', profileIds: ids, checkAccess: false }));
    await expect.poll(held).toBe(3);
    release(0);
    const first = ok(await h.batchProgress({ runId: 'run-clear', seen: 0 }));
    expect(first.answers).toHaveLength(1);
    expect(ok(await h.listHistory()).entries).toHaveLength(1);
    ok(await h.clearHistory());
    releaseAll();
    const { answers: rest, history: last } = await finish(h, 'run-clear');
    expect(rest.length).toBeGreaterThanOrEqual(2);
    expect(ok(await h.listHistory()).entries).toEqual([]);
    // Nor does the run's last answer bring the window an entry to show.
    expect(last).toEqual({ entry: null, ids: [] });
  });

  it('a run started after "Clear history" is kept when the wall clock has been set back since', async () => {
    const server = await tokenServer();
    let skew = 0;
    const { h } = await app({ now: () => Date.now() + skew });
    const ids = await saveProfiles(h, server, 2);
    ok(await h.startBatch({ runId: 'run-before', profileIds: ids, checkAccess: false }));
    await allAnswers(h, 'run-before');
    ok(await h.clearHistory());
    // An hour back (a clock corrected, a time zone mistaken for UTC): before the clear, by the clock.
    skew = -3_600_000;
    ok(await h.startBatch({ runId: 'run-after', profileIds: ids, checkAccess: false }));
    const { history: last } = await finish(h, 'run-after');
    expect(last?.ids).toEqual(['run-after']);
    expect(ok(await h.listHistory()).entries.map((e) => e.id)).toEqual(['run-after']);
  });

  it('a run’s time taken in the history is the time it took, whatever the wall clock does meanwhile', async () => {
    const { server, release } = await heldServer();
    let skew = 0;
    try {
      const { h } = await app({ now: () => Date.now() + skew });
      const ids = await saveProfiles(h, server, 2);
      ok(await h.startBatch({ runId: 'run-jump', profileIds: ids, checkAccess: false }));
      await expect.poll(() => server.received.length).toBe(2);
      // An hour ahead mid-run (a clock corrected): the run did not take an hour.
      skew = 3_600_000;
      release();
      await allAnswers(h, 'run-jump');
      const [entry] = ok(await h.listHistory()).entries;
      expect(entry?.id).toBe('run-jump');
      expect(entry?.durationMs).toBeGreaterThan(0);
      expect(entry?.durationMs).toBeLessThan(60_000);
    } finally {
      release();
    }
  });

  it('a keychain that is down is asked once, not once per profile', async () => {
    const server = await tokenServer();
    const { h, fail, reads } = await app();
    const ids = await saveProfiles(h, server, 12);
    fail('unavailable');
    ok(await h.startBatch({ runId: 'run-down', profileIds: ids, checkAccess: false }));
    const answers = await allAnswers(h, 'run-down');
    expect(answers).toHaveLength(12);
    expect(answers.every((a) => a.verdict.outcome === 'keychain:unavailable')).toBe(true);
    // The first few were already asking when the first answer came; none after it.
    expect(reads()).toBeLessThanOrEqual(4);
    expect(server.received).toHaveLength(0);
  });

  // keytar's read answers "no entry" for a locked keychain too; with keytar in a helper (browser
  // mode, on Linux) a missing secret is told apart by listing the keychain, which reads every
  // entry's secret. Once for each profile without one, a run over 500 profiles, half of them
  // without a secret, took over four minutes before its first request.
  it.runIf(process.platform === 'linux')(
    'lists the keychain once for a run, not once for each profile without a secret',
    async () => {
      const server = await tokenServer();
      const entries = new Map<string, string>();
      let listings = 0;
      const keytar: Keytar = {
        getPassword: async (_service, account) => entries.get(account) ?? null,
        setPassword: async (_service, account, password) => void entries.set(account, password),
        deletePassword: async (_service, account) => entries.delete(account),
        findCredentials: async () => {
          listings += 1;
          return [...entries].map(([account, password]) => ({ account, password }));
        },
      };
      const keychain = createKeychain({ service: 'batch-listing', isolated: true, load: async () => keytar });
      const { h } = await app({ keychain });
      const ids = await saveProfiles(h, server, 12);
      for (const id of ids.filter((_, i) => i % 2 === 1)) entries.delete(id);
      listings = 0;
      ok(await h.startBatch({ runId: 'run-listed', profileIds: ids, checkAccess: false }));
      const answers = await allAnswers(h, 'run-listed');
      expect(answers.filter((a) => a.verdict.outcome === 'keychain:missing')).toHaveLength(6);
      expect(listings).toBe(1);
      expect(server.received).toHaveLength(6);
    },
  );

  // The run's one listing is taken before its reads: a profile whose secret is saved after it (the
  // window's other tab, while the run reads the others) is not in it, and was said to have no
  // secret although it was saved before its turn. Read again, as a profile saved again is.
  it.runIf(process.platform === 'linux')(
    'a secret saved after the run listed the keychain is still used at its turn',
    async () => {
      const server = await tokenServer();
      const entries = new Map<string, string>();
      const keytar: Keytar = {
        getPassword: async (_service, account) => entries.get(account) ?? null,
        setPassword: async (_service, account, password) => void entries.set(account, password),
        deletePassword: async (_service, account) => entries.delete(account),
        findCredentials: async () => [...entries].map(([account, password]) => ({ account, password })),
      };
      const keychain = createKeychain({ service: 'batch-stale', isolated: true, load: async () => keytar });
      const { h, pendingReads } = await app({ keychain, gateKeychain: true });
      const ids = await saveProfiles(h, server, 5);
      const late = ids[4]!;
      entries.delete(late);
      ok(await h.startBatch({ runId: 'run-stale', profileIds: ids, checkAccess: false }));
      // Listed, and the first four reads wait; the save reads the entry it replaces (none).
      await saveP4WhileReadsWait(h, pendingReads, late, { tokenUrl: server.url(), secret: 'secret-4' });
      const answers = await answersReleasingReads(h, 'run-stale', pendingReads);
      expect(answers.find((a) => a.profileId === late)?.verdict.outcome).toBe('token-received');
      expect(server.received).toHaveLength(5);
    },
  );

  it('a run the window stops asking about (closed or reloaded) is cancelled, not sent to the end', async () => {
    const { server, release } = await heldServer();
    try {
      const { h } = await app({ progressWaitMs: 50 });
      const ids = await saveProfiles(h, server, 6);
      ok(await h.startBatch({ runId: 'run-left', profileIds: ids, checkAccess: false }));
      // Nobody asks for progress: after three waits the run is cancelled, its requests too.
      await expect
        .poll(async () => ok(await h.listHistory()).entries[0]?.batch?.rows.map((row) => row.outcome))
        .toEqual(['cancelled', 'cancelled', 'cancelled', 'cancelled']);
      // The profiles not yet started never reach the server.
      expect(server.received.length).toBeLessThanOrEqual(4);
    } finally {
      release();
    }
  });

  it('a run the window follows is not cancelled when the wall clock jumps ahead', async () => {
    const { server, release } = await heldServer();
    // An hour ahead just after the window last asked (a clock corrected, a machine woken): by the
    // wall clock nobody has asked for an hour, though the window asked a moment ago.
    let skew = 0;
    const waitMs = 1_000;
    try {
      const { h } = await app({ progressWaitMs: waitMs, now: () => Date.now() + skew });
      const ids = await saveProfiles(h, server, 2);
      ok(await h.startBatch({ runId: 'run-skew', profileIds: ids, checkAccess: false }));
      await expect.poll(() => server.received.length).toBe(2);
      ok(await h.batchProgress({ runId: 'run-skew', seen: 0 }));
      skew = 3_600_000;
      // Time passing is what is tested here: one abandon check runs every `waitMs`, and a run is
      // abandoned after 3 × waitMs without a call, so 1.5 × waitMs sees a check and stays clear.
      await new Promise((resolve) => setTimeout(resolve, 1.5 * waitMs));
      release();
      const answers = await allAnswers(h, 'run-skew');
      expect(answers.map((a) => a.verdict.outcome)).toEqual(['oauth:invalid_client', 'oauth:invalid_client']);
    } finally {
      release();
    }
  });

  it('a Cancel that arrives before its run is known still stops the run from starting', async () => {
    const server = await tokenServer();
    const { h } = await app();
    const ids = await saveProfiles(h, server, 3);
    ok(await h.cancelBatch({ runId: 'run-early' }));
    const started = await h.startBatch({ runId: 'run-early', profileIds: ids, checkAccess: false });
    expect(isIpcFailure(started) && started.kind).toBe('conflict');
    expect(server.received).toHaveLength(0);
  });

  it('refuses a run of a profile that is not saved, and a run id used twice', async () => {
    const server = await tokenServer();
    const { h } = await app();
    const ids = await saveProfiles(h, server, 1);
    const unknown = await h.startBatch({
      runId: 'run-four',
      profileIds: ['0f8fad5b-d9cb-469f-a165-70867728950e'],
      checkAccess: false,
    });
    expect(isIpcFailure(unknown) && unknown.kind).toBe('not-found');
    ok(await h.startBatch({ runId: 'run-five', profileIds: ids, checkAccess: false }));
    const again = await h.startBatch({ runId: 'run-five', profileIds: ids, checkAccess: false });
    expect(isIpcFailure(again) && again.kind).toBe('conflict');
    expect(server.received.length).toBeLessThanOrEqual(1);
  });

  it('with the access check asked for, a custom URL’s token goes nowhere but says it was not checked', async () => {
    const server = await tokenServer();
    const { h } = await app();
    const ids = await saveProfiles(h, server, 2);
    // A "v3" profile whose token URL is not Telstra's (a hand-edited file): the same.
    const v3 = ok(
      await h.saveProfile({
        profileId: null,
        fields: {
          name: 'v3 elsewhere',
          clientId: 'client-2',
          preset: 'v3',
          tokenUrl: server.url(),
          grantType: 'client_credentials',
          scope: 'NSMS',
        },
        secret: 'secret-2',
      }),
    );
    if (v3.ok) ids.push(v3.profile.id);
    ok(await h.startBatch({ runId: 'run-custom-access', profileIds: ids, checkAccess: true }));
    const { history } = await finish(h, 'run-custom-access');
    // Only the token requests: no Messaging API was guessed for a token URL not Telstra's.
    expect(server.received.map((r) => r.method)).toEqual(['POST', 'POST', 'POST']);
    const other = ok(await h.batchAnswer({ runId: 'run-custom-access', index: 2 }));
    expect(other.access).toMatchObject({ outcome: 'access:custom-not-checked' });
    const got = ok(await h.batchAnswer({ runId: 'run-custom-access', index: 0 }));
    expect(got.result.ok).toBe(true);
    expect(got.access).toMatchObject({ ok: false, outcome: 'access:custom-not-checked', checkUrl: '' });
    // The row says so, and a token that came still counts as passed (as a v2 profile's does).
    expect(history?.entry?.title).toBe('Batch check: 3 profiles checked: 2 passed, 1 failed');
    expect(history?.entry?.batch?.rows.find((row) => row.ok)?.access).toBe('access:custom-not-checked');
  });

  it('a profile deleted before its turn is said to be deleted, not to have lost its secret', async () => {
    const { server, release, held } = await gatedTokenServer();
    const { h } = await app();
    const ids = await saveProfiles(h, server, 6);
    ok(await h.startBatch({ runId: 'run-deleted', profileIds: ids, checkAccess: false }));
    // Four in flight; the fifth and sixth wait for a turn.
    await expect.poll(held).toBe(4);
    ok(await h.deleteProfile({ profileId: ids[4]! }));
    for (const n of [0, 1, 2, 3]) release(n);
    await expect.poll(held).toBe(1);
    release(5);
    const answers = await allAnswers(h, 'run-deleted');
    expect(answers.find((a) => a.index === 4)?.verdict).toMatchObject({
      outcome: 'profile-deleted',
      title: 'Profile deleted during the run',
    });
    expect(server.received).toHaveLength(5);
    const entry = ok(await h.listHistory()).entries[0];
    expect(entry?.batch?.rows.find((row) => row.profileName === 'p4')?.outcome).toBe('profile-deleted');
    // Neither checked nor failed: nothing was sent for it.
    expect(entry?.title).toBe('Batch check: 5 of 6 profiles checked: 2 passed, 3 failed');
  });

  it('one run at a time: a run a window follows is not stopped by another’s start, which is refused', async () => {
    const { server, held, releaseAll } = await gatedTokenServer();
    const { h } = await app();
    const ids = await saveProfiles(h, server, 8);
    // Two windows press at the same moment: one run goes, the other is told why it does not.
    const [first, second] = await Promise.all([
      h.startBatch({ runId: 'run-a', profileIds: ids, checkAccess: false }),
      h.startBatch({ runId: 'run-b', profileIds: ids, checkAccess: false }),
    ]);
    ok(first);
    expect(isIpcFailure(second) && second.kind).toBe('conflict');
    expect(isIpcFailure(second) && second.message).toContain('is still going');
    await expect.poll(held).toBe(4);
    // Let every request through as it comes, until the run is over.
    const releasing = setInterval(releaseAll, 5);
    try {
      const answers = await allAnswers(h, 'run-a');
      expect(answers).toHaveLength(8);
      expect(answers.every((a) => a.verdict.outcome !== 'cancelled')).toBe(true);
    } finally {
      clearInterval(releasing);
    }
  });

  it('one run at a time: a run no window follows (reloaded, closed) is stopped by the next start', async () => {
    const { server, held, releaseAll } = await gatedTokenServer();
    const { h } = await app({ progressWaitMs: 200 });
    const ids = await saveProfiles(h, server, 8);
    ok(await h.startBatch({ runId: 'run-left-behind', profileIds: ids, checkAccess: false }));
    await expect.poll(held).toBe(4);
    // Nobody asks about it: once two waits have passed it is no one's, and a new run may start.
    let fresh: Awaited<ReturnType<typeof h.startBatch>> | null = null;
    await expect
      .poll(
        async () => {
          fresh = await h.startBatch({
            runId: `run-new-${Date.now()}`,
            profileIds: ids.slice(0, 2),
            checkAccess: false,
          });
          return isIpcFailure(fresh);
        },
        { timeout: 10_000 },
      )
      .toBe(false);
    // The first run's four in flight are cancelled and nothing more of it starts.
    const left = await allAnswers(h, 'run-left-behind');
    expect(left.map((a) => a.verdict.outcome)).toEqual(Array(4).fill('cancelled'));
    await expect.poll(() => server.received.length).toBe(6);
    releaseAll();
    const runId = (fresh as unknown as { runId: string }).runId;
    expect((await allAnswers(h, runId)).map((a) => a.verdict.outcome).sort()).toEqual([
      'oauth:invalid_client',
      'token-received',
    ]);
    expect(server.received).toHaveLength(6);
  });

  it('a profile saved again after the run read its secret is checked as saved then: new secret, new endpoint', async () => {
    const { server: before, held, releaseAll } = await gatedTokenServer();
    const after = await tokenServer();
    const { h } = await app();
    const ids = await saveProfiles(h, before, 5);
    ok(await h.startBatch({ runId: 'run-late-edit', profileIds: ids, checkAccess: false }));
    // Four requests are out, so every secret has been read; the fifth waits for its turn.
    await expect.poll(held).toBe(4);
    expect(ok(await saveP4(h, ids[4]!, { tokenUrl: after.url() })).ok).toBe(true);
    releaseAll();
    expect(await allAnswers(h, 'run-late-edit')).toHaveLength(5);
    const sentBefore = before.received.map((r) => r.body).join('\n');
    expect(sentBefore).not.toContain('client-4');
    expect(sentBefore).not.toContain('moved-secret');
    expect(after.received).toHaveLength(1);
    expect(new URLSearchParams(after.received[0]!.body).get('client_secret')).toBe('moved-secret');
  });
});
