import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PRESET_IDS, V2_TOKEN_URL, V3_SCOPE, V3_TOKEN_URL } from '../../app/endpoints';
import {
  ADVISORY_FINDINGS,
  endpointOf,
  FINDING_IDS,
  preflight,
  PREFLIGHT_FIELDS,
  type Finding,
  type FindingId,
  type PreflightField,
  type PreflightInput,
} from '../../app/preflight';
import { FIX_LABELS, PREDICATES, SECRET_MESSAGES } from '../../app/preflight-messages';
import { OPENING_FINDINGS, OPENING_INPUT } from '../../renderer/hooks/usePreflight';

const CLIENT_ID = 'Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z';
const SECRET = 'q7W9e2R4t6Y8u1I3';

/** A clean v3 form: no findings at all. */
const v3: PreflightInput = {
  preset: 'v3',
  tokenUrl: V3_TOKEN_URL,
  clientId: CLIENT_ID,
  clientSecret: SECRET,
  grantType: 'client_credentials',
  scope: V3_SCOPE,
};
const v2: PreflightInput = { ...v3, preset: 'v2', tokenUrl: V2_TOKEN_URL, scope: 'NSMS' };

function findingsOf(input: Partial<PreflightInput>, base: PreflightInput = v3): Finding[] {
  return preflight({ ...base, ...input });
}
function idsOf(
  input: Partial<PreflightInput>,
  field: PreflightField,
  base: PreflightInput = v3,
): FindingId[] {
  return findingsOf(input, base)
    .filter((finding) => finding.field === field)
    .map((finding) => finding.id);
}
function only(input: Partial<PreflightInput>, id: FindingId, base: PreflightInput = v3): Finding {
  const found = findingsOf(input, base).filter((finding) => finding.id === id);
  expect(found).toHaveLength(1);
  return found[0]!;
}

describe('preflight: a clean form', () => {
  it('has no findings on v3 with the v3 scopes', () => {
    expect(preflight(v3)).toEqual([]);
  });

  it('has only the retirement note on v2', () => {
    expect(preflight(v2).map((finding) => finding.id)).toEqual(['v2-retired']);
  });

  it('has no findings for the sandbox’s own credentials, whatever its URL field holds', () => {
    expect(
      preflight({
        ...v3,
        preset: 'sandbox',
        tokenUrl: '',
        clientId: 'sandbox-client-id',
        clientSecret: 'sandbox-client-secret',
        scope: 'NSMS',
      }),
    ).toEqual([]);
  });

  it('does not look at a stored secret it cannot see', () => {
    expect(preflight({ ...v3, clientSecret: null })).toEqual([]);
    expect(
      preflight({ ...v3, clientSecret: null, clientId: ' x ' }).every((f) => f.field === 'clientId'),
    ).toBe(true);
  });
});

describe('preflight: one example per rule', () => {
  it('empty: flags empty and blank credentials, not filled ones', () => {
    expect(only({ clientId: '' }, 'empty').message).toBe('The client ID is empty.');
    expect(only({ clientSecret: ' \n' }, 'empty').message).toBe(
      'The client secret contains only white space.',
    );
    expect(only({ preset: 'custom', tokenUrl: '' }, 'empty').field).toBe('tokenUrl');
    expect(idsOf({ clientId: 'x' }, 'clientId')).not.toContain('empty');
  });

  it('edge-whitespace: offers to trim when that is all that is wrong', () => {
    const finding = only({ clientSecret: ` ${SECRET}\n` }, 'edge-whitespace');
    expect(finding).toMatchObject({ field: 'clientSecret', severity: 'warning' });
    expect(finding.message).toMatch(/starts and ends with white space/);
    expect(finding.fix).toEqual({ label: FIX_LABELS.trim, value: SECRET });
    expect(only({ clientId: `${CLIENT_ID}\u00a0` }, 'edge-whitespace').fix?.value).toBe(CLIENT_ID);
    expect(only({ clientId: `\ufeff${CLIENT_ID}` }, 'edge-whitespace').message).toMatch(/starts with/);
    expect(only({ grantType: 'client_credentials ' }, 'edge-whitespace').fix?.value).toBe(
      'client_credentials',
    );
    expect(only({ scope: `${V3_SCOPE} ` }, 'edge-whitespace')).toMatchObject({ severity: 'note' });
  });

  it('edge-whitespace: no trim offer when something else is wrong too', () => {
    expect(only({ clientId: ` ab cd ` }, 'edge-whitespace').fix).toBeNull();
    expect(only({ clientSecret: ` "${SECRET}" ` }, 'edge-whitespace').fix).toBeNull();
    // Trimmed, the secret would equal the client id.
    expect(only({ clientSecret: ` ${CLIENT_ID}` }, 'edge-whitespace').fix).toBeNull();
    expect(idsOf({ tokenUrl: ` ${V3_TOKEN_URL} ` }, 'tokenUrl')).toEqual([]);
  });

  it('line-break: inside a value, with where it is for non-secret fields', () => {
    const finding = only({ clientId: 'Ab3dEf6h\nIj9kLm2n' }, 'line-break');
    expect(finding.message).toMatch(/line break/);
    expect(finding.message).toMatch(/U\+000A at position 9/);
    expect(finding.fix).toBeNull();
    expect(idsOf({ clientSecret: 'abcd\r\nefgh' }, 'clientSecret')).toEqual(['line-break']);
    expect(idsOf({ clientSecret: 'abcd efgh' }, 'clientSecret')).not.toContain('line-break');
  });

  it('inner-whitespace: spaces or tabs inside credentials; odd separators in the scope', () => {
    expect(idsOf({ clientId: 'abcd efgh' }, 'clientId')).toEqual(['inner-whitespace']);
    expect(idsOf({ clientSecret: 'abcd\tefgh' }, 'clientSecret')).toEqual(['inner-whitespace']);
    expect(idsOf({ clientId: 'abcd\u2003efgh' }, 'clientId')).toEqual(['inner-whitespace']);
    expect(idsOf({ clientId: 'abcdefgh' }, 'clientId')).toEqual([]);
    const scope = only({ scope: 'messages:read\tmessages:write\n reports:read' }, 'inner-whitespace');
    expect(scope).toMatchObject({ severity: 'note' });
    expect(scope.fix).toEqual({
      label: FIX_LABELS.singleSpaces,
      value: 'messages:read messages:write reports:read',
    });
    expect(idsOf({ scope: 'messages:read messages:write' }, 'scope')).toEqual([]);
  });

  it('quotes: straight and typographic, with a fix for a matching pair', () => {
    expect(only({ clientSecret: `"${SECRET}"` }, 'quotes').fix).toEqual({
      label: FIX_LABELS.unquote,
      value: SECRET,
    });
    expect(only({ clientId: `\u201c${CLIENT_ID}\u201d` }, 'quotes').fix?.value).toBe(CLIENT_ID);
    expect(only({ clientId: `'${CLIENT_ID}"` }, 'quotes').fix).toBeNull();
    expect(only({ grantType: "'client_credentials'" }, 'quotes').fix?.value).toBe('client_credentials');
    expect(idsOf({ clientId: `ab"cd` }, 'clientId')).toEqual([]);
  });

  it('quotes: one left open at either end (what a .env parser keeps of it), with a fix', () => {
    const open = only({ clientId: `"${CLIENT_ID}` }, 'quotes');
    expect(open.message).toBe(`The client ID ${PREDICATES.quoteOpen}`);
    expect(open.fix).toEqual({ label: FIX_LABELS.unquoteOne, value: CLIENT_ID });
    expect(only({ clientSecret: `${SECRET}'` }, 'quotes').fix?.value).toBe(SECRET);
    expect(only({ clientId: `“${CLIENT_ID}` }, 'quotes').fix?.value).toBe(CLIENT_ID);
    // Edge white space too: no fix for the quote alone (the trim comes first).
    expect(idsOf({ clientId: ` "${CLIENT_ID}` }, 'clientId')).toEqual(['edge-whitespace', 'quotes']);
    expect(only({ clientId: ` "${CLIENT_ID}` }, 'quotes').fix).toBeNull();
    expect(idsOf({ clientId: '"' }, 'clientId')).toEqual(['quotes']);
  });

  it('invisible: zero-width characters are removed; no-break spaces are only shown', () => {
    const zwsp = only({ clientId: `Ab3dEf6h\u200bIj9kLm2n` }, 'invisible');
    expect(zwsp.message).toMatch(/U\+200B at position 9/);
    expect(zwsp.fix).toEqual({ label: FIX_LABELS.removeInvisible, value: 'Ab3dEf6hIj9kLm2n' });
    expect(only({ clientSecret: `\u200b${SECRET}` }, 'invisible').fix?.value).toBe(SECRET);
    expect(only({ clientSecret: `${SECRET}\u00ad\u2060` }, 'invisible').fix?.value).toBe(SECRET);
    expect(only({ clientSecret: `abcd\u00a0efgh` }, 'invisible').fix).toBeNull();
    expect(only({ clientSecret: `abcd\ufeffefgh` }, 'invisible').fix?.value).toBe('abcdefgh');
    expect(
      only({ tokenUrl: `https://products.api.telstra.com/v2/oauth/to\u200bken` }, 'invisible').fix?.value,
    ).toBe(V3_TOKEN_URL);
    expect(idsOf({ clientSecret: SECRET }, 'clientSecret')).toEqual([]);
  });

  it('non-ascii: accented letters, typographic dashes, control characters, lone surrogates', () => {
    expect(only({ clientId: 'abcd\u2013efgh' }, 'non-ascii').message).toMatch(/U\+2013 at position 5/);
    expect(idsOf({ clientSecret: 'caf\u00e9caf\u00e9' }, 'clientSecret')).toEqual(['non-ascii']);
    expect(idsOf({ clientSecret: 'abc\u0001def' }, 'clientSecret')).toEqual(['non-ascii']);
    expect(idsOf({ clientSecret: 'abc\u007fdef' }, 'clientSecret')).toEqual(['non-ascii']);
    expect(idsOf({ clientSecret: 'abc\ud800def' }, 'clientSecret')).toEqual(['non-ascii']);
    // A typographic quote mark at one end is a quote left open too.
    expect(idsOf({ scope: 'messages:write\u2019' }, 'scope')).toEqual(['quotes', 'non-ascii']);
    expect(idsOf({ scope: 'messages:wr\u00efte' }, 'scope')).toEqual(['non-ascii']);
    expect(idsOf({ clientSecret: 'a-b_c.d~e!f@g#h$' }, 'clientSecret')).toEqual([]);
  });

  it.each([
    '$CLIENT_KEY',
    '${CLIENT_SECRET}',
    '%CLIENT_ID%',
    '{{client_secret}}',
    '<your client id>',
    'YOUR_CLIENT_SECRET',
    'your-key-here',
    'client_id_example',
    'EXAMPLE',
    'client_secret',
    'CLIENT_KEY',
    'secret',
    '********',
    '\u2022\u2022\u2022\u2022\u2022\u2022',
    'xxxxxxxx',
    'changeme',
  ])('placeholder: %s', (value) => {
    expect(idsOf({ clientId: value }, 'clientId')).toContain('placeholder');
    expect(idsOf({ clientSecret: value }, 'clientSecret')).toContain('placeholder');
  });

  it.each([CLIENT_ID, SECRET, 'sandbox-client-id', 'mysterious1234', 'enterprise42abc', '$ecret-Abc123'])(
    'placeholder: not %s',
    (value) => {
      expect(idsOf({ clientId: value }, 'clientId')).not.toContain('placeholder');
    },
  );

  it('id-equals-secret: the same value twice, even with paste damage around one of them', () => {
    expect(only({ clientSecret: CLIENT_ID }, 'id-equals-secret')).toMatchObject({ field: 'clientSecret' });
    expect(idsOf({ clientSecret: ` ${CLIENT_ID}` }, 'clientSecret')).toContain('id-equals-secret');
    expect(idsOf({ clientId: '', clientSecret: '' }, 'clientSecret')).toEqual(['empty']);
    expect(idsOf({ clientSecret: SECRET }, 'clientSecret')).toEqual([]);
    expect(idsOf({ clientSecret: null, clientId: SECRET }, 'clientSecret')).toEqual([]);
  });

  it('insecure-url: plain http: except loopback, with https: offered for Telstra’s hosts', () => {
    const telstra = only(
      { preset: 'custom', tokenUrl: 'http://products.api.telstra.com/v2/oauth/token' },
      'insecure-url',
    );
    expect(telstra.fix).toEqual({ label: FIX_LABELS.https, value: V3_TOKEN_URL });
    expect(only({ preset: 'custom', tokenUrl: 'http://example.com/token' }, 'insecure-url').fix).toBeNull();
    expect(idsOf({ preset: 'custom', tokenUrl: 'http://127.0.0.1:8080/v2/oauth/token' }, 'tokenUrl')).toEqual(
      [],
    );
    expect(idsOf({ preset: 'custom', tokenUrl: 'http://localhost/token' }, 'tokenUrl')).toEqual([]);
    expect(idsOf({ preset: 'custom', tokenUrl: 'https://example.com/token' }, 'tokenUrl')).toEqual([]);
  });

  it('invalid-url: unparseable, other schemes, user info', () => {
    expect(
      only({ preset: 'custom', tokenUrl: 'tapi.telstra.com/v2/oauth/token' }, 'invalid-url').message,
    ).toMatch(/not a valid URL/);
    expect(only({ preset: 'custom', tokenUrl: 'ftp://example.com/' }, 'invalid-url').message).toMatch(
      /https:/,
    );
    expect(only({ preset: 'custom', tokenUrl: 'https://u:p@example.com/' }, 'invalid-url').message).toMatch(
      /user name or password/,
    );
    expect(idsOf({ preset: 'custom', tokenUrl: `"${V3_TOKEN_URL}"` }, 'tokenUrl')).toEqual([
      'quotes',
      'invalid-url',
    ]);
    expect(only({ preset: 'custom', tokenUrl: `"${V3_TOKEN_URL}"` }, 'quotes').fix?.value).toBe(V3_TOKEN_URL);
  });

  it('v2-retired: a note on the v2 preset and the v2 host, which does not block other fixes', () => {
    expect(only({}, 'v2-retired', v2)).toMatchObject({ severity: 'note', field: 'tokenUrl', fix: null });
    expect(only({}, 'v2-retired', v2).message).toMatch(/August 2024/);
    expect(idsOf({ preset: 'custom' }, 'tokenUrl', v2)).toEqual(['v2-retired']);
    expect(idsOf({}, 'tokenUrl')).toEqual([]);
    expect(only({ tokenUrl: `"${V2_TOKEN_URL}"` }, 'quotes', v2).fix?.value).toBe(V2_TOKEN_URL);
  });

  it('grant-type: anything but client_credentials, with the fix', () => {
    for (const grantType of [
      '',
      'password',
      'Client_Credentials',
      'client credentials',
      'client_credentials\u00a0x',
    ]) {
      expect(only({ grantType }, 'grant-type').fix).toEqual({
        label: FIX_LABELS.grantType,
        value: 'client_credentials',
      });
    }
    expect(idsOf({ grantType: 'client_credentials' }, 'grantType')).toEqual([]);
    expect(idsOf({ grantType: '\u200bclient_credentials' }, 'grantType')).toEqual(['invisible']);
  });

  it('scope-endpoint-mismatch: NSMS on v3 and v3 scopes on v2, decided by the URL’s host', () => {
    expect(only({ scope: 'NSMS' }, 'scope-endpoint-mismatch').fix?.value).toBe(V3_SCOPE);
    expect(only({ scope: 'NSMS messages:write' }, 'scope-endpoint-mismatch').fix).toBeNull();
    expect(only({ scope: 'messages:write' }, 'scope-endpoint-mismatch', v2).fix?.value).toBe('NSMS');
    expect(only({ preset: 'custom', scope: V3_SCOPE }, 'scope-endpoint-mismatch', v2).message).toMatch(/v2/);
    expect(idsOf({ scope: 'NSMS' }, 'scope', v2)).toEqual([]);
    expect(idsOf({ scope: '' }, 'scope')).toEqual([]);
    expect(
      idsOf({ scope: 'NSMS', preset: 'custom', tokenUrl: 'https://proxy.example.com/token' }, 'scope'),
    ).toEqual([]);
    expect(idsOf({ scope: 'NSMS', preset: 'sandbox' }, 'scope')).toEqual([]);
  });

  it('scope-typo: messaging:write becomes messages:write', () => {
    const typo = only({ scope: 'messages:read messaging:write' }, 'scope-typo');
    expect(typo.fix).toEqual({ label: FIX_LABELS.scopeTypo, value: 'messages:read messages:write' });
    expect(idsOf({ scope: 'messages:write' }, 'scope')).toEqual([]);
    expect(idsOf({ scope: 'messaging:write' }, 'scope', v2)).toEqual(['scope-endpoint-mismatch']);
  });

  it('knows the endpoint by host', () => {
    expect(endpointOf(V2_TOKEN_URL)).toBe('v2');
    expect(endpointOf(' https://PRODUCTS.api.telstra.com/anything ')).toBe('v3');
    expect(endpointOf('https://example.com/')).toBeNull();
    expect(endpointOf('not a url')).toBeNull();
  });
});

// Properties ---------------------------------------------------------------------------------

const TRICKY = [' ', '\t', '\n', '\r', '\u200b', '\u00a0', '\ufeff', '\u2003', '"', "'", '\u201c', '\u201d'];
const PLAIN = ['a', 'B', '7', '_', '-', ':', '$', '<', '>', 'x', 'é'];
/** Strings built to hit the rules: paste damage around and inside ordinary characters. */
const typed = fc.oneof(
  fc.string({ unit: fc.constantFrom(...TRICKY, ...PLAIN), maxLength: 24 }),
  fc
    .tuple(
      fc.constantFrom('', ...TRICKY),
      fc.string({ unit: fc.constantFrom(...PLAIN), maxLength: 20 }),
      fc.constantFrom('', ...TRICKY),
    )
    .map(([before, middle, after]) => `${before}${middle}${after}`),
  fc.constantFrom(
    'client_credentials',
    'NSMS',
    V3_SCOPE,
    'messaging:write',
    '$CLIENT_KEY',
    CLIENT_ID,
    SECRET,
  ),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc
    .array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 12 })
    .map((units) => String.fromCharCode(...units)),
);
const url = fc.oneof(
  typed,
  fc.constantFrom(
    V2_TOKEN_URL,
    V3_TOKEN_URL,
    'http://127.0.0.1:9/x',
    'http://tapi.telstra.com/v2/oauth/token',
    '',
  ),
  fc.webUrl(),
);
const inputs = fc.record({
  preset: fc.constantFrom(...PRESET_IDS),
  tokenUrl: url,
  clientId: typed,
  clientSecret: fc.option(typed, { nil: null }),
  grantType: typed,
  scope: typed,
});

const TRIMMABLE_FIELDS = ['clientId', 'clientSecret', 'grantType', 'scope'] as const;

describe('preflight properties', () => {
  it('never throws, and keeps a stable order: by field, then by rule', () => {
    fc.assert(
      fc.property(inputs, (input) => {
        const findings = preflight(input);
        const rank = (f: Finding) => PREFLIGHT_FIELDS.indexOf(f.field) * 100 + FINDING_IDS.indexOf(f.id);
        const ranks = findings.map(rank);
        expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
        expect(preflight(input)).toEqual(findings);
      }),
      { numRuns: 2000 },
    );
  });

  it('offers a trim exactly when trimming changes the value and leaves the field without findings', () => {
    fc.assert(
      fc.property(inputs, fc.constantFrom(...TRIMMABLE_FIELDS), (input, field) => {
        const value = input[field];
        fc.pre(value !== null);
        const trimmed = value.trim();
        const trimOffered = preflight(input).some(
          (f) => f.field === field && f.fix?.label === FIX_LABELS.trim && f.fix.value === trimmed,
        );
        const cleanOnceTrimmed = preflight({ ...input, [field]: trimmed }).every((f) => f.field !== field);
        expect(trimOffered).toBe(trimmed !== value && cleanOnceTrimmed);
      }),
      { numRuns: 2000 },
    );
  });

  it('never offers a fix that leaves a finding behind (trimming leaves none at all)', () => {
    fc.assert(
      fc.property(inputs, (input) => {
        for (const finding of preflight(input)) {
          if (finding.fix === null) continue;
          const after = preflight({ ...input, [finding.field]: finding.fix.value }).filter(
            (f) => f.field === finding.field,
          );
          expect(after.map((f) => f.id)).not.toContain(finding.id);
          // Stronger than asked: whatever the fix, only endpoint advice may remain.
          expect(after.filter((f) => !ADVISORY_FINDINGS.has(f.id))).toEqual([]);
          if (finding.fix.label === FIX_LABELS.trim) expect(after).toEqual([]);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('never puts the secret into a message about it', () => {
    // Every word said about the secret comes from fixed tables; so no message can hold a secret
    // unless that secret is itself a piece of the tables' English (e.g. "ient"), which is skipped.
    const labels: readonly string[] = Object.values(FIX_LABELS);
    const table = [...SECRET_MESSAGES, ...labels].join('\n');
    const secret = fc.oneof(typed, fc.string({ minLength: 4, maxLength: 40 })).filter((s) => s.length >= 4);
    fc.assert(
      fc.property(inputs, secret, (input, clientSecret) => {
        const about = preflight({ ...input, clientSecret }).filter((f) => f.field === 'clientSecret');
        for (const finding of about) {
          expect(SECRET_MESSAGES).toContain(finding.message);
          if (finding.fix !== null) expect(labels).toContain(finding.fix.label);
        }
        fc.pre(!table.includes(clientSecret));
        for (const finding of about) {
          expect(finding.message).not.toContain(clientSecret);
          expect(finding.fix?.label ?? '').not.toContain(clientSecret);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('finds nothing in clean, realistic credentials on v3', () => {
    const alphanumeric = fc.constantFrom(...'aB3cD4eF5gH6iJ7kL8mN9oP0qRsTuVwXyZ12'.split(''));
    const credential = fc.string({ unit: alphanumeric, minLength: 16, maxLength: 64 });
    fc.assert(
      fc.property(credential, credential, (clientId, clientSecret) => {
        fc.pre(clientId !== clientSecret);
        expect(preflight({ ...v3, clientId, clientSecret })).toEqual([]);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('preflight: the opening form', () => {
  it('is what the window draws before the first answer (renderer/hooks/usePreflight.ts), less "empty"', () => {
    const shown = preflight(OPENING_INPUT).filter((finding) => finding.id !== 'empty');
    expect(shown).toEqual(OPENING_FINDINGS);
    expect(shown.length).toBeGreaterThan(0);
  });
});
