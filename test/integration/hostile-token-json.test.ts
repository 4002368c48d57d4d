// A hostile token server's JSON, sent byte by byte from node:net: a 2xx answer the app does not
// take still holds the server's token, and its excerpt must show none of it, however the JSON is
// written (a key twice, a key with an escape in it, UTF-16), over node:http (the command line,
// browser mode) and Node's fetch (bridge mode) alike.
import { afterAll, describe, expect, it } from 'vitest';
import { redactor } from '../../app/redact';
import { tokenLikeValues } from '../../main/token/token-like';
import { createTokenService } from '../../main/token/token-service';
import { rawAnswer, startBytesServer, utf16le, utf32le } from '../support/raw-http';
import type { TestServer } from '../support/servers';
import { TRANSPORTS } from '../support/transports';

const SECRET = 'S3cr3tValue-xyz-42';
const TOKEN = 'tok7f3a9c2e51d84b06ABCDEF';
const JSON_TYPE = 'Content-Type: application/json';

const servers: TestServer[] = [];
afterAll(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** Every 2xx answer here has the token first, and then something that makes the app refuse it. */
const ANSWERS: ReadonlyArray<readonly [string, Buffer]> = [
  [
    'access_token twice, the second not a token',
    rawAnswer('HTTP/1.1 200 OK', [JSON_TYPE], `{"access_token":"${TOKEN}","access_token":"not a token"}`),
  ],
  [
    'access_token twice, the second a number, nested',
    rawAnswer('HTTP/1.1 200 OK', [JSON_TYPE], `{"data":{"access_token":"${TOKEN}","access_token":1}}`),
  ],
  [
    'a key spelled with an escape, then the key again',
    rawAnswer('HTTP/1.1 200 OK', [JSON_TYPE], `{"access\\u005ftoken":"${TOKEN}","access_token":[]}`),
  ],
  [
    'UTF-16 with a byte-order mark',
    rawAnswer(
      'HTTP/1.1 200 OK',
      ['Content-Type: application/json; charset=utf-16'],
      utf16le(`{"access_token":"${TOKEN}","token_type":"Bearer"}`, true),
    ),
  ],
  [
    'UTF-16 without one',
    rawAnswer(
      'HTTP/1.1 200 OK',
      ['Content-Type: application/json; charset=utf-16le'],
      utf16le(`{"access_token":"${TOKEN}"}`),
    ),
  ],
  [
    'UTF-16, big-endian',
    rawAnswer(
      'HTTP/1.1 200 OK',
      ['Content-Type: application/json; charset=utf-16be'],
      utf16le(`{"access_token":"${TOKEN}"}`).swap16(),
    ),
  ],
  [
    'UTF-32',
    rawAnswer(
      'HTTP/1.1 200 OK',
      ['Content-Type: application/json; charset=utf-32'],
      utf32le(`{"access_token":"${TOKEN}"}`),
    ),
  ],
  [
    'UTF-32, big-endian',
    rawAnswer(
      'HTTP/1.1 200 OK',
      ['Content-Type: application/json; charset=utf-32be'],
      utf32le(`{"access_token":"${TOKEN}"}`).swap32(),
    ),
  ],
  [
    'the token in an object under a token key',
    rawAnswer('HTTP/1.1 200 OK', [JSON_TYPE], `{"token":{"value":"${TOKEN}","type":"Bearer"}}`),
  ],
  [
    'a form, as OAuth servers answered before JSON',
    rawAnswer(
      'HTTP/1.1 200 OK',
      ['Content-Type: application/x-www-form-urlencoded'],
      `access_token=${encodeURIComponent(TOKEN)}&token_type=bearer&expires_in=3599`,
    ),
  ],
  [
    'XML',
    rawAnswer(
      'HTTP/1.1 200 OK',
      ['Content-Type: text/xml'],
      `<r>\n  <access_token>${TOKEN}</access_token>\n</r>`,
    ),
  ],
  [
    'YAML',
    rawAnswer(
      'HTTP/1.1 200 OK',
      ['Content-Type: text/plain'],
      `access_token: ${TOKEN}\ntoken_type: bearer\n`,
    ),
  ],
  [
    'a script object, keys unquoted or in single quotes',
    rawAnswer('HTTP/1.1 200 OK', [JSON_TYPE], `{access_token: "${TOKEN}", 'id_token': '${TOKEN}x'}`),
  ],
  [
    'a form whose key is token alone',
    rawAnswer('HTTP/1.1 200 OK', ['Content-Type: text/plain'], `token_type=bearer&token=${TOKEN}`),
  ],
  [
    'YAML whose key is token alone',
    rawAnswer('HTTP/1.1 200 OK', ['Content-Type: text/plain'], `expires_in: 3599\n  token: ${TOKEN}\n`),
  ],
  [
    'a form in UTF-16',
    rawAnswer('HTTP/1.1 200 OK', ['Content-Type: text/plain'], utf16le(`refresh_token=${TOKEN}&x=1`)),
  ],
];

/** What `service` makes of one request to a server that answers `bytes`, with SECRET as the secret. */
async function askServer(service: ReturnType<typeof createTokenService>, bytes: Buffer) {
  const server = await startBytesServer(bytes);
  servers.push(server);
  return service.request({
    requestId: 'hostile',
    preset: 'custom',
    tokenUrl: server.url(),
    clientId: 'client',
    clientSecret: SECRET,
    grantType: 'client_credentials',
    scope: '',
  });
}

/**
 * The text with the NULs of UTF-16 or UTF-32 read as UTF-8 taken out, where the token would read
 * again: as JSON.stringify writes them (\u0000), or as they stand.
 */
const readable = (text: string) => text.replace(/\\u0000|\0/g, '');

describe.each(TRANSPORTS)('over %s', (_name, fetchLike) => {
  const service = createTokenService({ fetch: fetchLike, sandboxUrl: () => Promise.reject(new Error()) });

  it.each(ANSWERS)('%s: refused, and the token is out of the excerpt', async (_case, bytes) => {
    const result = await askServer(service, bytes);
    expect(result).toMatchObject({ ok: false, outcome: 'unexpected-response', status: 200 });
    const whole = readable(JSON.stringify(result));
    expect(whole).not.toContain(TOKEN);
    expect(whole).not.toContain(SECRET);
    expect(result.ok ? '' : result.bodyExcerpt).toContain('[token removed]');
  });
});

describe.each(TRANSPORTS)('a secret echoed in part, in UTF-16, over %s', (_name, fetchLike) => {
  const service = createTokenService({ fetch: fetchLike, sandboxUrl: () => Promise.reject(new Error()) });

  it('is out of the excerpt, as it is in UTF-8', async () => {
    const half = SECRET.slice(0, 11);
    const body = utf16le(`{"error":"invalid_client","error_description":"bad secret ${half}"}`);
    const result = await askServer(service, rawAnswer('HTTP/1.1 401 Unauthorized', [JSON_TYPE], body));
    expect(result).toMatchObject({ ok: false, status: 401 });
    expect(readable(JSON.stringify(result))).not.toContain(half);
    expect(result.ok ? '' : result.bodyExcerpt).toContain('[secret removed]');
  });
});

/** Error answers with a token in them: a gateway that wraps what the server behind it said. */
const ERROR_ANSWERS: ReadonlyArray<readonly [string, Buffer]> = [
  [
    'a 401 with an access_token beside its error',
    rawAnswer(
      'HTTP/1.1 401 Unauthorized',
      [JSON_TYPE],
      `{"error":"invalid_client","access_token":"${TOKEN}"}`,
    ),
  ],
  [
    'a 502 wrapping the upstream answer, in a form',
    rawAnswer(
      'HTTP/1.1 502 Bad Gateway',
      ['Content-Type: text/plain'],
      `upstream said: access_token=${TOKEN}`,
    ),
  ],
];

describe.each(TRANSPORTS)('an error answer holding a token, over %s', (_name, fetchLike) => {
  const service = createTokenService({ fetch: fetchLike, sandboxUrl: () => Promise.reject(new Error()) });

  it.each(ERROR_ANSWERS)('%s: the token is out of the excerpt, the error kept', async (_case, bytes) => {
    const result = await askServer(service, bytes);
    expect(result).toMatchObject({ ok: false, status: Number(bytes.toString('latin1', 9, 12)) });
    expect(readable(JSON.stringify(result))).not.toContain(TOKEN);
    expect(result.ok ? '' : result.bodyExcerpt).toContain('[token removed]');
    if (bytes.includes('invalid_client')) expect(result).toMatchObject({ error: 'invalid_client' });
  });
});

/** Error answers whose words mention a token: nothing in them is a token, and all of them is shown. */
const PLAIN_ERRORS: readonly (readonly [error: string, description: string])[] = [
  ['invalid_token', 'Invalid token: expired'],
  ['invalid_request', 'Missing token: grant_type'],
  ['invalid_request', 'The refresh token=undefined was refused'],
  ['invalid_client', 'Bearer token> malformed header'],
];

describe.each(TRANSPORTS)('an error answer that mentions a token, over %s', (_name, fetchLike) => {
  const service = createTokenService({ fetch: fetchLike, sandboxUrl: () => Promise.reject(new Error()) });

  it.each(PLAIN_ERRORS)('%s "%s": its words shown as the server wrote them', async (error, description) => {
    const body = JSON.stringify({ error, error_description: description });
    const result = await askServer(service, rawAnswer('HTTP/1.1 400 Bad Request', [JSON_TYPE], body));
    expect(result).toMatchObject({ ok: false, status: 400, error, errorDescription: description });
    expect(result.ok ? '' : result.bodyExcerpt).toContain(description);
  });
});

describe('a value searched for in part', () => {
  it('is found in UTF-32 too (the token the Messaging access check sent, cut short)', () => {
    const cut = redactor([{ value: TOKEN, label: 'token removed', fragments: true }]);
    const text = `{"echo":"${TOKEN.slice(0, 15)}"}`;
    expect(cut(utf32le(text).toString('utf8'))).toContain('[token removed]');
    expect(cut(utf32le(text).swap32().toString('utf8'))).toContain('[token removed]');
  });
});

describe('token-like values', () => {
  it('are every value written under a token-like key, not only the one JSON.parse keeps', () => {
    expect(tokenLikeValues(`{"access_token":"${TOKEN}","access_token":"other value"}`)).toEqual(
      expect.arrayContaining([TOKEN, 'other value']),
    );
  });

  it('are the values after a token-like key in text that is not JSON, percent-encoded too', () => {
    expect(tokenLikeValues('access_token=a%2Fb%2Bc+d&token_type=bearer')).toEqual(
      expect.arrayContaining(['a%2Fb%2Bc+d', 'a/b+c d']),
    );
    expect(tokenLikeValues('my_access_token=abcdefgh tokens: abcdefgh')).toEqual([]);
  });

  it('are not the next string after a token-like key whose value is not one', () => {
    expect(tokenLikeValues('[{"access_token":null},"ordinary words"]')).toEqual([]);
    expect(tokenLikeValues('{"access_token":1,"message":"ordinary words"}')).toEqual([]);
  });
});
