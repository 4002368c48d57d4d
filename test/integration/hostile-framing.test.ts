// A hostile token server's HTTP framing, sent byte by byte from node:net. A chunked body that
// breaks HTTP's rules after the status line and headers is an answer not understood, with the
// parser's own code, on every transport: over node:http (the command line, browser mode) it was a
// dropped connection (ECONNRESET), since the parser's error reached the request and not the body.
// And what is not HTTP, or a body that does not decode, is said to be so, not "The connection
// failed": the connection worked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenService } from '../../main/token/token-service';
import { assertBuiltCli, onlyJson, runCli } from '../support/cli';
import { rawAnswer, startBytesServer } from '../support/raw-http';
import type { TestServer } from '../support/servers';
import { TRANSPORTS } from '../support/transports';

const SECRET = 'S3cr3tValue-xyz-42';
const BODY = '{"access_token":"tok7f3a9c2e51d84b06","token_type":"Bearer"}';
const CHUNKED = ['Content-Type: application/json', 'Transfer-Encoding: chunked'];
const chunked = (chunks: string) => rawAnswer('HTTP/1.1 200 OK', CHUNKED, chunks, 'none');

const NOT_HTTP = /^The answer came, but not as HTTP the app can read \(HPE_[A-Z_]+\)\.$/;

/** Answers no transport can read: llhttp (node:http's and Node fetch's parser) gives an HPE_ code. */
const CASES: ReadonlyArray<readonly [string, Buffer, RegExp]> = [
  ['a chunk size that is not hexadecimal', chunked(`zz\r\n${BODY}\r\n0\r\n\r\n`), NOT_HTTP],
  [
    'a chunk longer than its size says',
    chunked(`${(BODY.length - 5).toString(16)}\r\n${BODY}\r\n0\r\n\r\n`),
    NOT_HTTP,
  ],
  ['no status line (HTTP/0.9)', Buffer.from(BODY), NOT_HTTP],
  [
    'a body that is not the gzip its Content-Encoding says',
    rawAnswer('HTTP/1.1 200 OK', ['Content-Type: application/json', 'Content-Encoding: gzip'], BODY),
    /^The answer came, but its body could not be decoded as its Content-Encoding says \(Z_DATA_ERROR\)\.$/,
  ],
];

const servers: TestServer[] = [];
const urls = new Map<string, string>();
beforeAll(async () => {
  for (const [name, bytes] of CASES) {
    const server = await startBytesServer(bytes);
    servers.push(server);
    urls.set(name, server.url());
  }
});
afterAll(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

describe.each(TRANSPORTS)('over %s', (_name, fetchLike) => {
  const service = createTokenService({ fetch: fetchLike, sandboxUrl: () => Promise.reject(new Error()) });

  const ask = (tokenUrl: string) =>
    service.request({
      requestId: tokenUrl,
      preset: 'custom',
      tokenUrl,
      clientId: 'client',
      clientSecret: SECRET,
      grantType: 'client_credentials',
      scope: '',
    });

  it.each(CASES)('%s is an answer not understood, said so', async (name, _bytes, message) => {
    const result = await ask(urls.get(name) ?? '');
    expect(result).toMatchObject({ ok: false, outcome: 'network:bad-answer' });
    expect(result.ok ? '' : result.message).toMatch(message);
  });

  it('takes a whole answer as it is, whatever follows it (a 204 with a "body")', async () => {
    const server = await startBytesServer(rawAnswer('HTTP/1.1 204 No Content', [], BODY));
    servers.push(server);
    const result = await ask(server.url());
    expect(result).toMatchObject({ ok: false, outcome: 'unexpected-response', status: 204 });
  });
});

describe('the command line', () => {
  beforeAll(() => assertBuiltCli());

  it('says the same of a malformed chunk, exit status 4', async () => {
    const [name] = CASES[0] ?? [];
    const run = await runCli(
      [
        'request',
        '--endpoint',
        urls.get(name ?? '') ?? '',
        '--client-id',
        'client',
        '--secret-env',
        'S',
        '--json',
      ],
      { env: { S: SECRET } },
    );
    expect(run.code).toBe(4);
    expect(onlyJson(run)).toMatchObject({
      outcome: 'network:bad-answer',
      failure: { networkCode: 'HPE_INVALID_CHUNK_SIZE', message: expect.stringMatching(NOT_HTTP) as unknown },
    });
    expect(run.stdout + run.stderr).not.toContain(SECRET);
  });
});
