import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formEncode } from '../../app/client-auth';
import { V3_TOKEN_URL } from '../../app/endpoints';
import { preflight, type Finding } from '../../app/preflight';
import { echoForms, hostileText, longSecret } from '../support/hostile-echo';
import { diagnosticReport, maskClientId, type ReportInput } from '../../app/report';
import { OUTCOMES } from '../../app/outcomes';
import type { Explainable } from '../../app/explanations';
import { FAILURE_KINDS } from '../../app/token-result';

type Failure = Extract<Explainable, { ok: false }>;
type Success = Extract<Explainable, { ok: true }>;

const SECRET = 'Sup3r s3cret/+&=é';
const CLIENT_ID = 'Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z';
const TOKEN = 'tok_9f8E7d6C5b4A3z2Y1x0W';
const GENERATED = Date.parse('2026-11-25T10:00:00.000Z');
const fingerprintOf = (secret: string) =>
  createHash('sha256').update(secret, 'utf8').digest('hex').slice(0, 12);

const failure: Failure = {
  ok: false,
  requestId: 'req-1',
  tokenUrl: V3_TOKEN_URL,
  durationMs: 312.4,
  receivedAt: GENERATED - 1000,
  outcome: 'oauth:invalid_client',
  kind: 'http',
  status: 401,
  statusText: 'Unauthorized',
  error: 'invalid_client',
  errorDescription: `Client ${CLIENT_ID} could not be authenticated`,
  errorShape: 'rfc6749',
  nonStandardError: false,
  networkCode: null,
  bodyExcerpt: [
    `{"error":"invalid_client","echo":"${JSON.stringify(SECRET).slice(1, -1)}",`,
    `"access_token":"leaked.value","form":"${formEncode(SECRET)}"}`,
    '```',
    'Authorization: Bearer Zx8Yw7Vu6Ts5Rq4Po3Nm2Lk1',
  ].join('\n'),
  contentType: 'application/json',
  headers: [
    ['content-type', 'application/json'],
    ['x-correlation-id', 'Qw3Er5Ty7Ui9Op1As3Df5Gh7Jk'],
    ['retry-after', '30'],
    ['date', 'Wed, 25 Nov 2026 09:59:59 GMT'],
    ['server', 'Apigee'],
    ['www-authenticate', 'Bearer error="invalid_token", token="Zx8Yw7Vu6Ts5Rq4Po3Nm2Lk1Ab"'],
  ],
  redirectLocation: null,
  retryAfterSeconds: 30,
  message: 'The server answered 401 Unauthorized.',
  findings: [],
};

const findings: Finding[] = preflight({
  preset: 'v3',
  tokenUrl: V3_TOKEN_URL,
  clientId: CLIENT_ID,
  clientSecret: ` ${SECRET}`,
  grantType: 'client_credentials',
  scope: 'NSMS',
});

const report: ReportInput = {
  appVersion: '0.1.0',
  os: 'Linux 6.1.0 (x64)',
  generatedAt: GENERATED,
  tokenUrl: V3_TOKEN_URL,
  clientAuth: 'body',
  fieldsSent: ['client_id', 'client_secret', 'grant_type', 'scope'],
  clientId: CLIENT_ID,
  secret: { length: [...SECRET].length, fingerprint: fingerprintOf(SECRET) },
  findings,
  result: failure,
  explanationTitle: 'The client ID or secret was not accepted',
  scrub: { secret: SECRET, token: null },
};

const lines = (text: string) => text.split('\n');

describe('maskClientId', () => {
  it('shows the first four and last two characters with the length', () => {
    expect(maskClientId(CLIENT_ID)).toBe('Ab3d…4z (32 characters)');
    expect(maskClientId('abcdefgh')).toBe('abcd…gh (8 characters)');
  });

  it('shows only the length of short IDs', () => {
    expect(maskClientId('abcdefg')).toBe('7 characters');
    expect(maskClientId('a')).toBe('1 character');
    expect(maskClientId('')).toBe('0 characters');
  });

  it('counts characters, not UTF-16 units, and never splits one', () => {
    expect(maskClientId('😀bcdefg😀')).toBe('😀bcd…g😀 (8 characters)');
  });
});

describe('diagnosticReport: an HTTP failure', () => {
  const text = diagnosticReport(report);

  it('is titled Markdown with a facts table', () => {
    expect(lines(text)[0]).toBe('# Telstra Token Tester diagnostic report');
    expect(lines(text)).toEqual(
      expect.arrayContaining([
        '| Fact | Value |',
        '| App version | 0.1.0 |',
        '| Operating system | Linux 6.1.0 (x64) |',
        '| Report time (UTC) | 2026-11-25T10:00:00.000Z |',
        '| Token URL | `https://products.api.telstra.com/v2/oauth/token` |',
        '| Result | The client ID or secret was not accepted |',
        '| Outcome code | `oauth:invalid_client` |',
        '| HTTP status | 401 `Unauthorized` |',
        '| OAuth error | `invalid_client` |',
        '| Error description | `Client [client ID removed] could not be authenticated` |',
        '| Time taken | 312 ms |',
        '| Finished (UTC) | 2026-11-25T09:59:59.000Z |',
      ]),
    );
  });

  it('describes the request without the secret or the full client ID', () => {
    expect(lines(text)).toEqual(
      expect.arrayContaining([
        '- Client authentication: in the form body (`client_id` and `client_secret` fields)',
        '- Fields sent: `client_id`, `client_secret`, `grant_type`, `scope`',
        '- Client ID: `Ab3d…4z` (32 characters)',
        `- Client secret: 17 characters, keyed fingerprint \`${fingerprintOf(SECRET)}\` (comparable only between reports from this run of the app)`,
      ]),
    );
  });

  it('lists the pre-flight findings', () => {
    expect(text).toContain(
      '- **Warning** (`clientSecret`, `edge-whitespace`): The client secret starts with white space',
    );
    expect(text).toContain('- **Warning** (`scope`, `scope-endpoint-mismatch`): The scope NSMS belongs to');
  });

  it('shows the headers support needs verbatim and masks token-like values in the others', () => {
    expect(lines(text)).toEqual(
      expect.arrayContaining([
        '| `content-type` | `application/json` |',
        '| `x-correlation-id` | `Qw3Er5Ty7Ui9Op1As3Df5Gh7Jk` |',
        '| `retry-after` | `30` |',
        '| `date` | `Wed, 25 Nov 2026 09:59:59 GMT` |',
        '| `server` | `Apigee` |',
        '| `www-authenticate` | `Bearer error="invalid_token", token="[masked]"` |',
        '- Retry-After: 30 seconds',
      ]),
    );
  });

  it('fences the body so its backticks cannot close the block, with secrets and tokens masked', () => {
    const start = lines(text).indexOf('````text');
    expect(start).toBeGreaterThan(0);
    expect(lines(text).slice(start, start + 6)).toEqual([
      '````text',
      '{"error":"invalid_client","echo":"[secret removed]",',
      '"access_token":"[masked]","form":"[secret removed]"}',
      '```',
      'Authorization: Bearer [masked]',
      '````',
    ]);
  });

  it('contains neither the secret nor the full client ID in any form', () => {
    for (const form of [...echoForms(SECRET), ...echoForms(CLIENT_ID)]) expect(text).not.toContain(form);
  });
});

describe('diagnosticReport: other results', () => {
  it('gives the low-level code of a network failure and says there was no answer', () => {
    const network: Failure = {
      ...failure,
      outcome: 'network:refused',
      kind: 'network',
      status: null,
      statusText: null,
      error: null,
      errorDescription: null,
      errorShape: null,
      networkCode: 'ECONNREFUSED',
      bodyExcerpt: null,
      contentType: null,
      headers: [],
      retryAfterSeconds: null,
      message: 'The connection failed (ECONNREFUSED).',
      findings: [],
    };
    const text = diagnosticReport({ ...report, result: network, explanationTitle: 'Connection refused' });
    expect(lines(text)).toEqual(
      expect.arrayContaining([
        '| HTTP status | none (no answer from the server) |',
        '| Network error code | `ECONNREFUSED` |',
        '| Outcome code | `network:refused` |',
        '- What the app saw: `The connection failed (ECONNREFUSED).`',
        'No headers were kept.',
        'No body.',
      ]),
    );
    expect(text).not.toContain('OAuth error');
  });

  it('never prints the token of a success, even when nobody asked to scrub it', () => {
    const success: Success = {
      ok: true,
      requestId: 'req-2',
      tokenUrl: V3_TOKEN_URL,
      durationMs: 95,
      receivedAt: GENERATED,
      outcome: 'token-received',
      status: 200,
      statusText: 'OK',
      accessToken: TOKEN,
      tokenType: 'Bearer',
      scope: `messages:write ${TOKEN}`,
      expiresInSeconds: 3599,
      expiresAt: GENERATED + 3_599_000,
      headers: [['x-request-id', TOKEN]],
      contentType: 'application/json',
    };
    const text = diagnosticReport({
      ...report,
      result: success,
      scrub: { secret: null, token: null },
      secret: null,
    });
    expect(text).not.toContain(TOKEN);
    expect(lines(text)).toEqual(
      expect.arrayContaining([
        '- A token was issued. It is not part of this report.',
        '- Token type: `Bearer`',
        '- Expires in: 3599 seconds',
        '- Client secret: not known here (a saved secret the window cannot read)',
        '| HTTP status | 200 `OK` |',
      ]),
    );
  });

  it('says one second in the singular: a token that expires in 1 second, a Retry-After of 1', () => {
    const success: Success = {
      ok: true,
      requestId: 'req-3',
      tokenUrl: V3_TOKEN_URL,
      durationMs: 95,
      receivedAt: GENERATED,
      outcome: 'token-received',
      status: 200,
      statusText: 'OK',
      accessToken: TOKEN,
      tokenType: 'Bearer',
      scope: null,
      expiresInSeconds: 1,
      expiresAt: GENERATED + 1_000,
      headers: [],
      contentType: 'application/json',
    };
    expect(lines(diagnosticReport({ ...report, result: success }))).toContain('- Expires in: 1 second');
    const oneSecond = lines(diagnosticReport({ ...report, result: { ...failure, retryAfterSeconds: 1 } }));
    expect(oneSecond).toContain('- Retry-After: 1 second');
    expect(lines(diagnosticReport(report))).toContain('- Retry-After: 30 seconds');
  });

  it('shows only the length of a short client ID, and a Basic request as such', () => {
    const text = diagnosticReport({ ...report, clientId: 'short', clientAuth: 'basic', findings: [] });
    expect(text).toContain('- Client ID: 5 characters (too short to show any of it)');
    expect(text).toContain('- Client authentication: HTTP Basic (RFC 6749 §2.3.1');
    expect(text).toContain('- None.');
  });

  it('still comes out when times and lengths are nonsense', () => {
    const text = diagnosticReport({
      ...report,
      generatedAt: Number.NaN,
      secret: { length: -1.5, fingerprint: 'not hex' },
      result: { ...failure, durationMs: Number.POSITIVE_INFINITY, receivedAt: 1e20 },
    });
    expect(text).toContain('| Report time (UTC) | unknown |');
    expect(text).toContain('| Time taken | unknown |');
    expect(text).toContain('- Client secret: unknown length');
  });
});

// Markdown injection (finding 5) -------------------------------------------------------------

/** The line with its code spans taken out (CommonMark §6.1: a run of n backticks closes on the next run of exactly n). */
function outsideCodeSpans(line: string): string {
  let out = '';
  let at = 0;
  while (at < line.length) {
    const open = /`+/g;
    open.lastIndex = at;
    const start = open.exec(line);
    if (start === null) return out + line.slice(at);
    out += line.slice(at, start.index);
    const fence = start[0];
    const close = new RegExp(`(?<!\`)${fence}(?!\`)`, 'g');
    close.lastIndex = start.index + fence.length;
    const end = close.exec(line);
    if (end === null) return out + line.slice(start.index);
    at = end.index + fence.length;
  }
  return out;
}

/** Lines outside fenced blocks. */
function proseLines(text: string): string[] {
  const prose: string[] = [];
  let fence: string | null = null;
  for (const line of text.split('\n')) {
    const marker = /^(`{3,})/.exec(line)?.[1];
    if (fence === null && marker !== undefined) fence = marker;
    else if (
      fence !== null &&
      marker !== undefined &&
      line.trim() === marker &&
      marker.length >= fence.length
    )
      fence = null;
    else if (fence === null) prose.push(line);
  }
  return prose;
}

describe('diagnosticReport: Markdown from a hostile server stays inert (finding 5)', () => {
  const hostile: Success = {
    ok: true,
    requestId: 'req-5',
    tokenUrl: V3_TOKEN_URL,
    durationMs: 5,
    receivedAt: GENERATED,
    outcome: 'token-received',
    status: 200,
    statusText: 'OK see https://evil.example/x and www.evil.example',
    // A token of one backtick used to make the last-chance scrub delete every backtick.
    accessToken: '`',
    tokenType: '![pixel](http://tracker.example/track.png)',
    scope: '<img src="http://tracker.example/i.png"> [link](https://evil.example)',
    expiresInSeconds: 3599,
    expiresAt: null,
    headers: [['server', 'mail me: someone@evil.example <b>bold</b>']],
    contentType: 'application/json',
  };
  const text = diagnosticReport({ ...report, result: hostile, scrub: { secret: SECRET, token: null } });

  it('keeps every code span whole, whatever the token is', () => {
    expect(lines(text)).toEqual(
      expect.arrayContaining([
        '- Token type: `![pixel](http://tracker.example/track.png)`',
        '- Granted scope: `<img src="http://tracker.example/i.png"> [link](https://evil.example)`',
        '| HTTP status | 200 `OK see https://evil.example/x and www.evil.example` |',
        '| `server` | `mail me: someone@evil.example <b>bold</b>` |',
        '- Fields sent: `client_id`, `client_secret`, `grant_type`, `scope`',
      ]),
    );
  });

  it('leaves no image, link, autolink or raw HTML outside code', () => {
    for (const line of proseLines(text)) {
      const prose = outsideCodeSpans(line);
      expect(prose, line).not.toMatch(/!\[|\]\(|<[a-z]|https?:|www\.|@evil/i);
    }
  });
});

describe('diagnosticReport properties', () => {
  const build = (secret: string, token: string, echo: string, ok: boolean): ReportInput => {
    const base = { requestId: 'r', tokenUrl: V3_TOKEN_URL, durationMs: 1, receivedAt: GENERATED };
    const result: Explainable = ok
      ? {
          ...base,
          ok: true,
          outcome: 'token-received',
          status: 200,
          statusText: echo,
          accessToken: token,
          tokenType: echo,
          scope: echo,
          expiresInSeconds: 3599,
          expiresAt: null,
          headers: [
            ['x-request-id', echo],
            ['via', echo],
          ],
          contentType: echo,
        }
      : {
          ...failure,
          statusText: echo,
          error: echo,
          errorDescription: echo,
          bodyExcerpt: echo,
          redirectLocation: echo,
          message: echo,
          contentType: echo,
          headers: [
            ['x-request-id', echo],
            ['via', echo],
          ],
        };
    return { ...report, result, findings: [], scrub: { secret, token: ok ? null : token } };
  };
  const tokenArb = fc.string({ unit: fc.constantFrom(...'ABCxyz0189-._~'), minLength: 8, maxLength: 16 });

  it('never contains a form of the secret or the token that a hostile server echoed', () => {
    const cases = fc.tuple(longSecret, tokenArb, fc.boolean()).chain(([secret, token, ok]) =>
      fc.tuple(
        fc.constant(secret),
        fc.constant(token),
        fc.constant(ok),
        fc.tuple(hostileText(secret), hostileText(token)).map(([a, b]) => `${a} ${b}`),
      ),
    );
    fc.assert(
      fc.property(cases, ([secret, token, ok, echo]) => {
        const text = diagnosticReport(build(secret, token, echo, ok));
        const baseline = diagnosticReport(build(secret, token, 'x', ok));
        for (const form of [...echoForms(secret), ...echoForms(token)]) {
          if (!baseline.includes(form)) expect(text).not.toContain(form);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('keeps the app’s own text exactly as written, whatever the secret', () => {
    const ownLines = [
      '# Telstra Token Tester diagnostic report',
      '| Fact | Value |',
      '| App version | 0.1.0 |',
      `| Token URL | \`${V3_TOKEN_URL}\` |`,
      '| Result | The client ID or secret was not accepted |',
      '- Client authentication: in the form body (`client_id` and `client_secret` fields)',
      '## Response',
      '### Body excerpt',
    ];
    const anySecret = fc.oneof(
      fc.constantFrom('e', 'oauth', '|', '`', ' ', 'Fact', 'a', '#', 'token'),
      fc.string({ minLength: 1, maxLength: 6 }),
      longSecret,
    );
    fc.assert(
      fc.property(anySecret, fc.boolean(), (secret, ok) => {
        const text = diagnosticReport(build(secret, 'tok_ABCDEFGH', `bad_secret:${secret}`, ok));
        for (const line of ownLines) {
          if (ok && line === '### Body excerpt') continue;
          expect(lines(text)).toContain(line);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('does not let Markdown formatting join a secret back together', () => {
    // Secrets that Markdown's rewriting spells out of different server text: a line break shown as
    // a space, '|' escaped as '\\|' in a table, a control character shown as U+FFFD.
    const alnum = fc.string({
      unit: fc.constantFrom(...'QZXJKVqzxjkv0123456789'),
      minLength: 8,
      maxLength: 12,
    });
    const rewriting = fc.constantFrom(
      { shown: ' ', sent: '\n' },
      { shown: '\\|', sent: '|' },
      { shown: '\ufffd', sent: '\u0001' },
    );
    fc.assert(
      fc.property(alnum, rewriting, alnum, fc.boolean(), (a, { shown, sent }, b, ok) => {
        const secret = `${a}${shown}${b}`;
        const text = diagnosticReport(build(secret, 'tok_ABCDEFGH', `${a}${sent}${b}`, ok));
        expect(text).not.toContain(secret);
      }),
      { numRuns: 500 },
    );
  });

  it('never throws, whatever the result holds', () => {
    const anyText = fc.oneof(fc.string(), fc.string({ unit: 'binary' }));
    const anyNumber = fc.oneof(fc.double(), fc.integer());
    const failureArb = fc.record({
      ok: fc.constant(false as const),
      requestId: anyText,
      tokenUrl: anyText,
      durationMs: anyNumber,
      receivedAt: anyNumber,
      outcome: fc.constantFrom(...OUTCOMES),
      kind: fc.constantFrom(...FAILURE_KINDS),
      status: fc.option(fc.integer(), { nil: null }),
      statusText: fc.option(anyText, { nil: null }),
      error: fc.option(anyText, { nil: null }),
      errorDescription: fc.option(anyText, { nil: null }),
      errorShape: fc.option(anyText, { nil: null }),
      nonStandardError: fc.boolean(),
      networkCode: fc.option(anyText, { nil: null }),
      bodyExcerpt: fc.option(anyText, { nil: null }),
      contentType: fc.option(anyText, { nil: null }),
      headers: fc.array(fc.tuple(anyText, anyText), { maxLength: 3 }),
      redirectLocation: fc.option(anyText, { nil: null }),
      retryAfterSeconds: fc.option(anyNumber, { nil: null }),
      message: anyText,
      findings: fc.constant([]),
    });
    fc.assert(
      fc.property(
        failureArb,
        anyText,
        anyText,
        anyNumber,
        fc.option(fc.record({ length: anyNumber, fingerprint: anyText }), { nil: null }),
        fc.option(anyText, { nil: null }),
        (result, clientId, os, generatedAt, secret, scrubSecret) => {
          const text = diagnosticReport({
            ...report,
            result,
            clientId,
            os,
            generatedAt,
            secret,
            fieldsSent: [os],
            scrub: { secret: scrubSecret, token: null },
          });
          expect(typeof text).toBe('string');
        },
      ),
      { numRuns: 1000 },
    );
  });
});
