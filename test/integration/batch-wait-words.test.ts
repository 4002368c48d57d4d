// "Check all profiles": the words the window shows while a run waits after a 429 (the progress
// answer's `wait`, made on the main side). "as the server asked" only when the wait is the
// answer's own Retry-After: an hour asked for is waited a minute and none given 5 s, each said so
// (found: both said "as the server asked"), whether the 429 was the token endpoint's or the
// Messaging access check's. Real servers on 127.0.0.1; Telstra's hosts are routed to one.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BATCH_CONCURRENCY } from '../../app/batch-schedule';
import { createMainServices, type MainServices } from '../../main/services';
import { nodeHttpFetch } from '../../main/token/node-http-fetch';
import type { FetchLike } from '../../main/token/fetch-like';
import { ok, saveNumberedProfiles, V3_PROFILES } from '../support/answers';
import { memoryKeychain } from '../support/memory-keychain';
import { sendJson, startServer, type TestServer } from '../support/servers';

const opened: Array<MainServices | TestServer> = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((o) => ('dispose' in o ? o.dispose() : o.close())));
});

/**
 * The wait as the window is told it, with client-0's answer refused 429 with `retryAfter` (by the
 * token endpoint, or with `messaging` by the Messaging API after its token); the others wait.
 */
async function waitSaid(retryAfter: string | undefined, messaging = false): Promise<string | undefined> {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  const headers: Record<string, string> = retryAfter === undefined ? {} : { 'Retry-After': retryAfter };
  const telstra = await startServer(async (req, res, body) => {
    const first = req.method === 'POST' ? new URLSearchParams(body).get('client_id') === 'client-0' : true;
    if (first && (req.method === 'GET') === messaging)
      return sendJson(res, 429, { code: '429', message: 'Too many requests' }, headers);
    if (!first) await held;
    if (req.method === 'POST')
      return sendJson(res, 200, { access_token: 'tok-0123456789', token_type: 'Bearer', expires_in: 3599 });
    sendJson(res, 200, { virtualNumbers: [] });
  });
  opened.push(telstra);
  const fetch: FetchLike = (url, init) =>
    nodeHttpFetch(url.replace('https://products.api.telstra.com', telstra.origin), init);
  const services = createMainServices({
    fetch,
    clipboard: { writeText: async () => undefined, readText: async () => '', clear: async () => undefined },
    openExternal: async () => undefined,
    keychain: memoryKeychain().keychain,
    env: {},
    userDataDir: await mkdtemp(path.join(tmpdir(), 'batch-wait-words-')),
  });
  opened.push(services);
  const h = services.handlers;
  const ids = await saveNumberedProfiles(h, BATCH_CONCURRENCY + 1, V3_PROFILES, 'v');
  // Only client-0's checks go before the others are let through; the second call may still be
  // the first's same-moment news (the gap between redraws) before the wait is said.
  ok(await h.startBatch({ runId: 'run', profileIds: ids, checkAccess: true }));
  let seen = 0;
  try {
    for (;;) {
      const progress = ok(await h.batchProgress({ runId: 'run', seen }));
      seen += progress.answers.length;
      if (progress.wait !== undefined || progress.finished) return progress.wait;
    }
  } finally {
    release();
    ok(await h.cancelBatch({ runId: 'run' }));
  }
}

describe('the words of a wait after a 429, as the window shows them', () => {
  it('an hour asked for by the token endpoint: a minute, the most the app waits, the hour said', async () => {
    expect(await waitSaid('3600')).toMatch(
      /^Too many requests \(429\): the next profile waits 60 s \(until .+\), the most the app waits \(the server asked for 3600 s\)\.$/,
    );
  });

  it('none given by the Messaging API: the app’s own 5 s, said so', async () => {
    expect(await waitSaid(undefined, true)).toMatch(
      /^Too many requests \(429\): the next profile waits 5 s \(until .+\), the app’s own wait: the answer gave no usable Retry-After\.$/,
    );
  });

  it('an hour asked for by the Messaging API, and 30 s by the token endpoint: each said as it is', async () => {
    expect(await waitSaid('3600', true)).toMatch(
      /waits 60 s .*the most the app waits \(the server asked for 3600 s\)\.$/,
    );
    expect(await waitSaid('30')).toMatch(/waits 30 s \(until .+\), as the server asked\.$/);
  });
});
