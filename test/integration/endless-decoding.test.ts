// An answer that has come whole but decodes for minutes to nothing: about a kB in five gzip layers
// (as many as fetch decodes) that unfolds to some 40 GB of empty deflate blocks. The body cap
// counts decoded bytes, and none come, so only the deadline (or Cancel) can end the call. Over
// node:http (the command line, browser mode) it did not: an abort ends a body still arriving, but
// this one had arrived, so its decoders went on at full CPU long past the deadline and the call
// waited for them. (A Cancel aborts the same signal as the deadline, node-http-fetch.ts.) (Node's fetch ends its call at the deadline, but leaves its own decoders
// running: it is no transport of the app's, and is left out here to spare the test run the CPU.)
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccessService } from '../../main/access/access-service';
import { nodeHttpFetch } from '../../main/token/node-http-fetch';
import { createTokenService } from '../../main/token/token-service';
import { assertBuiltCli, onlyJson, runCli } from '../support/cli';
import { rawAnswer, startBytesServer } from '../support/raw-http';
import type { TestServer } from '../support/servers';

const SECRET = 'S3cr3tValue-xyz-42';

/** A gzip stream that never ends, of 2,000 × 4 million empty stored blocks, gzipped four times more. */
function decodesToNothing(): Buffer {
  const header = gzipSync(Buffer.alloc(0)).subarray(0, 10);
  // An empty stored block, not the last: what a sync flush writes. 20 MB of them decode to 0 bytes.
  const empty = Buffer.alloc(20_000_000).fill(Buffer.from([0, 0, 0, 0xff, 0xff]));
  const more = gzipSync(empty);
  let bytes = Buffer.concat([gzipSync(Buffer.concat([header, empty])), ...Array<Buffer>(1999).fill(more)]);
  for (let layer = 0; layer < 3; layer += 1) bytes = gzipSync(bytes);
  return bytes;
}

let server: TestServer;
beforeAll(async () => {
  const body = decodesToNothing();
  expect(body.byteLength).toBeLessThan(4096);
  const coding = 'Content-Encoding: gzip, gzip, gzip, gzip, gzip';
  server = await startBytesServer(
    rawAnswer('HTTP/1.1 200 OK', ['Content-Type: application/json', coding], body),
  );
});
afterAll(() => server.close());

const STOPPED = { outcome: 'timeout', status: 200 };

describe('an answer come whole that decodes to nothing for minutes, over node:http', () => {
  it('ends at the deadline: the token call and the Messaging check', async () => {
    const deadlineMs = 1000;
    const tokens = createTokenService({
      fetch: nodeHttpFetch,
      sandboxUrl: () => Promise.reject(new Error()),
      deadlineMs,
    });
    const token = await tokens.request({
      requestId: 'nothing',
      preset: 'custom',
      tokenUrl: server.url(),
      clientId: 'client',
      clientSecret: SECRET,
      grantType: 'client_credentials',
      scope: '',
    });
    expect(token).toMatchObject({ ok: false, ...STOPPED });

    const access = createAccessService({ fetch: nodeHttpFetch, deadlineMs });
    const checked = await access.check({
      requestId: 'nothing',
      checkUrl: server.url('/messaging/v3/virtual-numbers'),
      accessToken: 'tok7f3a9c2e51d84b06',
      clientSecret: SECRET,
      requestedScope: '',
      grantedScope: null,
    });
    expect(checked).toMatchObject(STOPPED);
  });

  it('the command line ends at its --timeout', async () => {
    assertBuiltCli();
    const args = ['request', '--endpoint', server.url(), '--client-id', 'client', '--secret-env', 'S'];
    const run = await runCli([...args, '--timeout', '1', '--json'], {
      env: { S: SECRET },
      timeoutMs: 15_000,
    });
    expect(onlyJson(run)).toMatchObject({ outcome: 'timeout' });
    expect(run.stdout + run.stderr).not.toContain(SECRET);
  });
});
