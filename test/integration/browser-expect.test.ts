// Browser mode's loopback server and the `Expect` header (RFC 9110, 10.1.1), which only a program
// can send (browsers never do: it is a forbidden header name). Left to Node, an expectation it
// does not know got Node's own bare 417, before any check and without the headers every answer
// carries; and `100-continue` was answered "100 Continue" before any check, inviting the body of a
// request that was then refused (a foreign Host, no capability). Real server on 127.0.0.1, raw
// sockets, spy handlers.
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CAPABILITY_HEADER } from '../../main/browser/access';
import { MAX_BODY_BYTES, startBrowserHost, type BrowserHost } from '../../main/browser/browser-host';
import { createPageEvents } from '../../main/browser/page-events';
import { countedHandlers, rendererStub } from '../support/renderer-stub';
import { expectUsualHeaders } from '../support/usual-headers';
import { pairedCapability } from '../support/pair';

let dir: string;
let host: BrowserHost;
let capability: string;
const { handlers, touched: handlersTouched } = countedHandlers();

/**
 * Sends `head` (a request's line and headers) on a raw connection, and the body only if the
 * server says "100 Continue"; resolves with all the server wrote once it closes the connection.
 */
function raw(head: string, body = ''): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port: host.port });
    let got = '';
    socket.on('data', (chunk: Buffer) => {
      const before = got;
      got += chunk.toString('latin1');
      if (!before.includes('100 Continue') && got.startsWith('HTTP/1.1 100 Continue\r\n\r\n'))
        socket.write(body);
      // One answer past any 100 is all a test needs: the connection may be kept alive.
      if (/^(HTTP\/1\.1 100 Continue\r\n\r\n)?HTTP\/1\.1 [2-5]\d\d [^]*\r\n\r\n/.test(got)) {
        setImmediate(() => socket.end());
      }
    });
    socket.on('error', reject);
    socket.on('close', () => resolve(got));
    socket.write(head);
  });
}

beforeAll(async () => {
  dir = await rendererStub('browser-expect-');
  host = await startBrowserHost({
    handlers,
    rendererDir: dir,
    pageScriptFile: path.join(dir, 'page-api.js'),
    events: createPageEvents(),
  });
  capability = await pairedCapability(host.address());
});
afterAll(async () => {
  await host.close();
  await rm(dir, { recursive: true, force: true });
});

describe('an Expect header', () => {
  it('that the server does not know is answered 417 with the usual headers, and the connection closed', async () => {
    for (const hostHeader of ['evil.example', `127.0.0.1:${host.port}`]) {
      const answer = await raw(`GET / HTTP/1.1\r\nHost: ${hostHeader}\r\nExpect: something-else\r\n\r\n`);
      expect(answer, hostHeader).toMatch(/^HTTP\/1\.1 417 /);
      expect(answer.toLowerCase()).toContain('connection: close');
      expectUsualHeaders(answer);
    }
    expect(handlersTouched()).toBe(0);
  });

  it('that the server does not know, behind requests still being handled, is refused in its turn: they are answered first', async () => {
    // A refusal closes its connection, and nothing behind it is handled; one made out of turn
    // left a request before it never answered, and its connection held open for good.
    const page = new URL(host.address()).pathname;
    const H = `Host: 127.0.0.1:${host.port}\r\n`;
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port: host.port }, () =>
        socket.write(
          // A file not there (read from disk first), the page's script, then the expectation.
          `GET ${page}missing.js HTTP/1.1\r\n${H}\r\nGET ${page}browser-api.js HTTP/1.1\r\n${H}\r\n` +
            `GET / HTTP/1.1\r\n${H}Expect: something-else\r\n\r\n`,
        ),
      );
      let got = '';
      socket.on('data', (chunk: Buffer) => (got += chunk.toString('latin1')));
      socket.on('error', reject);
      socket.on('close', () => resolve(got)); // closed by the server: the test waits for that
    });
    expect(answer.match(/^HTTP\/1\.1 \d\d\d/gm)).toEqual(['HTTP/1.1 404', 'HTTP/1.1 200', 'HTTP/1.1 417']);
  });

  it('"100-continue" is refused without inviting the body when the request fails its checks', async () => {
    const body = '{"arg":{"notifyBeforeExpiry":true}}';
    const heads = [
      // Another name for this computer (DNS rebinding), with the capability.
      `Host: evil.example\r\n${CAPABILITY_HEADER}: ${capability}`,
      // A foreign page's Origin.
      `Host: 127.0.0.1:${host.port}\r\nOrigin: http://evil.example\r\n${CAPABILITY_HEADER}: ${capability}`,
      // No capability, and a wrong one.
      `Host: 127.0.0.1:${host.port}`,
      `Host: 127.0.0.1:${host.port}\r\n${CAPABILITY_HEADER}: ${capability}x`,
    ];
    for (const head of heads) {
      const answer = await raw(
        `POST /api/settings:update HTTP/1.1\r\n${head}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nExpect: 100-continue\r\n\r\n`,
        body,
      );
      expect(answer, head).not.toContain('100 Continue');
      expect(answer, head).toMatch(/^HTTP\/1\.1 403 /);
      expectUsualHeaders(answer);
    }
    // A body declared over the cap is refused before it is invited, too.
    const tooLarge = await raw(
      `POST /api/settings:update HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\n${CAPABILITY_HEADER}: ${capability}\r\nContent-Type: application/json\r\nContent-Length: ${MAX_BODY_BYTES + 1}\r\nExpect: 100-continue\r\n\r\n`,
    );
    expect(tooLarge).not.toContain('100 Continue');
    expect(tooLarge).toMatch(/^HTTP\/1\.1 413 /);
    expect(handlersTouched()).toBe(0);
  });

  it('"100-continue" on a call that passes every check is invited, and the call runs', async () => {
    const body = '{}';
    const answer = await new Promise<{ continued: boolean; status: number; text: string }>(
      (resolve, reject) => {
        let continued = false;
        const request = httpRequest(
          {
            host: '127.0.0.1',
            port: host.port,
            method: 'POST',
            path: '/api/settings:get',
            agent: false,
            headers: {
              'Content-Type': 'application/json',
              'Content-Length': String(body.length),
              Expect: '100-continue',
              [CAPABILITY_HEADER]: capability,
            },
          },
          (response) => {
            let text = '';
            response.on('data', (chunk: Buffer) => (text += chunk.toString()));
            response.on('end', () => resolve({ continued, status: response.statusCode ?? 0, text }));
          },
        );
        request.on('continue', () => {
          continued = true;
          request.end(body);
        });
        request.on('error', reject);
        request.flushHeaders();
      },
    );
    expect(answer.continued).toBe(true);
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toEqual({ value: { ok: true, settings: {} }, effects: [] });
    expect(handlers.getSettings).toHaveBeenCalledTimes(1);
  });
});

describe('a request without Host', () => {
  it('is refused after the same checks, with the usual headers, never by Node’s own bare 400', async () => {
    // HTTP/1.1 requires Host; left to Node, its absence got a 400 with none of the usual headers.
    const touchedBefore = handlersTouched();
    const heads = [
      'GET / HTTP/1.1\r\n\r\n',
      `POST /api/settings:get HTTP/1.1\r\n${CAPABILITY_HEADER}: ${capability}\r\nContent-Type: application/json\r\nContent-Length: 2\r\nExpect: 100-continue\r\n\r\n`,
    ];
    for (const head of heads) {
      const answer = await raw(head, '{}');
      expect(answer, head).toMatch(/^HTTP\/1\.1 403 /);
      expect(answer.toLowerCase()).toContain('connection: close');
      expectUsualHeaders(answer);
    }
    expect(handlersTouched()).toBe(touchedBefore);
  });
});
