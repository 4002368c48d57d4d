// `telstra-token request` against token endpoints that answer as the RFCs allow: a success with
// no body (RFC 9110's 204) and RFC 9457 problem details. The built command line says what came,
// not "not JSON" or the status taken for an error code.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuiltCli, runCli } from '../support/cli';
import { startServer, type TestServer } from '../support/servers';

let server: TestServer;
beforeAll(async () => {
  assertBuiltCli();
  server = await startServer((req, res) => {
    if ((req.url ?? '').startsWith('/no-content/')) {
      res.writeHead(204);
      return void res.end();
    }
    res.writeHead(403, { 'Content-Type': 'application/problem+json' });
    res.end(
      JSON.stringify({ type: 'about:blank', title: 'Forbidden', status: 403, detail: 'Trial quota used' }),
    );
  });
});
afterAll(() => server.close());

const request = (scenario: string) =>
  runCli(
    [
      'request',
      '--endpoint',
      server.url(`/${scenario}/v2/oauth/token`),
      '--client-id',
      'abc',
      '--secret-env',
      'S',
    ],
    { env: { S: 'secret-xyz-123' } },
  );

describe('request against RFC-shaped answers', () => {
  it('says a 204 has no body, so no token', async () => {
    const run = await request('no-content');
    expect(run.code).not.toBe(0);
    expect(run.stdout).toMatch(/Detail\s+The answer has no body, so no token/);
    expect(run.stdout).not.toContain('not JSON');
  });

  it('shows RFC 9457 problem details as the description, with no code made of the status', async () => {
    const run = await request('problem');
    expect(run.stdout).toMatch(/Description\s+Forbidden: Trial quota used/);
    expect(run.stdout).not.toMatch(/Error code/);
  });
});
