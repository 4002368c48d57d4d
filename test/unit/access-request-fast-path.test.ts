// The quick check for access-check requests against the schema that defines them: it may decline
// anything, but whatever it accepts the schema must accept, with exactly the same result.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { agreesWithSchema, itAgreesWithSchema } from '../support/fast-path';
import { plainAccessRequest } from '../../app/access-request-fast-path';
import { accessRequestSchema, validateRequest } from '../../app/ipc-schemas';
import { LIMITS } from '../../app/limits';

const idChar = fc.constantFrom(...'abcXYZ019_-');
const validRequest = fc.record(
  {
    requestId: fc.string({ unit: idChar, minLength: 1, maxLength: 64 }),
    messagingUrl: fc.string({ minLength: 1, maxLength: 80 }),
  },
  // What arrives over IPC (structured clone) always has the ordinary prototype.
  { requiredKeys: ['requestId'], noNullPrototype: true },
);

/** A valid request with one thing changed: a field replaced, added, removed, or its prototype. */
const nearlyValid = fc.oneof(
  fc
    .tuple(
      validRequest,
      fc.constantFrom('requestId', 'messagingUrl'),
      fc.anything({ withNullPrototype: true, withObjectString: true }),
    )
    .map(([request, key, value]) => ({ ...request, [key]: value })),
  fc
    .tuple(validRequest, fc.string(), fc.anything())
    .map(([request, key, value]) => ({ ...request, [key]: value })),
  validRequest.map(({ messagingUrl }) => (messagingUrl === undefined ? {} : { messagingUrl })),
  validRequest.map((request) => Object.assign(Object.create(null) as object, request)),
  validRequest.map((request) => ({ ...request, messagingUrl: undefined })),
);

const path = {
  quick: plainAccessRequest,
  schema: accessRequestSchema,
  method: 'checkMessagingAccess',
  validRequest,
  nearlyValid,
} as const;

describe('the quick check for access-check requests', () => {
  itAgreesWithSchema(path);

  it('holds at every length limit, on both sides of it', () => {
    const cases: Array<[string, Record<string, unknown>, boolean]> = [
      ['request id alone', { requestId: 'r1' }, true],
      ['request id at 64', { requestId: 'a'.repeat(64) }, true],
      ['request id at 65', { requestId: 'a'.repeat(65) }, false],
      ['request id empty', { requestId: '' }, false],
      ['request id with a dot', { requestId: 'a.b' }, false],
      ['no request id', { messagingUrl: 'https://x' }, false],
      ['URL at its limit', { requestId: 'r1', messagingUrl: 'u'.repeat(LIMITS.tokenUrl) }, true],
      ['URL past its limit', { requestId: 'r1', messagingUrl: 'u'.repeat(LIMITS.tokenUrl + 1) }, false],
      ['URL empty', { requestId: 'r1', messagingUrl: '' }, false],
      ['URL not text', { requestId: 'r1', messagingUrl: 5 }, false],
      ['an extra key', { requestId: 'r1', other: 'x' }, false],
    ];
    for (const [name, value, valid] of cases) {
      expect(plainAccessRequest(value) !== null, name).toBe(valid);
      expect(validateRequest('checkMessagingAccess', value).ok, name).toBe(valid);
      agreesWithSchema(path, value);
    }
  });

  it('agrees with the schema on a field whose length is an object without a prototype', () => {
    // Found at random by the property above (seed -410562809): safeParse throws on it.
    const value = { requestId: 'a', messagingUrl: { length: Object.create(null) as object } };
    expect(plainAccessRequest(value)).toBeNull();
    expect(validateRequest('checkMessagingAccess', value).ok).toBe(false);
    agreesWithSchema(path, value);
  });

  it('is not fooled by a polluted prototype: only own fields count', () => {
    const inherited = Object.create({ requestId: 'r1' }) as Record<string, unknown>;
    inherited.messagingUrl = 'https://x';
    expect(plainAccessRequest(inherited)).toBeNull();
    agreesWithSchema(path, inherited);
  });

  it('reads a missing Messaging URL as the schema does: inherited or hidden, it still counts', () => {
    const hidden = { requestId: 'r1' };
    Object.defineProperty(hidden, 'messagingUrl', { value: 5, enumerable: false });
    expect(plainAccessRequest(hidden)).toBeNull();
    agreesWithSchema(path, hidden);
    const polluted = Object.prototype as Record<string, unknown>;
    polluted.messagingUrl = 7;
    try {
      expect(plainAccessRequest({ requestId: 'r1' })).toBeNull();
      agreesWithSchema(path, { requestId: 'r1' });
    } finally {
      delete polluted.messagingUrl;
    }
  });
});
