// A server's text with one letter under a flood of combining marks ("Zalgo" text): in the window
// a thousand accents on one letter of the description were drawn as a line up through the app's
// own heading, "Client authentication failed". Found with a real server and Chromium (browser
// mode). Past four marks on one character (UTS #39, 5.4) the rest become one U+FFFD, in the
// token service, the Messaging access check and so in the command line, history and reports;
// text that writes at most four (Vietnamese, pointed Hebrew) is untouched.
import { afterEach, describe, expect, it } from 'vitest';
import { createAccessService } from '../../main/access/access-service';
import { nodeHttpFetch } from '../../main/token/node-http-fetch';
import { createTokenService } from '../../main/token/token-service';
import { assertBuiltCli, runCli } from '../support/cli';
import { sendJson, startServer, type TestServer } from '../support/servers';

const FLOOD = `Z${'\u0301'.repeat(1000)}${'\u20dd'.repeat(10)} end`;
const CAPPED = `Z${'\u0301'.repeat(4)}\ufffd end`;
/**
 * Marks with a zero-width non-joiner or a word joiner between each four: Chromium stacked them
 * across it (the ink of 'Z' and this measured as tall as twenty accents), yet no five in a row.
 */
const JOINED = `Z${`${'\u0301'.repeat(4)}\u200c`.repeat(100)}${`${'\u0301'.repeat(4)}\u2060`.repeat(100)} end`;
const JOINED_CAPPED = `Z${'\u0301'.repeat(4)}\u200c\ufffd\u2060 end`;
/** Four marks at most on each letter: Vietnamese, Hebrew with vowel points and cantillation. */
const WRITTEN = 'Khóa bí mật không đúng. שָׁלֹ֑ום';

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** A token server that refuses every request, its description `description`. */
async function refusing(description = `${FLOOD} ${WRITTEN}`) {
  const started = await startServer((_req, res) =>
    sendJson(res, 401, { error: 'invalid_client', error_description: description }),
  );
  servers.push(started);
  return started;
}

/** The token service's failed result from such a server, the form's secret `clientSecret`. */
async function refusal(description?: string, clientSecret = 'Sup3r-s3cret') {
  const api = await refusing(description);
  const service = createTokenService({
    fetch: nodeHttpFetch,
    sandboxUrl: () => Promise.reject(new Error('unused')),
  });
  const result = await service.request({
    requestId: 'req-1',
    preset: 'custom',
    tokenUrl: api.url('/v2/oauth/token'),
    clientId: 'client-abc',
    clientSecret,
    grantType: 'client_credentials',
    scope: 'NSMS',
  });
  if (result.ok) throw new Error('the refusing server’s answer was taken as a token');
  return result;
}

describe('a flood of combining marks in what a server says', () => {
  it('keeps four marks on a character and shows the rest as one U+FFFD, in the token answer', async () => {
    const result = await refusal();
    expect(result.errorDescription).toBe(`${CAPPED} ${WRITTEN}`);
    expect(result.bodyExcerpt).toContain(`${CAPPED} ${WRITTEN}`);
    expect(JSON.stringify(result)).not.toMatch(/\p{Mn}{5}/u);
  });

  it('counts the marks through the joiners drawn as nothing between them', async () => {
    const result = await refusal(`${JOINED} ${WRITTEN}`);
    expect(result.errorDescription).toBe(`${JOINED_CAPPED} ${WRITTEN}`);
    expect(JSON.stringify(result)).not.toMatch(/(?:\p{Mn}[\u200c\u2060]*){5}/u);
  });

  it('still cuts the secret when the server echoes it with an accent on every character', async () => {
    const secret = 'Zq8vN3xPm2LkR7tW';
    const accented = [...secret].map((char) => `${char}\u0301`).join('');
    const result = await refusal(
      `Bad secret ${accented}, or ${accented.normalize('NFC')}, or ${[...secret].map((char) => `${char}${'\u0301'.repeat(6)}`).join('')}`,
      secret,
    );
    expect(result.errorDescription).toContain('[secret removed]');
    // Read as a person reads it: the accents off, the U+FFFD of a capped run off.
    const read = JSON.stringify(result)
      .normalize('NFKD')
      .replace(/[\p{Mn}\p{Me}\ufffd]/gu, '');
    expect(read).not.toContain(secret);
  });

  it('does the same in the Messaging API’s answer to the access check', async () => {
    const started = await startServer((_req, res) =>
      sendJson(res, 403, { code: 'FORBIDDEN', message: `${FLOOD} ${WRITTEN}` }),
    );
    servers.push(started);
    const service = createAccessService({ fetch: nodeHttpFetch });
    const check = await service.check({
      requestId: 'acc-1',
      checkUrl: started.url('/messaging/v3/virtual-numbers'),
      accessToken: 'tok-abcdefghijklmnop',
      clientSecret: 'Sup3r-s3cret',
      requestedScope: 'virtual-numbers:read',
      grantedScope: null,
    });
    expect(JSON.stringify(check)).toContain(`${CAPPED} ${WRITTEN}`);
    expect(JSON.stringify(check)).not.toMatch(/\p{Mn}{5}/u);
  });

  it('reaches the command line capped, in text and in --json', async () => {
    assertBuiltCli();
    const api = await refusing();
    const args = ['request', '--client-id', 'client-abc', '--secret-env', 'S'];
    const url = ['--endpoint', api.url('/v2/oauth/token')];
    const env = { S: 'Sup3r-s3cret' };
    const text = await runCli([...args, ...url], { env });
    expect(text.stdout).toContain(`Description  ${CAPPED} ${WRITTEN}`);
    const json = await runCli([...args, ...url, '--json'], { env });
    expect(JSON.parse(json.stdout)).toMatchObject({ failure: { errorDescription: `${CAPPED} ${WRITTEN}` } });
  });
});
