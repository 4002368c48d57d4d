import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formEncode } from '../../app/client-auth';
import { V3_TOKEN_URL } from '../../app/endpoints';
import { preflight, type Finding } from '../../app/preflight';
import { encodedForms } from '../../app/redact';
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
        '| HTTP status | 401 Unauthorized |',
        '| OAuth error | `invalid_client` |',
        '| Error description | `Client [removed] could not be authenticated` |',
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
        `- Client secret: 17 characters, SHA-256 fingerprint \`${fingerprintOf(SECRET)}\``,
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
      '{"error":"invalid_client","echo":"[removed]",',
      '"access_token":"[masked]","form":"[removed]"}',
      '```',
      'Authorization: Bearer [masked]',
      '````',
    ]);
  });

  it('contains neither the secret nor the full client ID in any form', () => {
    for (const form of [...encodedForms(SECRET), ...encodedForms(CLIENT_ID)])
      expect(text).not.toContain(form);
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
        '- What the app saw: The connection failed (ECONNREFUSED).',
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
        '| HTTP status | 200 OK |',
      ]),
    );
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

// Properties ---------------------------------------------------------------------------------

/** The ways a value comes back inside server text. */
function echoed(value: string, how: number): string {
  const forms = [
    value,
    formEncode(value),
    encodedForms(value).find((form) => form.includes('%')) ?? value,
    JSON.stringify(value).slice(1, -1),
    `{"echo":${JSON.stringify(value)}}`,
    `client_secret=${formEncode(value)}&x=1`,
    `Bearer ${value}`,
    ...encodedForms(value),
  ];
  return forms[how % forms.length] ?? value;
}

/** How code spans, table cells and plain text rewrite a value (app/markdown.ts). */
function displayed(value: string): string[] {
  const oneLine = value.replace(/\r\n|[\r\n\u2028\u2029\u0085]/g, ' ').replace(/\p{Cc}/gu, '\ufffd');
  return [oneLine, oneLine.replaceAll('|', '\\|'), oneLine.replace(/[\\`*_[\]<>#!|~]/g, '\\$&')];
}

const piece = fc.oneof(fc.string({ maxLength: 8 }), fc.string({ unit: 'binary', maxLength: 8 }));
/** Server text mixing filler with the given values, each in some encoding. */
function serverText(values: readonly string[]) {
  return fc
    .array(fc.tuple(piece, fc.nat({ max: values.length - 1 }), fc.nat()), { maxLength: 5 })
    .map((parts) =>
      parts.map(([filler, which, how]) => `${filler}${echoed(values[which] ?? '', how)}`).join(''),
    );
}

const secretArb = fc.oneof(
  fc.string({ minLength: 1, maxLength: 3 }),
  fc.string({ minLength: 1, maxLength: 24 }),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 16 }),
  fc.constantFrom(
    'e',
    'r',
    '|',
    '`',
    '[',
    ' ',
    '-',
    '\n',
    '1',
    'a',
    '%',
    '█',
    'a|b',
    'x_y*z',
    'p\nq',
    'u\u0001v',
  ),
);
const clientIdArb = fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 40 }));

const everything = fc
  .record({ secret: secretArb, token: secretArb, clientId: clientIdArb })
  .chain(({ secret, token, clientId }) => {
    const values = [secret, token, clientId];
    const text = serverText(values);
    return fc.record({
      secret: fc.constant(secret),
      token: fc.constant(token),
      clientId: fc.constant(clientId),
      ok: fc.boolean(),
      description: fc.option(text, { nil: null }),
      error: fc.option(text, { nil: null }),
      body: fc.option(text, { nil: null }),
      message: text,
      headers: fc.array(
        fc.tuple(fc.constantFrom('x-request-id', 'content-type', 'via', 'location', 'server'), text),
        {
          maxLength: 4,
        },
      ),
      tokenUrl: text,
      findingMessage: text,
      statusText: text,
      cut: fc.boolean(),
    });
  });

function build(p: {
  secret: string;
  token: string;
  clientId: string;
  ok: boolean;
  description: string | null;
  error: string | null;
  body: string | null;
  message: string;
  headers: Array<[string, string]>;
  tokenUrl: string;
  findingMessage: string;
  statusText: string;
  cut: boolean;
}): ReportInput {
  const base = {
    requestId: 'r',
    tokenUrl: p.tokenUrl,
    durationMs: 1,
    receivedAt: GENERATED,
    statusText: p.statusText,
    headers: p.headers,
    contentType: p.headers[0]?.[1] ?? null,
  };
  const result: Explainable = p.ok
    ? {
        ...base,
        ok: true,
        outcome: 'token-received',
        status: 200,
        accessToken: p.token,
        tokenType: p.error,
        scope: p.description,
        expiresInSeconds: 3599,
        expiresAt: null,
      }
    : {
        ...base,
        ok: false,
        outcome: 'oauth:invalid_client',
        kind: 'http',
        status: 401,
        error: p.error,
        errorDescription: p.description,
        errorShape: 'rfc6749',
        nonStandardError: false,
        networkCode: p.error,
        // The app cuts long bodies and marks the cut with '…'.
        bodyExcerpt: p.body === null ? null : p.cut ? `${p.body.slice(0, -2)}…` : p.body,
        redirectLocation: p.description,
        retryAfterSeconds: null,
        message: p.message,
        findings: [],
      };
  return {
    ...report,
    tokenUrl: p.tokenUrl,
    clientId: p.clientId,
    secret: { length: p.secret.length, fingerprint: fingerprintOf(p.secret) },
    findings: [
      { id: 'placeholder', field: 'clientId', severity: 'warning', message: p.findingMessage, fix: null },
    ],
    result,
    // The token is passed to scrub only sometimes: a success's own token is scrubbed regardless.
    scrub: { secret: p.secret, token: p.ok ? null : p.token },
  };
}

describe('diagnosticReport properties', () => {
  it('never contains the secret or the token, nor a client ID of 8 characters or more, in any form', () => {
    fc.assert(
      fc.property(everything, (p) => {
        const text = diagnosticReport(build(p));
        expect(text).not.toContain(p.secret);
        expect(text).not.toContain(p.token);
        for (const form of [...encodedForms(p.secret), ...encodedForms(p.token)])
          expect(text).not.toContain(form);
        if ([...p.clientId].length >= 8) {
          for (const form of encodedForms(p.clientId)) expect(text).not.toContain(form);
        }
      }),
      { numRuns: 1500 },
    );
  });

  it('does not let Markdown formatting disguise a secret or token that the final scrub would miss', () => {
    // Values Markdown rewrites (pipes in tables, line breaks, escaped punctuation), made distinctive
    // so that their rewritten forms cannot occur in the report by chance.
    const alnum = fc.string({
      unit: fc.constantFrom(...'QZXJKVqzxjkv0123456789'),
      minLength: 8,
      maxLength: 12,
    });
    const special = fc.constantFrom('|', '\n', '\r\n', '_', '*', '`', '<', '#', '\u0001', '\u2028');
    const rewritten = fc.tuple(alnum, special, alnum).map(([a, b, c]) => `${a}${b}${c}`);
    fc.assert(
      fc.property(
        rewritten,
        rewritten,
        fc.record({ ok: fc.boolean(), cut: fc.boolean() }),
        (secret, token, { ok, cut }) => {
          const echo = `${secret} ${token}`;
          const text = diagnosticReport(
            build({
              secret,
              token,
              clientId: 'short',
              ok,
              description: echo,
              error: echo,
              body: echo,
              message: echo,
              headers: [
                ['x-request-id', echo],
                ['via', echo],
              ],
              tokenUrl: echo,
              findingMessage: echo,
              statusText: echo,
              cut,
            }),
          );
          for (const shown of [...displayed(secret), ...displayed(token)]) expect(text).not.toContain(shown);
        },
      ),
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
