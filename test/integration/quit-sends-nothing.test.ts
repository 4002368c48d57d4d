// Once quitting has begun, nothing more is sent. Browser mode's page can still call while the
// quit's clean-up runs (up to two seconds): "Check all profiles" started then went out after
// everything in flight was cancelled, with the saved client secret. "Try HTTP Basic
// authentication" and "Check Messaging access" were already refused then (the quit forgets the
// tokens first), in words that said to request a token again; all three now say the app is
// quitting. The main side's own handlers against a real server on 127.0.0.1 that records what
// arrives.
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { isIpcFailure } from '../../app/ipc-contract';
import type { MainServices } from '../../main/services';
import { ok } from '../support/answers';
import { memoryApp, typedRequest } from '../support/memory-app';
import { sendJson, startServer, type TestServer } from '../support/servers';

let server: TestServer;
const opened: MainServices[] = [];

beforeAll(async () => {
  server = await startServer((req, res) =>
    req.method === 'POST'
      ? sendJson(res, 200, { access_token: 'tok-Quit-0123456789abcdef', expires_in: 3599 })
      : sendJson(res, 200, { virtualNumbers: [] }),
  );
});
afterAll(() => server.close());
afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.dispose()));
  server.received.length = 0;
});

it('refuses a Basic probe, a Messaging check and a batch run that come once quitting has begun', async () => {
  const { h } = await memoryApp(opened, 'quit-sends-nothing-');
  const services = opened.at(-1)!;
  ok(await h.requestToken(typedRequest('q1', server.url('/v2/oauth/token'), 'Quit-Secret-value-9')));
  const saved = ok(
    await h.saveProfile({
      profileId: null,
      fields: {
        name: 'kept',
        clientId: 'abcdefghij',
        preset: 'custom',
        tokenUrl: server.url('/v2/oauth/token'),
        grantType: 'client_credentials',
        scope: '',
      },
      secret: 'Quit-Secret-value-9',
    }),
  );
  if (!saved.ok) throw new Error('not saved');
  expect(server.received).toHaveLength(1);

  const disposed = services.dispose();
  const probe = await h.probeBasicAuth({ requestId: 'q1' });
  const check = await h.checkMessagingAccess({ requestId: 'q1', messagingUrl: server.url('/messaging/v3') });
  let run = await h.startBatch({ runId: 'run-at-quit', profileIds: [saved.profile.id], checkAccess: true });
  const answers = [probe, check, run];
  await disposed;
  // Without the guard, the run went on after the quit: wait for its end before counting.
  while (!isIpcFailure(run) && !run.finished)
    run = await h.batchProgress({ runId: 'run-at-quit', seen: run.answers.length });
  expect(server.received).toHaveLength(1);
  for (const answer of answers) {
    expect(isIpcFailure(answer) && answer.kind).toBe('conflict');
    expect(isIpcFailure(answer) && answer.message).toMatch(/quitting/);
  }
});

it('still answers them before quitting', async () => {
  const { h } = await memoryApp(opened, 'quit-sends-nothing-');
  ok(await h.requestToken(typedRequest('q2', server.url('/v2/oauth/token'), 'Quit-Secret-value-9')));
  ok(await h.checkMessagingAccess({ requestId: 'q2', messagingUrl: server.url('/messaging/v3') }));
  expect(server.received.map((r) => r.method)).toEqual(['POST', 'GET']);
});
