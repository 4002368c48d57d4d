// Chromium's HTTP/2 failures (Electron's net.request, the app's transport) as the window and the
// report say them. They read "The answer came, but not as HTTP the app can read", untrue when
// nothing came (a protocol error in the connection's first frames, a refused stream, HTTP/2 over
// too weak a TLS). Each family's words are true whether or not anything came, with a cause and a
// remedy, and the code itself is kept. Electron cannot run here: a fake net.request emits the
// code as Chromium does, before any response and after the headers, and the real transport
// adapter, token service and access check take it from there (the mapping seam).
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { createAccessService } from '../../main/access/access-service';
import { electronRequestFetch, type NetLike } from '../../main/token/electron-request-fetch';
import { createTokenService } from '../../main/token/token-service';

/** net.request whose request fails with `code`: at once, or once the headers and a byte came. */
function failingNet(code: string, when: 'before-answer' | 'mid-body'): NetLike {
  return {
    request() {
      const request = Object.assign(new EventEmitter(), {
        setHeader: () => undefined,
        abort: () => undefined,
        end() {
          setImmediate(() => {
            if (when === 'before-answer') return request.emit('error', new Error(code));
            const response = Object.assign(new EventEmitter(), {
              statusCode: 200,
              statusMessage: 'OK',
              headers: { 'content-type': 'application/json' },
            });
            request.emit('response', response);
            setImmediate(() => {
              response.emit('data', Buffer.from('{"a'));
              response.emit('error', new Error(code));
            });
          });
          return request;
        },
      });
      return request;
    },
  };
}

const input = {
  requestId: 'h2',
  preset: 'custom' as const,
  tokenUrl: 'https://tapi.telstra.com/v2/oauth/token',
  clientId: 'client-1',
  clientSecret: 'secret-1',
  grantType: 'client_credentials',
  scope: '',
};

/** Each code, the cause it is explained as, and what its own sentence says. */
const CODES: ReadonlyArray<readonly [string, string, RegExp]> = [
  ['net::ERR_HTTP2_PROTOCOL_ERROR', 'network:http2', /rules were broken/],
  ['net::ERR_HTTP2_COMPRESSION_ERROR', 'network:http2', /rules were broken/],
  ['net::ERR_HTTP2_FLOW_CONTROL_ERROR', 'network:http2', /rules were broken/],
  ['net::ERR_HTTP2_FRAME_SIZE_ERROR', 'network:http2', /rules were broken/],
  ['net::ERR_INCOMPLETE_HTTP2_HEADERS', 'network:http2', /rules were broken/],
  ['net::ERR_HTTP2_SERVER_REFUSED_STREAM', 'network:http2', /refused the request .* trying again is safe/],
  ['net::ERR_HTTP2_STREAM_CLOSED', 'network:http2', /ended this request’s HTTP\/2 stream/],
  ['net::ERR_HTTP2_RST_STREAM_NO_ERROR_RECEIVED', 'network:http2', /ended this request’s HTTP\/2 stream/],
  ['net::ERR_HTTP2_PING_FAILED', 'network:http2', /went silent/],
  ['net::ERR_HTTP_1_1_REQUIRED', 'network:http2', /HTTP\/1\.1, not HTTP\/2/],
  ['net::ERR_HTTP2_INADEQUATE_TRANSPORT_SECURITY', 'network:tls-other', /TLS .* HTTP\/2 forbids/],
];

describe.each(['before-answer', 'mid-body'] as const)('Chromium’s HTTP/2 codes, %s', (when) => {
  it.each(CODES)('%s is %s, said true of what came, with the code kept', async (code, outcome, own) => {
    const tokens = createTokenService({
      fetch: electronRequestFetch(failingNet(code, when)),
      sandboxUrl: () => Promise.reject(new Error('no sandbox')),
    });
    const result = await tokens.request(input);
    expect(result).toMatchObject({ ok: false, kind: 'network', outcome, networkCode: code });
    if (result.ok) return;
    const said = [result.message, result.explanation.meaning, ...result.explanation.details].join(' ');
    expect(said).not.toMatch(/The answer came|Something answered|not in valid HTTP/);
    expect(result.message).toContain(code);
    expect(result.explanation.details.join(' ')).toMatch(own);
    if (outcome === 'network:http2') {
      expect(result.message).toBe(`The HTTP/2 exchange with the server broke down (${code}).`);
      expect(result.explanation.nextSteps.join(' ')).toMatch(/command line or browser mode.*HTTP\/1\.1/);
    }
  });
});

it('says the same of the Messaging access check’s own call, with its words for it', async () => {
  const code = 'net::ERR_HTTP2_PROTOCOL_ERROR';
  const access = createAccessService({ fetch: electronRequestFetch(failingNet(code, 'before-answer')) });
  const result = await access.check({
    requestId: 'h2a',
    checkUrl: 'https://products.api.telstra.com/messaging/v3/virtual-numbers',
    accessToken: 'tok-abcdefghijklmnopqrstu',
    clientSecret: 'secret-1',
    requestedScope: '',
    grantedScope: null,
  });
  expect(result).toMatchObject({ outcome: 'network:http2', networkCode: code });
  expect(result.message).toBe(`The HTTP/2 exchange with the server broke down (${code}).`);
  expect(result.explanation.details).toContain(`Low-level code: ${code}`);
  expect(result.explanation.details.join(' ')).toMatch(/rules were broken/);
});
