import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readErrorBody } from '../../app/error-body';

describe('readErrorBody', () => {
  it.each([
    [
      'RFC 6749 §5.2',
      { error: 'invalid_client', error_description: 'Client authentication failed' },
      { error: 'invalid_client', description: 'Client authentication failed', shape: 'rfc6749' },
    ],
    [
      'Apigee OAuth default',
      { ErrorCode: 'invalid_client', Error: 'ClientId is Invalid' },
      { error: 'invalid_client', description: 'ClientId is Invalid', shape: 'apigee-oauth' },
    ],
    [
      'Apigee gateway fault',
      {
        fault: {
          faultstring: 'Spike arrest violation',
          detail: { errorcode: 'policies.ratelimit.SpikeArrestViolation' },
        },
      },
      {
        error: 'policies.ratelimit.SpikeArrestViolation',
        description: 'Spike arrest violation',
        shape: 'apigee-fault',
      },
    ],
    [
      'Telstra v2 resource error',
      { status: 401, code: 'UNAUTHORIZED', message: 'Invalid access token' },
      { error: 'UNAUTHORIZED', description: 'Invalid access token', shape: 'telstra-v2' },
    ],
    [
      'Telstra v2 error with only a numeric status',
      { status: 503, message: 'Service Unavailable' },
      { error: '503', description: 'Service Unavailable', shape: 'telstra-v2' },
    ],
    [
      'Telstra v3 resource error',
      { errors: [{ code: 'INVALID_TOKEN', issue: 'The token has expired' }, { code: 'OTHER' }] },
      { error: 'INVALID_TOKEN', description: 'The token has expired', shape: 'telstra-v3' },
    ],
  ])('reads the %s shape', (_name, body, expected) => {
    expect(readErrorBody(JSON.stringify(body))).toEqual(expected);
  });

  it('prefers the RFC 6749 fields when a body mixes shapes', () => {
    const body = { error: 'invalid_scope', ErrorCode: 'other', fault: { faultstring: 'x' }, message: 'y' };
    expect(readErrorBody(JSON.stringify(body)).shape).toBe('rfc6749');
  });

  it('falls back to text for HTML, malformed JSON and unknown JSON', () => {
    expect(readErrorBody('<html><body>Bad Gateway</body></html>').shape).toBe('text');
    expect(readErrorBody('{"error": "inval').shape).toBe('text');
    expect(readErrorBody('{"something":"else"}').shape).toBe('text');
    expect(readErrorBody('["error"]').shape).toBe('text');
  });

  it('calls an empty or blank body empty', () => {
    expect(readErrorBody('')).toEqual({ error: null, description: null, shape: 'empty' });
    expect(readErrorBody(' \n ')).toEqual({ error: null, description: null, shape: 'empty' });
  });

  it('ignores non-scalar fields and cuts very long ones', () => {
    expect(readErrorBody(JSON.stringify({ error: { nested: true }, error_description: ['a'] })).shape).toBe(
      'text',
    );
    const long = readErrorBody(JSON.stringify({ error: 'x'.repeat(5000) }));
    expect(long.error?.length).toBe(200);
  });

  it('never throws on arbitrary JSON or bytes, and returns text fields or nulls', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.json(),
          fc.string({ unit: 'binary' }),
          fc.jsonValue().map((v) => JSON.stringify({ error: v, fault: v, errors: [v] })),
        ),
        (text) => {
          const reading = readErrorBody(text);
          for (const value of [reading.error, reading.description]) {
            expect(value === null || (typeof value === 'string' && value.length > 0)).toBe(true);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});
