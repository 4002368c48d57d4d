// The quick check for token requests against the schema that defines them: it may decline
// anything, but whatever it accepts the schema must accept, with exactly the same result.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { agreesWithSchema, itAgreesWithSchema } from '../support/fast-path';
import { PRESET_IDS } from '../../app/endpoints';
import { tokenRequestSchema } from '../../app/ipc-schemas';
import { LIMITS } from '../../app/limits';
import { plainTokenRequest } from '../../app/token-request-fast-path';

const PROFILE_ID = '0f8fad5b-d9cb-469f-a165-70867728950e';

const idChar = fc.constantFrom(...'abcXYZ019_-');
const validRequest = fc.record(
  {
    requestId: fc.string({ unit: idChar, minLength: 1, maxLength: 64 }),
    preset: fc.constantFrom(...PRESET_IDS),
    tokenUrl: fc.string({ maxLength: 80 }),
    clientId: fc.string({ minLength: 1, maxLength: 40 }),
    secret: fc.oneof(
      fc.record(
        { source: fc.constant('typed' as const), value: fc.string({ minLength: 1, maxLength: 40 }) },
        { noNullPrototype: true },
      ),
      fc.record({ source: fc.constant('profile' as const), profileId: fc.uuid() }, { noNullPrototype: true }),
    ),
    grantType: fc.string({ minLength: 1, maxLength: 30 }),
    scope: fc.string({ maxLength: 30 }),
    profileId: fc.oneof(fc.constant(null), fc.uuid()),
  },
  {
    requiredKeys: ['requestId', 'preset', 'tokenUrl', 'clientId', 'secret', 'grantType', 'scope'],
    // What arrives over IPC (structured clone) always has the ordinary prototype.
    noNullPrototype: true,
  },
);

/** A valid request with one thing changed: a field replaced, added, removed, or its prototype. */
const nearlyValid = fc.oneof(
  fc
    .tuple(
      validRequest,
      fc.constantFrom(
        'requestId',
        'preset',
        'tokenUrl',
        'clientId',
        'secret',
        'grantType',
        'scope',
        'profileId',
      ),
      fc.anything({ withNullPrototype: true, withObjectString: true }),
    )
    .map(([request, key, value]) => ({ ...request, [key]: value })),
  fc
    .tuple(validRequest, fc.string(), fc.anything())
    .map(([request, key, value]) => ({ ...request, [key]: value })),
  fc
    .tuple(validRequest, fc.constantFrom('source', 'value', 'profileId', 'extra'), fc.anything())
    .map(([request, key, value]) => ({ ...request, secret: { ...request.secret, [key]: value } })),
  fc
    .tuple(validRequest, fc.constantFrom('requestId', 'secret', 'scope', 'clientId'))
    .map(([request, key]) => {
      const copy: Record<string, unknown> = { ...request };
      delete copy[key];
      return copy;
    }),
  validRequest.map((request) => Object.assign(Object.create(null) as object, request)),
  validRequest.map((request) => ({ ...request, profileId: undefined })),
);

/** A valid request, for the cases that change one field of it. */
const base = {
  requestId: 'r1',
  preset: 'custom',
  tokenUrl: 'http://127.0.0.1/token',
  clientId: 'id',
  secret: { source: 'typed', value: 'secret' },
  grantType: 'client_credentials',
  scope: '',
};

const path = {
  quick: plainTokenRequest,
  schema: tokenRequestSchema,
  method: 'requestToken',
  validRequest,
  nearlyValid,
} as const;

describe('the quick check for token requests', () => {
  itAgreesWithSchema(path);

  it('holds at every length limit, on both sides of it', () => {
    const cases: Array<[string, Record<string, unknown>, boolean]> = [
      ['request id at 64', { requestId: 'a'.repeat(64) }, true],
      ['request id at 65', { requestId: 'a'.repeat(65) }, false],
      ['request id empty', { requestId: '' }, false],
      ['request id with a dot', { requestId: 'a.b' }, false],
      ['token URL at its limit', { tokenUrl: 'u'.repeat(LIMITS.tokenUrl) }, true],
      ['token URL past its limit', { tokenUrl: 'u'.repeat(LIMITS.tokenUrl + 1) }, false],
      ['client id empty', { clientId: '' }, false],
      ['client id past its limit', { clientId: 'c'.repeat(LIMITS.clientId + 1) }, false],
      ['secret at its limit', { secret: { source: 'typed', value: 's'.repeat(LIMITS.clientSecret) } }, true],
      [
        'secret past its limit',
        { secret: { source: 'typed', value: 's'.repeat(LIMITS.clientSecret + 1) } },
        false,
      ],
      ['secret empty', { secret: { source: 'typed', value: '' } }, false],
      ['grant type past its limit', { grantType: 'g'.repeat(LIMITS.grantType + 1) }, false],
      ['scope past its limit', { scope: 's'.repeat(LIMITS.scope + 1) }, false],
      ['stored secret', { secret: { source: 'profile', profileId: PROFILE_ID } }, true],
      ['stored secret, bad id', { secret: { source: 'profile', profileId: 'nope' } }, false],
      ['profile id', { profileId: PROFILE_ID }, true],
      ['profile id null', { profileId: null }, true],
      ['profile id malformed', { profileId: 'x' }, false],
      ['unknown preset', { preset: 'v4' }, false],
    ];
    for (const [name, change, valid] of cases) {
      const value = { ...base, ...change };
      expect(plainTokenRequest(value) !== null, name).toBe(valid);
      agreesWithSchema(path, value);
    }
  });

  it('agrees with the schema on fields whose length is an object without a prototype', () => {
    // The shape safeParse throws on (found at random for the access check's fast path).
    for (const field of ['tokenUrl', 'clientId', 'grantType', 'scope', 'secret']) {
      const value = { ...base, [field]: { length: Object.create(null) as object } };
      expect(plainTokenRequest(value), field).toBeNull();
      agreesWithSchema(path, value);
    }
  });

  it('is not fooled by a polluted prototype: only own fields count', () => {
    const inherited = Object.create({ requestId: 'r1' }) as Record<string, unknown>;
    Object.assign(inherited, {
      preset: 'v2',
      tokenUrl: '',
      clientId: 'id',
      secret: { source: 'typed', value: 'x' },
      grantType: 'g',
      scope: '',
      extra: 1,
    });
    expect(plainTokenRequest(inherited)).toBeNull();
    agreesWithSchema(path, inherited);
  });
});
