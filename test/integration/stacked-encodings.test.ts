// A hostile token server and Messaging API that compress their answers in layers: a
// Content-Encoding that lists codings ("gzip, br", or the header twice). Node's fetch and Chromium
// (the desktop app) decode each, last one first; node:http (the command line, browser mode) passed
// the body on still compressed, so the same answer was a token in the window and "not JSON", with
// compressed bytes for an excerpt, on the command line. Layers also make a bomb a few kB small
// (gzip of gzip): the body cap counts the decoded bytes, so it is stopped there, with memory to
// match; and more layers than fetch decodes (5) are refused alike on both transports.
import { brotliCompressSync, deflateRawSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccessService } from '../../main/access/access-service';
import { createTokenService } from '../../main/token/token-service';
import { assertBuiltCli, onlyJson, runCli } from '../support/cli';
import { startServer, type TestServer } from '../support/servers';
import { TRANSPORTS } from '../support/transports';

const SECRET = 'S3cr3tValue-xyz-42';
const TOKEN = 'tok7f3a9c2e51d84b06';
const TOKEN_ANSWER = JSON.stringify({ access_token: TOKEN, token_type: 'Bearer', expires_in: 3599 });
const LIST = JSON.stringify({ virtualNumbers: [{ virtualNumber: '0400000001' }] });
const MiB = 1024 * 1024;

/** 1 GiB of spaces in a few kB: 128 gzip members of 8 MiB each (one stream, as gunzip reads it), gzipped again. */
function gzipOfGzipBomb(): Buffer {
  const member = gzipSync(Buffer.alloc(8 * MiB, 0x20));
  return gzipSync(Buffer.concat(Array.from({ length: 128 }, () => member)));
}

/** Each answer: its Content-Encoding (a list, or one header per coding) and its body's bytes. */
const ANSWERS: Readonly<Record<string, readonly [string | string[], () => Buffer]>> = {
  'gzip-gzip': ['gzip, gzip', () => gzipSync(gzipSync(TOKEN_ANSWER))],
  'gzip-br': ['gzip, br', () => brotliCompressSync(gzipSync(TOKEN_ANSWER))],
  // Raw deflate under gzip: the deflate layer is told apart on a decoded stream, not the socket.
  'deflate-gzip': ['deflate,GZIP', () => gzipSync(deflateRawSync(TOKEN_ANSWER))],
  'two-headers': [['x-gzip', ' br '], () => brotliCompressSync(gzipSync(TOKEN_ANSWER))],
  // As fetch and Chromium do: a list holding a coding the app does not decode is passed on as sent.
  'with-identity': ['gzip, identity', () => gzipSync(TOKEN_ANSWER)],
  'list-br-gzip': ['br, gzip', () => gzipSync(brotliCompressSync(LIST))],
  bomb: ['gzip, gzip', gzipOfGzipBomb],
  'six-layers': [
    'gzip, gzip, gzip, gzip, gzip, gzip',
    () => [1, 2, 3, 4, 5, 6].reduce((bytes) => gzipSync(bytes), Buffer.from(TOKEN_ANSWER)),
  ],
};

let server: TestServer;
beforeAll(async () => {
  const bodies = new Map(
    Object.entries(ANSWERS).map(([name, [coding, body]]) => [name, [coding, body()]] as const),
  );
  server = await startServer((req, res) => {
    const [coding, body] = bodies.get(new URL(req.url ?? '/', 'http://x').pathname.split('/')[1] ?? '') ?? [];
    if (coding === undefined || body === undefined) return void res.writeHead(404).end();
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': coding });
    res.end(body);
  });
});
afterAll(() => server.close());

describe.each(TRANSPORTS)('over %s', (_name, transport) => {
  const tokens = createTokenService({ fetch: transport, sandboxUrl: () => Promise.reject(new Error()) });
  const access = createAccessService({ fetch: transport });
  const token = (answer: string) =>
    tokens.request({
      requestId: answer,
      preset: 'custom',
      tokenUrl: server.url(`/${answer}/v2/oauth/token`),
      clientId: 'client',
      clientSecret: SECRET,
      grantType: 'client_credentials',
      scope: '',
    });
  const check = (answer: string) =>
    access.check({
      requestId: answer,
      checkUrl: server.url(`/${answer}/messaging/v3/virtual-numbers`),
      accessToken: TOKEN,
      clientSecret: SECRET,
      requestedScope: '',
      grantedScope: null,
    });

  it.each(['gzip-gzip', 'gzip-br', 'deflate-gzip', 'two-headers'])(
    'decodes every layer of %s, last one first, to the token',
    async (answer) => {
      expect(await token(answer)).toMatchObject({ ok: true, accessToken: TOKEN, expiresInSeconds: 3599 });
    },
  );

  it('decodes a Messaging list in layers to confirmed access, and passes a list holding identity on as sent', async () => {
    expect(await check('list-br-gzip')).toMatchObject({ outcome: 'access:confirmed', virtualNumbers: 1 });
    expect(await token('with-identity')).toMatchObject({ ok: false, outcome: 'unexpected-response' });
  });

  it('stops a gzip-of-gzip bomb (a few kB, 1 GiB decoded) at the cap, "too large", memory bounded', async () => {
    const before = process.memoryUsage().rss;
    const tokenAnswer = await token('bomb');
    const checked = await check('bomb');
    expect(tokenAnswer).toMatchObject({ ok: false, outcome: 'too-large' });
    expect(tokenAnswer.ok ? '' : tokenAnswer.message).toMatch(/with a body larger than 1048576 bytes/);
    expect(checked).toMatchObject({ outcome: 'too-large' });
    // Decoded whole, it would be a GiB; read to the 1 MiB cap, a few MiB at most.
    expect(process.memoryUsage().rss - before).toBeLessThan(128 * MiB);
  });

  it('refuses more layers than fetch decodes as a body that does not decode, on both calls', async () => {
    const said =
      'The answer came, but its body could not be decoded as its Content-Encoding says (ERR_HTTP_TOO_MANY_CONTENT_ENCODINGS).';
    expect(await token('six-layers')).toMatchObject({
      ok: false,
      outcome: 'network:bad-answer',
      message: said,
    });
    expect(await check('six-layers')).toMatchObject({ outcome: 'network:bad-answer', message: said });
  });
});

describe('the command line (node:http, as built)', () => {
  beforeAll(() => assertBuiltCli());

  it('gets the token of an answer in layers, as the window does, exit status 0', async () => {
    const endpoint = server.url('/gzip-br/v2/oauth/token');
    const args = ['request', '--endpoint', endpoint, '--client-id', 'client', '--secret-env', 'S', '--json'];
    const run = await runCli(args, { env: { S: SECRET } });
    expect(run.code).toBe(0);
    expect(onlyJson(run)).toMatchObject({ outcome: 'token-received' });
    expect(run.stdout + run.stderr).not.toContain(SECRET);
  });
});
