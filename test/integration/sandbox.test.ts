// The built-in sandbox follows the documented contract, over real HTTP on 127.0.0.1.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { V3_SCOPE } from '../../app/endpoints';
import { SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET, SANDBOX_SCENARIOS } from '../../app/sandbox';
import { lazySandbox, startSandboxServer, type SandboxServer } from '../../main/sandbox/sandbox-server';
import { createTokenService, type ResolvedTokenRequest } from '../../main/token/token-service';
import { STEP } from '../../app/explanations/types';
import { nodeHttpFetch } from '../../main/token/node-http-fetch';
import { sendJson, startServer } from '../support/servers';

let sandbox: SandboxServer;
beforeAll(async () => {
  sandbox = await startSandboxServer();
});
afterAll(() => sandbox.close());

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const good = {
  client_id: SANDBOX_CLIENT_ID,
  client_secret: SANDBOX_CLIENT_SECRET,
  grant_type: 'client_credentials',
};

async function post(body: string, type = 'application/x-www-form-urlencoded', url = sandbox.tokenUrl) {
  const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': type }, body });
  return {
    status: response.status,
    headers: response.headers,
    json: (await response.json()) as Record<string, unknown>,
  };
}

describe('the sandbox token endpoint', () => {
  it('listens on loopback only', () => {
    expect(sandbox.tokenUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v2\/oauth\/token$/);
  });

  it('issues a token with the three string fields and expires_in "3599"', async () => {
    for (const scope of [undefined, 'NSMS', V3_SCOPE, 'messages:read']) {
      const { status, json } = await post(form(scope === undefined ? good : { ...good, scope }));
      expect(status).toBe(200);
      expect(json).toEqual({
        access_token: expect.stringMatching(/^[\w-]{20,}$/) as unknown,
        token_type: 'Bearer',
        expires_in: '3599',
      });
    }
  });

  it.each([
    [
      'a missing secret',
      form({ client_id: SANDBOX_CLIENT_ID, grant_type: 'client_credentials' }),
      400,
      'invalid_request',
    ],
    ['a repeated parameter', `${form(good)}&client_id=again`, 400, 'invalid_request'],
    ['another grant type', form({ ...good, grant_type: 'password' }), 400, 'unsupported_grant_type'],
    ['an unknown client', form({ ...good, client_id: 'someone' }), 401, 'invalid_client'],
    ['a wrong secret', form({ ...good, client_secret: 'wrong' }), 401, 'invalid_client'],
    [
      'a secret with a trailing space',
      form({ ...good, client_secret: `${SANDBOX_CLIENT_SECRET} ` }),
      401,
      'invalid_client',
    ],
    ['an unknown scope', form({ ...good, scope: 'messaging:write' }), 400, 'invalid_scope'],
  ])('answers %s with %i %s', async (_name, body, status, error) => {
    const answer = await post(body);
    expect(answer.status).toBe(status);
    expect(answer.json.error).toBe(error);
    expect(answer.json.error_description).toEqual(expect.any(String));
  });

  it('requires a form body', async () => {
    const answer = await post(JSON.stringify(good), 'application/json');
    expect(answer).toMatchObject({ status: 400, json: { error: 'invalid_request' } });
  });

  it('takes POST only', async () => {
    const response = await fetch(sandbox.tokenUrl);
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
  });

  it('answers 404 anywhere else', async () => {
    const answer = await post(
      form(good),
      undefined,
      sandbox.tokenUrl.replace('/v2/oauth/token', '/v1/oauth/token'),
    );
    expect(answer.status).toBe(404);
  });
});

describe('the sandbox scenarios, through the token service', () => {
  const tokens = () =>
    createTokenService({
      fetch: (url, init) => fetch(url, init),
      sandboxUrl: async () => sandbox.tokenUrl,
      deadlineMs: 1500,
    });
  const request = (clientId: string, secret = 'anything'): ResolvedTokenRequest => ({
    requestId: `sb-${clientId}`,
    preset: 'sandbox',
    tokenUrl: 'ignored for the sandbox',
    clientId,
    clientSecret: secret,
    grantType: 'client_credentials',
    scope: 'NSMS',
  });

  it('issues a token for the documented credentials', async () => {
    const result = await tokens().request(request(SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET));
    expect(result).toMatchObject({
      ok: true,
      tokenUrl: sandbox.tokenUrl,
      expiresInSeconds: 3599,
      tokenType: 'Bearer',
    });
  });

  it.each([
    ['sandbox-503', 'http:503'],
    ['sandbox-500', 'http:500'],
    ['sandbox-429', 'http:429'],
    ['sandbox-403', 'http:403'],
    ['sandbox-502', 'http:502'],
    ['sandbox-timeout', 'timeout'],
  ])('%s gives %s', async (clientId, outcome) => {
    expect(SANDBOX_SCENARIOS.map((s) => s.clientId)).toContain(clientId);
    const result = await tokens().request(request(clientId));
    expect(result.outcome).toBe(outcome);
    if (clientId === 'sandbox-429') expect(!result.ok && result.retryAfterSeconds).toBe(30);
  });

  it('practises invalid_client with any other client ID, without advice to choose the sandbox it is using', async () => {
    const result = await tokens().request(request('someone-else', SANDBOX_CLIENT_SECRET));
    expect(result.outcome).toBe('oauth:invalid_client');
    expect(result.explanation.nextSteps).not.toContain(STEP.sandbox);
    expect(result.explanation.nextSteps.length).toBeGreaterThan(0);
    // Elsewhere the same answer keeps that advice.
    const elsewhere = await tokens().request({
      ...request('someone-else', SANDBOX_CLIENT_SECRET),
      preset: 'custom',
      tokenUrl: sandbox.tokenUrl,
    });
    expect(elsewhere.outcome).toBe('oauth:invalid_client');
    expect(elsewhere.explanation.nextSteps).toContain(STEP.sandbox);
  });

  it('sandbox-slow answers after about three seconds', async () => {
    const started = performance.now();
    const result = await createTokenService({
      fetch: (u, i) => fetch(u, i),
      sandboxUrl: async () => sandbox.tokenUrl,
    }).request(request('sandbox-slow'));
    expect(result.ok).toBe(true);
    expect(performance.now() - started).toBeGreaterThanOrEqual(2900);
  });

  it('a Cancel while the sandbox is still starting is not lost: nothing is sent', async () => {
    // A recording server on 127.0.0.1 stands for the sandbox, whose start is held until let go.
    const server = await startServer((_req, res) => sendJson(res, 401, { error: 'invalid_client' }));
    try {
      let started!: (url: string) => void;
      const starting = new Promise<string>((resolve) => (started = resolve));
      const service = createTokenService({ fetch: nodeHttpFetch, sandboxUrl: () => starting });
      const pending = service.request(request('cancelled-while-starting'));
      // A batch's Cancel, or the window's, or Ctrl-C: the request is already known to the service.
      const known = service.cancel('sb-cancelled-while-starting');
      started(server.url());
      const result = await pending;
      expect(server.received).toHaveLength(0);
      expect(result).toMatchObject({ ok: false, outcome: 'cancelled' });
      expect(known).toBe(true);
    } finally {
      await server.close();
    }
  });

  it('starts once on demand and closes cleanly', async () => {
    let starts = 0;
    const lazy = lazySandbox(async () => {
      starts += 1;
      return startSandboxServer();
    });
    const [a, b] = await Promise.all([lazy.url(), lazy.url()]);
    expect(a).toBe(b);
    expect(starts).toBe(1);
    await lazy.close();
    await expect(fetch(a, { method: 'POST' })).rejects.toThrow();
  });
});
