// A 429 or a 5xx whose body does not come whole: an error page that does not decode as its
// Content-Encoding says (a gateway that labels it gzip, a hostile server), or one cut short by the
// connection's close. The status line and Retry-After had come whole, and they are what the answer
// says: before, the token call and the Messaging check said "The answer came, but its body could
// not be decoded" (network:bad-answer) or "The connection failed", with no status and no
// Retry-After, so a batch run and the command line's --all-profiles, which wait on a 429's status
// and Retry-After, went straight on to the next request.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccessService } from '../../main/access/access-service';
import { createTokenService } from '../../main/token/token-service';
import { assertBuiltCli, onlyJson, runCli } from '../support/cli';
import { rawAnswer, startBytesServer } from '../support/raw-http';
import type { TestServer } from '../support/servers';
import { TRANSPORTS } from '../support/transports';

const SECRET = 'S3cr3tValue-xyz-42';
const TOKEN = 'tok7f3a9c2e51d84b06';
const JSON_TYPE = 'Content-Type: application/json';

const ANSWERS = {
  'a 429 whose gzip body does not decode': rawAnswer(
    'HTTP/1.1 429 Too Many Requests',
    [JSON_TYPE, 'Content-Encoding: gzip', 'Retry-After: 30'],
    `not gzip at all, and it names ${SECRET}`,
  ),
  'a 503 whose body is cut short': rawAnswer(
    'HTTP/1.1 503 Service Unavailable',
    [JSON_TYPE, 'Content-Length: 5000', 'Retry-After: 120'],
    '{"error":"temporarily_unavailable","error_descr',
    'none',
  ),
} as const;
type Answer = keyof typeof ANSWERS;

const servers = new Map<Answer, TestServer>();
beforeAll(async () => {
  for (const [name, bytes] of Object.entries(ANSWERS))
    servers.set(name as Answer, await startBytesServer(bytes));
});
afterAll(async () => {
  await Promise.all([...servers.values()].map((server) => server.close()));
});
const urlOf = (answer: Answer, path = '/v2/oauth/token') => servers.get(answer)?.url(path) ?? '';

const EXPECTED: Readonly<Record<Answer, readonly [number, number, string, RegExp]>> = {
  'a 429 whose gzip body does not decode': [
    429,
    30,
    'access:rate-limited',
    /^answered 429 Too Many Requests, and its body could not be read \(Z_DATA_ERROR\)\.$/,
  ],
  'a 503 whose body is cut short': [
    503,
    120,
    'access:telstra-side',
    /^answered 503 Service Unavailable, and its body could not be read \((ECONNRESET|UND_ERR_SOCKET)\)\.$/,
  ],
};

describe.each(TRANSPORTS)('over %s', (_name, transport) => {
  const tokens = createTokenService({ fetch: transport, sandboxUrl: () => Promise.reject(new Error()) });
  const access = createAccessService({ fetch: transport });

  it.each(Object.keys(ANSWERS) as Answer[])(
    '%s keeps its status and Retry-After, on both calls',
    async (answer) => {
      const [status, seconds, accessOutcome, said] = EXPECTED[answer];
      const token = await tokens.request({
        requestId: answer,
        preset: 'custom',
        tokenUrl: urlOf(answer),
        clientId: 'client',
        clientSecret: SECRET,
        grantType: 'client_credentials',
        scope: '',
      });
      expect(token).toMatchObject({
        ok: false,
        outcome: `http:${status}`,
        status,
        retryAfterSeconds: seconds,
      });
      expect(token.ok ? '' : token.message.replace(/^The server /, '')).toMatch(said);
      expect(JSON.stringify(token)).not.toContain(SECRET);

      const checked = await access.check({
        requestId: answer,
        checkUrl: urlOf(answer, '/messaging/v3/virtual-numbers'),
        accessToken: TOKEN,
        clientSecret: SECRET,
        requestedScope: '',
        grantedScope: null,
      });
      expect(checked).toMatchObject({ outcome: accessOutcome, status, retryAfterSeconds: seconds });
      expect(checked.message.replace(/^The Messaging API /, '')).toMatch(said);
    },
  );
});

describe('the command line (node:http, as built)', () => {
  beforeAll(() => assertBuiltCli());

  it('says the 429 and its Retry-After of an answer whose body does not decode', async () => {
    const answer = 'a 429 whose gzip body does not decode';
    const args = [
      'request',
      '--endpoint',
      urlOf(answer),
      '--client-id',
      'client',
      '--secret-env',
      'S',
      '--json',
    ];
    const run = await runCli(args, { env: { S: SECRET } });
    expect(onlyJson(run)).toMatchObject({ outcome: 'http:429', failure: { retryAfterSeconds: 30 } });
    expect(run.stdout + run.stderr).not.toContain(SECRET);
  });
});
