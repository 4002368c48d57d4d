// "Check Messaging access" against a resource server that follows RFC 6750 §3 to the letter: its
// refusal's only words in a WWW-Authenticate Bearer challenge, no JSON body. The verdict comes
// from the challenge's `error` (a 403 invalid_token is a refused token, not a missing scope), its
// `error_description` and `scope` are shown, quoted-string escapes read, and the token and the
// secret cut out of all of it, however escaped. Over both transports the main side uses.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccessService, type AccessCheckInput } from '../../main/access/access-service';
import { challenges } from '../../main/access/bearer-challenge';
import type { AccessCheckResult } from '../../app/access-check';
import { diagnosticReport } from '../../app/report';
import { startServer, type TestServer } from '../support/servers';
import { TRANSPORTS } from '../support/transports';

const TOKEN = 'tok-AbCdEfGhIjKlMnOpQrStUv0123';
const SECRET = 'sec-ZyXwVuTsRqPoNmLk9876';
const SLASHED = 'Qw\\Er\\Ty\\Ui\\Op\\As';
/** What the report's line "- Scope `qqqqq`: not requested…" holds once the scope is put in it. */
const SPELLS_SECRET = '`qqqqq`: not';
/** Each character of `text` behind a backslash: in a quoted-string, the same text (RFC 9110 §5.6.4). */
const escaped = (text: string) => text.replace(/./g, (char) => `\\${char}`);
/** `count` scopes, "s0000 s0001 …", six characters each with its space. */
const scopes = (count: number) =>
  Array.from({ length: count }, (_, i) => `s${String(i).padStart(4, '0')}`).join(' ');

// scenario → status, WWW-Authenticate, body (none: RFC 6750's own examples have none)
const ANSWERS: Record<string, readonly [number, string, string?]> = {
  'expired-401': [
    401,
    'Bearer realm="messaging", error="invalid_token", error_description="The access token expired"',
  ],
  'invalid-403': [403, 'Bearer error="invalid_token", error_description="Token \\"revoked\\" by the issuer"'],
  'scope-403': [403, 'Bearer realm="messaging", error="insufficient_scope", scope="virtual-numbers:read"'],
  'scope-401': [401, 'Bearer error=insufficient_scope, scope="virtual-numbers:read messages:read"'],
  // A scope other than the one the app infers (the spec names none for the call).
  'scope-other': [403, 'Bearer error="insufficient_scope", scope="messages:read messages:write"'],
  // A v3 body with its code, and the scope named only in the challenge beside it.
  'scope-v3-body': [
    403,
    'Bearer error="insufficient_scope", scope="messages:read"',
    JSON.stringify({ errors: [{ code: 'INSUFFICIENT_SCOPE', issue: 'not allowed' }] }),
  ],
  // More scopes than a result shows (500 characters): 120 of them, then 2,000.
  'scope-120': [403, `Bearer error="insufficient_scope", scope="${scopes(120)}"`],
  'scope-2000': [403, `Bearer error="insufficient_scope", scope="${scopes(2000)}"`],
  // A scope that the report's own syntax around it turns into the secret (SPELLS_SECRET).
  'scope-spells': [403, 'Bearer error="insufficient_scope", scope="qqqqq"'],
  'malformed-400': [
    400,
    'Bearer error="invalid_request", error_description="Malformed Authorization header"',
  ],
  // Two challenges in one field (RFC 9110 §11.6.1), the Bearer one second.
  'two-challenges': [401, 'Basic realm="gw", charset="UTF-8", Bearer error="invalid_token"'],
  // The token and the secret echoed in the description, one escaped character by character.
  echo: [401, `Bearer error="invalid_token", error_description="got ${escaped(TOKEN)} with ${SECRET}"`],
  // A secret holding backslashes echoed as it is: read as a quoted-string it loses them.
  slashed: [401, `Bearer error="invalid_token", error_description="got ${SLASHED}"`],
  // A v3 body says more than the challenge: its code wins.
  'v3-body': [
    401,
    'Bearer error="insufficient_scope"',
    JSON.stringify({ errors: [{ code: 'TOKEN_EXPIRED', issue: 'expired' }] }),
  ],
  // No error code (RFC 6750 §3.1: the request had no credentials the server took): the status says.
  'no-error-401': [401, 'Bearer realm="messaging"'],
};

let server: TestServer;

beforeAll(async () => {
  server = await startServer((req, res) => {
    const scenario = new URL(req.url ?? '/', 'http://x').pathname.split('/')[1] ?? '';
    if (scenario === 'ok') {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      return void res.end(JSON.stringify({ virtualNumbers: [] }));
    }
    const [status, challenge, body] = ANSWERS[scenario] ?? [404, 'Bearer'];
    res.writeHead(status, {
      'WWW-Authenticate': challenge,
      // The token again, in a quoted-string in the one kind of header the check keeps.
      ...(scenario === 'echo' ? { 'X-Request-Id': `"${escaped(TOKEN)}"` } : {}),
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    });
    res.end(body);
  });
});

afterAll(async () => {
  await server.close();
});

const input = (scenario: string): AccessCheckInput => ({
  requestId: `r-${scenario}`,
  checkUrl: server.url(`/${scenario}/messaging/v3/virtual-numbers`),
  accessToken: TOKEN,
  clientSecret: SECRET,
  requestedScope: 'virtual-numbers:read',
  grantedScope: null,
});

/** The diagnostic report of a token from this server and `access`, its check. */
const reportOf = (access: AccessCheckResult, secret: string) =>
  diagnosticReport({
    appVersion: '1.0.0',
    os: 'TestOS',
    generatedAt: access.receivedAt,
    tokenUrl: server.url(),
    clientAuth: 'body',
    fieldsSent: ['client_id', 'client_secret', 'grant_type', 'scope'],
    clientId: 'client-id-0123',
    secret: null,
    findings: [],
    result: {
      ok: true,
      requestId: access.requestId,
      tokenUrl: server.url(),
      durationMs: 1,
      receivedAt: access.receivedAt,
      outcome: 'token-received',
      status: 200,
      statusText: 'OK',
      accessToken: TOKEN,
      tokenType: 'Bearer',
      scope: 'virtual-numbers:read',
      expiresInSeconds: 3599,
      expiresAt: access.receivedAt + 3_599_000,
      headers: [],
      contentType: 'application/json',
    },
    explanationTitle: 'Token received',
    scrub: { secret, token: TOKEN },
    access,
  });

describe.each(TRANSPORTS)('an RFC 6750 Bearer challenge over %s', (_name, transport) => {
  const access = createAccessService({ fetch: transport, deadlineMs: 5000 });

  it.each([
    ['expired-401', 'access:token-refused', 'invalid_token', 'The access token expired', null],
    ['invalid-403', 'access:token-refused', 'invalid_token', 'Token "revoked" by the issuer', null],
    ['scope-403', 'access:scope-missing', 'insufficient_scope', null, 'virtual-numbers:read'],
    ['scope-401', 'access:scope-missing', 'insufficient_scope', null, 'virtual-numbers:read messages:read'],
    ['malformed-400', 'access:unknown-code', 'invalid_request', 'Malformed Authorization header', null],
    ['two-challenges', 'access:token-refused', 'invalid_token', null, null],
    ['no-error-401', 'access:token-refused', null, null, null],
  ] as const)('%s: %s, code %s, issue %s, scope %s', async (scenario, outcome, code, issue, scope) => {
    const result = await access.check(input(scenario));
    expect(result).toMatchObject({ ok: false, outcome, code, issue, suggestedAction: null });
    const { details } = result.explanation;
    if (code !== null) expect(details).toContain(`Code: ${code} (from the WWW-Authenticate header)`);
    if (issue !== null) expect(details).toContain(`Issue: ${issue}`);
    const scopeLine = details.find((line) => line.includes('WWW-Authenticate header says'));
    expect(scopeLine).toBe(
      scope === null
        ? undefined
        : `The server’s WWW-Authenticate header says the call needs the scope: ${scope}`,
    );
  });

  it('says of the scope the challenge names, not of virtual-numbers:read, whether it was requested and granted', async () => {
    const result = await access.check({
      ...input('scope-other'),
      requestedScope: 'virtual-numbers:read messages:read',
      grantedScope: 'virtual-numbers:read',
    });
    expect(result.outcome).toBe('access:scope-missing');
    expect(result.scope).toEqual({
      needed: 'messages:read messages:write',
      requested: false,
      granted: false,
    });
    const { details } = result.explanation;
    expect(details).toContain(
      'This call needs messages:read messages:write: it was not requested, and it was not granted.',
    );
    expect(details.join('\n')).not.toContain('virtual-numbers:read: it was requested');
    // The report support staff paste names the scope the server asked for.
    expect(reportOf(result, SECRET).split('\n')).toContain(
      '- Scope `messages:read messages:write`: not requested, not granted',
    );
  });

  it('reads the scope a challenge names beside a v3 error body, whose code still wins', async () => {
    const result = await access.check({ ...input('scope-v3-body'), grantedScope: 'virtual-numbers:read' });
    expect(result).toMatchObject({
      outcome: 'access:scope-missing',
      code: 'INSUFFICIENT_SCOPE',
      issue: 'not allowed',
      scope: { needed: 'messages:read', requested: false, granted: false },
    });
    expect(result.explanation.details).toEqual(
      expect.arrayContaining([
        'Code: INSUFFICIENT_SCOPE',
        'The server’s WWW-Authenticate header says the call needs the scope: messages:read',
        'This call needs messages:read: it was not requested, and it was not granted.',
      ]),
    );
  });

  it('judges a long scope list on all its scopes, and shows only whole ones', async () => {
    // All 120 requested and granted: no scope cut in two ("s008") is said to be missing.
    const all = await access.check({
      ...input('scope-120'),
      requestedScope: scopes(120),
      grantedScope: scopes(120),
    });
    expect(all.scope).toMatchObject({ requested: true, granted: true });
    expect(all.scope.needed).toBe(scopes(83));
    expect(all.explanation.details).toContain(
      'That scope is 719 characters long: only the scopes in its first 500 are shown, and all of them are counted.',
    );
    // 2,000 named, the first 120 requested and granted: not the 83 shown alone.
    const most = await access.check({
      ...input('scope-2000'),
      requestedScope: scopes(120),
      grantedScope: scopes(120),
    });
    expect(most.scope).toEqual({ needed: scopes(83), requested: false, granted: false });
  });

  it('withholds in the report a scope the server named that the report’s syntax makes the secret', async () => {
    const result = await access.check({ ...input('scope-spells'), clientSecret: SPELLS_SECRET });
    expect(result.scope.needed).toBe('qqqqq');
    const report = reportOf(result, SPELLS_SECRET);
    expect(report).not.toContain(SPELLS_SECRET);
    expect(report.split('\n')).toContain('- Scope `[withheld]`: not requested, grant not stated');
  });

  it.each([['needs qqqqq: it was'], ['the scope: qqqqq']])(
    'withholds in the details a scope the server named that the app’s words make the secret %j',
    async (secret) => {
      const result = await access.check({ ...input('scope-spells'), clientSecret: secret });
      expect(result.scope.needed).toBe('qqqqq');
      expect(JSON.stringify(result)).not.toContain(secret);
      const spelled = secret.startsWith('needs');
      expect(result.explanation.details).toEqual(
        expect.arrayContaining([
          `The server’s WWW-Authenticate header says the call needs the scope: ${spelled ? 'qqqqq' : '[withheld]'}`,
          `This call needs ${spelled ? '[withheld]' : 'qqqqq'}: it was not requested, and the token answer did not say which scopes were granted.`,
        ]),
      );
    },
  );

  it('reads a v3 error body before the challenge', async () => {
    const result = await access.check(input('v3-body'));
    expect(result).toMatchObject({
      outcome: 'access:token-refused',
      code: 'TOKEN_EXPIRED',
      issue: 'expired',
    });
    expect(result.explanation.details).toContain('Code: TOKEN_EXPIRED');
  });

  it('cuts the token and the secret out of the description, escaped or not', async () => {
    const result = await access.check(input('echo'));
    expect(result.outcome).toBe('access:token-refused');
    expect(result.issue).toBe('got [token removed] with [secret removed]');
    expect(result.requestIds).toEqual([['x-request-id', '"[token removed]"']]);
    const all = JSON.stringify(result).replace(/\\/g, '');
    for (const part of [TOKEN, SECRET, TOKEN.slice(4, 20)]) expect(all).not.toContain(part);
  });

  it('cuts out a secret holding backslashes, echoed as it is, not read into one without them', async () => {
    const result = await access.check({ ...input('slashed'), clientSecret: SLASHED });
    expect(result).toMatchObject({ outcome: 'access:token-refused', issue: 'got [secret removed]' });
    expect(JSON.stringify(result).replace(/\\/g, '')).not.toContain('QwErTy');
  });
});

describe.each(TRANSPORTS)('the token’s type (RFC 6749 §7.1) over %s', (_name, transport) => {
  const access = createAccessService({ fetch: transport, deadlineMs: 5000 });

  it.each([['Bearer'], ['bearer'], ['BEARER'], [' Bearer '], [null], [undefined]])(
    'sends a token of type %s as Bearer',
    async (tokenType) => {
      const result = await access.check({ ...input('ok'), tokenType });
      expect(result).toMatchObject({ ok: true, outcome: 'access:confirmed' });
    },
  );

  it.each([['mac'], ['DPoP'], ['N_A'], ['Bearer2']])(
    'sends nothing with a token of type %s, and says why',
    async (tokenType) => {
      const before = server.received.length;
      const result = await access.check({ ...input('ok'), tokenType });
      expect(result).toMatchObject({ ok: false, outcome: 'invalid-input', status: null });
      expect(result.message).toContain(`a token of type “${tokenType}”, not Bearer. Nothing was sent`);
      // Its own words: nothing the user typed is wrong, so not invalid-input's "correct the value".
      expect(result.explanation).toMatchObject({ title: 'Check not sent: not a Bearer token' });
      expect(JSON.stringify(result.explanation)).not.toMatch(/Correct the|is empty, too long/);
      expect(server.received.length).toBe(before);
    },
  );
});

describe('the challenges of a WWW-Authenticate value', () => {
  it.each([
    ['Bearer', [['bearer', {}]]],
    [
      'Bearer abc==, Basic realm="x"',
      [
        ['bearer', {}],
        ['basic', { realm: 'x' }],
      ],
    ],
    ['Bearer abc/def+', [['bearer', {}]]],
    ['bearer ERROR = "a\\\\b\\"c" , Scope=x', [['bearer', { error: 'a\\b"c', scope: 'x' }]]],
    ['Bearer error="first", error="second"', [['bearer', { error: 'first' }]]],
    ['Bearer error="unterminated', [['bearer', { error: 'unterminated' }]]],
    [', ,Bearer ,error="x",', [['bearer', { error: 'x' }]]],
    [
      'Newauth realm="apps", type=1, title="Login to \\"apps\\"", Basic realm="simple"',
      [
        ['newauth', { realm: 'apps', type: '1', title: 'Login to "apps"' }],
        ['basic', { realm: 'simple' }],
      ],
    ],
  ] as const)('%s', (header, expected) => {
    expect(challenges(header).map(({ scheme, params }) => [scheme, Object.fromEntries(params)])).toEqual(
      expected,
    );
  });
});
