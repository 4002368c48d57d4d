// "Check Messaging access" against real servers on 127.0.0.1, for every verdict, over both
// transports the main side uses (Node's fetch, node:http): what was sent, what came back, and
// that the token never comes back in anything returned.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_VERDICTS } from '../../app/access-check';
import { forAccessCheck } from '../../app/explanations/for-access-check';
import { EXPLANATIONS } from '../../app/explanations';
import { createAccessService, type AccessCheckInput } from '../../main/access/access-service';
import type { FetchLike } from '../../main/token/fetch-like';
import { closedPort, sendJson, startRawServer, startServer, type TestServer } from '../support/servers';
import { TRANSPORTS } from '../support/transports';

const TOKEN = 'tok-AbCdEfGhIjKlMnOpQrStUv0123';
const SECRET = 'sec-ZyXwVuTsRqPoNmLk9876';
const SHORT = 'ab12';
const v3 = (code: string, issue = `issue of ${code}`, suggested = `do something about ${code}`) => ({
  errors: [{ code, issue, suggested_action: suggested, field: null }],
});

let server: TestServer;
let refused: string;

beforeAll(async () => {
  server = await startServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const scenario = path.split('/')[1];
    switch (scenario) {
      case 'ok':
        return sendJson(
          res,
          200,
          {
            virtualNumbers: [
              { virtualNumber: '0400000001' },
              { virtualNumber: '0400000002' },
              { virtualNumber: '0400000003' },
            ],
          },
          { 'X-Request-Id': 'req-ok' },
        );
      case 'empty-list':
        return sendJson(res, 200, { virtualNumbers: [] });
      case 'invalid':
        return sendJson(res, 401, v3('TOKEN_INVALID'));
      case 'expired':
        return sendJson(res, 401, v3('TOKEN_EXPIRED'));
      case 'not-linked':
        return sendJson(res, 402, v3('ACCOUNT_NOT_LINKED', "Check you've registered for the Messaging API"));
      case 'account-err':
        return sendJson(res, 402, v3('ACCOUNT_ERR'));
      case 'rate-plan':
        return sendJson(res, 402, v3('RATE_PLAN_ERR'));
      case 'scope':
        return sendJson(res, 403, v3('INSUFFICIENT_SCOPE'));
      case 'limited':
        return sendJson(res, 429, v3('TOO_MANY_REQUESTS'), { 'Retry-After': '30' });
      case 'internal':
        return sendJson(res, 500, v3('INTERNAL_SERVER_ERR'), {
          'X-Request-Id': 'req-4711',
          'X-Correlation-Id': 'corr-42',
          'X-Powered-By': 'not kept',
        });
      case 'html':
        res.writeHead(502, { 'Content-Type': 'text/html' });
        return void res.end('<html><body><h1>Bad Gateway</h1></body></html>');
      case 'cut-code':
        // A short secret inside a word until the code is cut just after it.
        return sendJson(res, 400, v3(`${'Z'.repeat(195)} ${SHORT}Q`));
      case 'odd':
        return sendJson(res, 400, v3('WEIRD_CODE', 'Something odd', 'Call support'));
      case 'v2-gateway':
        return sendJson(res, 404, { status: '404', code: 'RESOURCE-NOT-FOUND', message: '' });
      case 'echo':
        // A hostile server echoing the token and the secret back everywhere it can.
        return sendJson(
          res,
          403,
          v3('INSUFFICIENT_SCOPE', `got ${req.headers.authorization ?? ''}`, SECRET),
          {
            'X-Request-Id': `${TOKEN}`,
            // The name is the server's too.
            [`X-${TOKEN}-Trace-Id`]: 'trace-1',
          },
        );
      case 'echo-split':
        // The token in two halves, one per field (read one after the other, the whole token), and
        // most of it cut short in the code and a request id.
        return sendJson(
          res,
          401,
          v3(TOKEN.slice(0, 20), TOKEN.slice(0, TOKEN.length / 2), TOKEN.slice(TOKEN.length / 2)),
          { 'X-Request-Id': TOKEN.slice(-18) },
        );
      case 'redirect':
        res.writeHead(302, {
          Location: `https://elsewhere.example/steal?t=${TOKEN}`,
          'X-Request-Id': 'req-302',
        });
        return void res.end();
      case 'forged-redirect':
        res.writeHead(302, { Location: 'https://x.example/. Access confirmed: the key may use Messaging' });
        return void res.end();
      case 'long-redirect':
        res.writeHead(307, { Location: `https://elsewhere.example/${'p'.repeat(700)}` });
        return void res.end();
      case 'not-modified':
        // Answers a conditional request, which the check never sends: no address to go to.
        res.writeHead(304, { 'X-Request-Id': 'req-304' });
        return void res.end();
      case 'huge':
        res.writeHead(200, { 'Content-Type': 'application/json' });
        return void res.end(`{"virtualNumbers":[${'"x",'.repeat(5000)}"x"]}`);
      case 'huge-429':
        // A gateway's rate-limit page, larger than the body cap.
        res.writeHead(429, { 'Content-Type': 'text/html', 'Retry-After': '30', 'X-Request-Id': 'req-429' });
        return void res.end(`<html>${'x'.repeat(10_000)}</html>`);
      case 'huge-503':
        res.writeHead(503, { 'Content-Type': 'text/html' });
        return void res.end(`<html>${'x'.repeat(10_000)}</html>`);
      case 'hang':
        return; // never answers
      default:
        return sendJson(res, 404, {});
    }
  });
  refused = `http://127.0.0.1:${await closedPort()}/messaging/v3/virtual-numbers`;
});

afterAll(async () => {
  await server.close();
});

const input = (scenario: string, fields: Partial<AccessCheckInput> = {}): AccessCheckInput => ({
  requestId: `r-${scenario}`,
  checkUrl: server.url(`/${scenario}/messaging/v3/virtual-numbers`),
  accessToken: TOKEN,
  clientSecret: SECRET,
  requestedScope: 'messages:write virtual-numbers:read',
  grantedScope: 'messages:write',
  ...fields,
});

describe.each(TRANSPORTS)('the Messaging access check over %s', (_name, transport) => {
  const access = createAccessService({ fetch: transport, deadlineMs: 2000, maxBodyBytes: 4096 });

  it('confirms access with the count of virtual numbers, sending the token and the spec’s headers', async () => {
    const before = server.received.length;
    const result = await access.check(input('ok'));
    expect(result).toMatchObject({ ok: true, outcome: 'access:confirmed', status: 200, virtualNumbers: 3 });
    expect(result.explanation.details).toContain('The account has 3 virtual numbers.');
    const sent = server.received[before]!;
    expect(sent.method).toBe('GET');
    expect(sent.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(sent.headers.accept).toBe('application/json');
    expect(sent.headers['content-language']).toBe('en-au');
    expect(sent.headers['accept-charset']).toBe('utf-8');
    expect(sent.body).toBe('');
    expect((await access.check(input('empty-list'))).virtualNumbers).toBe(0);
  });

  // A confirmed check's result is written out on its own path (it is nearly every check): every
  // field as for any other verdict, and the explanation right for each count in turn.
  it('gives a confirmed check the whole result, its explanation right for each count', async () => {
    for (const [scenario, count, line] of [
      ['ok', 3, 'The account has 3 virtual numbers.'],
      ['empty-list', 0, 'The account has 0 virtual numbers.'],
      ['ok', 3, 'The account has 3 virtual numbers.'],
    ] as const) {
      const result = await access.check(input(scenario));
      expect(result).toStrictEqual({
        ok: true,
        requestId: `r-${scenario}`,
        checkUrl: input(scenario).checkUrl,
        outcome: 'access:confirmed',
        status: 200,
        statusText: 'OK',
        code: null,
        issue: null,
        suggestedAction: null,
        virtualNumbers: count,
        retryAfterSeconds: null,
        retryAt: null,
        networkCode: null,
        // A confirmed check reads no header: nothing to take to support.
        requestIds: [],
        redirectLocation: null,
        bodyExcerpt: null,
        scope: { needed: 'virtual-numbers:read', requested: true, granted: false },
        message: 'Answered 200.',
        durationMs: expect.any(Number) as unknown,
        receivedAt: expect.any(Number) as unknown,
        explanation: { ...EXPLANATIONS['access:confirmed'], details: [line] },
      });
      expect(JSON.parse(JSON.stringify(result))).toEqual(result);
    }
  });

  it.each([
    ['invalid', 401, 'access:token-refused', 'TOKEN_INVALID'],
    ['expired', 401, 'access:token-refused', 'TOKEN_EXPIRED'],
    ['not-linked', 402, 'access:not-set-up', 'ACCOUNT_NOT_LINKED'],
    ['account-err', 402, 'access:not-set-up', 'ACCOUNT_ERR'],
    ['rate-plan', 402, 'access:not-set-up', 'RATE_PLAN_ERR'],
    ['scope', 403, 'access:scope-missing', 'INSUFFICIENT_SCOPE'],
    ['limited', 429, 'access:rate-limited', 'TOO_MANY_REQUESTS'],
    ['internal', 500, 'access:telstra-side', 'INTERNAL_SERVER_ERR'],
    ['html', 502, 'access:telstra-side', null],
    ['odd', 400, 'access:unknown-code', 'WEIRD_CODE'],
    ['v2-gateway', 404, 'access:unexpected-answer', null],
  ])('%s: %i is “%s”', async (scenario, status, outcome, code) => {
    const result = await access.check(input(scenario));
    expect(result).toMatchObject({ ok: false, status, outcome, code });
    expect(result.explanation.title).toBe(EXPLANATIONS[outcome as keyof typeof EXPLANATIONS].title);
  });

  it('names the scope, and whether it was requested and granted', async () => {
    const result = await access.check(input('scope'));
    expect(result.scope).toEqual({ needed: 'virtual-numbers:read', requested: true, granted: false });
    expect(result.explanation.details).toContain(
      'This call needs virtual-numbers:read: it was requested, and it was not granted.',
    );
  });

  it('portal remedy for a key not set up for Messaging', async () => {
    const result = await access.check(input('not-linked'));
    expect(result.issue).toBe("Check you've registered for the Messaging API");
    expect(result.explanation.links?.[0]?.url).toMatch(/^https:\/\/dev\.telstra\.com/);
  });

  it('gives Retry-After as seconds and as the moment to count down to', async () => {
    const result = await access.check(input('limited'));
    expect(result.retryAfterSeconds).toBe(30);
    expect(result.retryAt! - result.receivedAt).toBe(30_000);
  });

  it('cuts a long code to what the history keeps, and a short secret the cut uncovers is removed', async () => {
    const result = await access.check(input('cut-code', { clientSecret: SHORT }));
    expect(result.code?.length).toBeLessThanOrEqual(200 + 20);
    expect(result.code).toMatch(/^Z{195} /);
    expect(result.code).not.toContain(SHORT);
  });

  it('shows an unknown code verbatim with its issue and suggested action', async () => {
    const result = await access.check(input('odd'));
    expect(result.explanation.details).toEqual(
      expect.arrayContaining(['Code: WEIRD_CODE', 'Issue: Something odd', 'Suggested action: Call support']),
    );
  });

  it('keeps the request and correlation ids of an answer that is not access, for Telstra support', async () => {
    const result = await access.check(input('internal'));
    // The most usual first.
    expect(result.requestIds).toEqual([
      ['x-request-id', 'req-4711'],
      ['x-correlation-id', 'corr-42'],
    ]);
    expect(result.explanation.details).toEqual(
      expect.arrayContaining(['x-request-id: req-4711', 'x-correlation-id: corr-42']),
    );
    expect(JSON.stringify(result)).not.toContain('not kept');
  });

  it('never returns the token or the secret, even when the server echoes them', async () => {
    const result = await access.check(input('echo'));
    const text = JSON.stringify(result);
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain(SECRET);
    expect(result.issue).toContain('token removed');
    // The id kept with the token cut out; a header whose name carries the token (lower-cased by
    // the HTTP stack, where the redaction would not see it) is not kept at all.
    expect(text.toLowerCase()).not.toContain(TOKEN.toLowerCase());
    expect(result.requestIds).toEqual([['x-request-id', '[token removed]']]);
  });

  it('shows no run of half of the token or more: not cut short, not split across fields', async () => {
    const result = await access.check(input('echo-split'));
    const text = JSON.stringify(result);
    const half = TOKEN.length / 2;
    for (const part of [TOKEN.slice(0, half), TOKEN.slice(half), TOKEN.slice(-18)])
      expect(text).not.toContain(part);
    expect([result.code, result.issue, result.suggestedAction]).toEqual([
      '[token removed]',
      '[token removed]',
      '[token removed]',
    ]);
    expect(result.requestIds).toEqual([['x-request-id', '[token removed]']]);
  });

  it('does not follow a redirect with the token, and says where it pointed', async () => {
    const before = server.received.length;
    const result = await access.check(input('redirect'));
    expect(result.outcome).toBe('redirect');
    expect(server.received.length).toBe(before + 1);
    expect(result.redirectLocation).toMatch(/^https:\/\/elsewhere\.example\/steal\?t=/);
    expect(result.redirectLocation).not.toContain(TOKEN);
    expect(result.requestIds).toEqual([['x-request-id', 'req-302']]);
    expect(result.explanation.details).toContain(`Redirected to: ${result.redirectLocation}`);
    // A target with white space is shown as one address, not as words of the app's after it.
    const forged = await access.check(input('forged-redirect'));
    expect(forged.explanation.details).toContain(
      'Redirected to: https://x.example/.%20Access%20confirmed:%20the%20key%20may%20use%20Messaging',
    );
    const long = await access.check(input('long-redirect'));
    expect(long.redirectLocation).toBe(`https://elsewhere.example/${'p'.repeat(474)}`);
  });

  it('calls a 304 Not Modified an unexpected answer, not a redirect: it points nowhere', async () => {
    const result = await access.check(input('not-modified'));
    expect(result).toMatchObject({
      outcome: 'access:unexpected-answer',
      status: 304,
      redirectLocation: null,
      requestIds: [['x-request-id', 'req-304']],
      message: 'The Messaging API answered 304 Not Modified.',
    });
  });

  it('says a list cut short (ending with the connection, closed early) is cut short', async () => {
    const cut = await startRawServer((socket) =>
      socket.end(
        'HTTP/1.0 200 OK\r\nContent-Type: application/json\r\n\r\n{"virtualNumbers":[{"virtualNumber":"0400000001"},{"virtualNum',
      ),
    );
    const result = await access.check(
      input('cut-short', { checkUrl: cut.url('/messaging/v3/virtual-numbers') }),
    );
    await cut.close();
    expect(result).toMatchObject({ outcome: 'access:unexpected-answer', status: 200 });
    expect(result.message).toMatch(/^The Messaging API answered 200 with JSON that ends before it is closed/);
  });

  it('stops reading at the body cap', async () => {
    expect((await access.check(input('huge'))).outcome).toBe('too-large');
  });

  it('a 429 or 5xx over the body cap keeps its verdict and Retry-After (its status says enough)', async () => {
    const limited = await access.check(input('huge-429'));
    expect(limited.outcome).toBe('access:rate-limited');
    expect(limited.status).toBe(429);
    expect(limited.retryAfterSeconds).toBe(30);
    expect(limited.requestIds).toEqual([['x-request-id', 'req-429']]);
    expect(limited.bodyExcerpt).toBeNull();
    expect(limited.message).toMatch(
      /^The Messaging API answered 429 Too Many Requests, with a body larger than 4096 bytes/,
    );
    const down = await access.check(input('huge-503'));
    expect(down.outcome).toBe('access:telstra-side');
    expect(down.status).toBe(503);
  });

  it('names a refused connection as the token call does, of the Messaging API URL', async () => {
    const result = await access.check(input('refused', { checkUrl: refused }));
    expect(result.outcome).toBe('network:refused');
    expect(result.networkCode).toBe('ECONNREFUSED');
    expect(result.explanation.title).toBe(EXPLANATIONS['network:refused'].title);
    expect(result.explanation.nextSteps).toContain('Check the port in the Messaging API URL.');
  });

  it('says what a TLS code names beyond its cause, as the token call does', async () => {
    // An https: Messaging API URL on a plain-HTTP port: "Secure connection failed" listed an old
    // TLS version and a proxy alike; the code's own reason was left out of the check's details.
    const checkUrl = server.url('/ok/messaging/v3/virtual-numbers').replace(/^http:/, 'https:');
    const result = await access.check(input('plain-port', { checkUrl }));
    expect(result.outcome).toBe('network:tls-other');
    expect(result.networkCode).toBe('ERR_SSL_WRONG_VERSION_NUMBER');
    expect(result.explanation.details.join(' ')).toContain('The answer was not TLS at all');
  });

  it('gives up at the deadline, and Cancel stops a check in flight', async () => {
    const quick = createAccessService({ fetch: transport, deadlineMs: 150 });
    expect((await quick.check(input('hang'))).outcome).toBe('timeout');
    const pending = access.check(input('hang', { requestId: 'to-cancel' }));
    await expect
      .poll(() => server.received.filter((r) => r.path.startsWith('/hang')).length)
      .toBeGreaterThan(1);
    expect(access.cancel('to-cancel')).toBe(true);
    expect((await pending).outcome).toBe('cancelled');
  });
});

describe('the words of a check that failed below the Messaging answer', () => {
  // Everything an access check can end in besides a verdict: its explanation speaks of the
  // Messaging API URL and the token it carries, never of the token call's URL, presets or secret.
  const outcomes = [
    ...Object.keys(EXPLANATIONS).filter((outcome) => outcome.startsWith('network:')),
    'timeout',
    'cancelled',
    'redirect',
    'too-large',
    'invalid-input',
  ] as const;
  it.each(outcomes)('%s', (outcome) => {
    const said = forAccessCheck(EXPLANATIONS[outcome as keyof typeof EXPLANATIONS]);
    const text = [said.title, said.meaning, ...said.causes, ...said.nextSteps].join('\n');
    expect(text).not.toMatch(
      /token URL|preset|credentials|the secret|Request token|token response|token endpoint|token server/,
    );
    expect(said.title).toBe(EXPLANATIONS[outcome as keyof typeof EXPLANATIONS].title);
  });
});

describe('every verdict', () => {
  it('has its catalog entry', () => {
    for (const verdict of ACCESS_VERDICTS) {
      expect(EXPLANATIONS[verdict].title, verdict).toMatch(/\S/);
      expect(EXPLANATIONS[verdict].nextSteps.length, verdict).toBeGreaterThan(0);
    }
  });
});

describe('bidirectional controls in what the Messaging API says', () => {
  it('are shown as U+FFFD in its code, issue and suggested action', async () => {
    const api = await startServer((_req, res) =>
      sendJson(res, 403, {
        errors: [{ code: 'ODD\u202eCODE', issue: 'read \u2066me', suggested_action: 'do \u200fit' }],
      }),
    );
    try {
      const result = await createAccessService({ fetch }).check(
        input('bidi', { checkUrl: api.url('/messaging/v3/virtual-numbers') }),
      );
      expect([result.code, result.issue, result.suggestedAction]).toEqual([
        'ODD\ufffdCODE',
        'read \ufffdme',
        'do \ufffdit',
      ]);
    } finally {
      await api.close();
    }
  });
});

describe('a check that fails without a code', () => {
  it('redacts the network stack’s own words when they quote the token or the secret', async () => {
    const quoting: FetchLike = () =>
      Promise.reject(new TypeError('fetch failed', { cause: new Error(`peer: ${TOKEN} / ${SECRET}`) }));
    const result = await createAccessService({ fetch: quoting }).check(
      input('quoted', { checkUrl: 'https://api.example/messaging/v3/virtual-numbers' }),
    );
    expect(result.outcome).toBe('network:other');
    expect(result.networkCode).toBe('peer: [token removed] / [secret removed]');
    expect(result.message).toBe(`The connection failed (${result.networkCode}).`);
  });
});

describe.each(TRANSPORTS)('answers no HTTP library would send, over %s', (_name, transport) => {
  let raw: TestServer | undefined;
  afterAll(() => raw?.close());

  it('cuts a reason phrase that fills the status line, and the secret or token in it is removed', async () => {
    const phrase = `${'R'.repeat(190)} ${SECRET} ${TOKEN} ${'R'.repeat(12_000)}`;
    const long = await startRawServer((socket) =>
      socket.end(`HTTP/1.1 503 ${phrase}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`),
    );
    try {
      const result = await createAccessService({ fetch: transport }).check(
        input('long-reason', { checkUrl: long.url('/messaging/v3/virtual-numbers') }),
      );
      expect(result.outcome).toBe('access:telstra-side');
      expect(result.statusText?.length).toBeLessThanOrEqual(200);
      expect(result.statusText).toMatch(/^R{190} /);
      expect(result.message.length).toBeLessThan(300);
      expect(JSON.stringify(result)).not.toMatch(/sec-ZyX|tok-AbC/);
    } finally {
      await long.close();
    }
  });

  it('gives up at the deadline on a list that ends only with the connection and never does', async () => {
    raw = await startRawServer((socket) => {
      socket.write(
        'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n{"virtualNumbers":[',
      );
      const drip = setInterval(() => socket.write(' '), 50);
      socket.on('close', () => clearInterval(drip));
    });
    const quick = createAccessService({ fetch: transport, deadlineMs: 300 });
    const result = await quick.check(input('drip', { checkUrl: raw.url('/messaging/v3/virtual-numbers') }));
    expect(result.outcome).toBe('timeout');
    // The status line came: kept, and said (test/integration/stopped-in-body.test.ts).
    expect(result.status).toBe(200);
  });
});
