import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base64, basicAuthorization, formEncode } from '../../app/client-auth';

/** What Node's URLSearchParams writes for one value: the reference serializer. */
const reference = (value: string) => new URLSearchParams({ a: value }).toString().slice(2);

/** Any code points (fast-check's 'binary' unit never splits a surrogate pair). */
const anyText = fc.string({ unit: 'binary', maxLength: 40 });
/** Any code units, so lone surrogates too. */
const anyUnits = fc
  .array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 20 })
  .map((units) => String.fromCharCode(...units));

describe('formEncode', () => {
  it('follows the WHATWG urlencoded serializer on known values', () => {
    expect(formEncode('')).toBe('');
    expect(formEncode('abcXYZ019')).toBe('abcXYZ019');
    expect(formEncode('*-._')).toBe('*-._');
    expect(formEncode('a b')).toBe('a+b');
    expect(formEncode("~!'()")).toBe('%7E%21%27%28%29');
    expect(formEncode('a:b&c=d+e%f/g?h#')).toBe('a%3Ab%26c%3Dd%2Be%25f%2Fg%3Fh%23');
    expect(formEncode('é€😀')).toBe('%C3%A9%E2%82%AC%F0%9F%98%80');
    expect(formEncode('\n\r\t\0')).toBe('%0A%0D%09%00');
  });

  it('writes a lone surrogate as U+FFFD, like URLSearchParams', () => {
    expect(formEncode('\ud800')).toBe('%EF%BF%BD');
    expect(formEncode('a\udc00b')).toBe('a%EF%BF%BDb');
    expect(formEncode('\ud83d\ude00')).toBe('%F0%9F%98%80');
  });

  it('agrees with URLSearchParams for any string, lone surrogates included', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, anyUnits), (value) => {
        expect(formEncode(value)).toBe(reference(value));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('base64', () => {
  it('encodes known vectors (RFC 4648 §10)', () => {
    expect(base64('')).toBe('');
    expect(base64('f')).toBe('Zg==');
    expect(base64('fo')).toBe('Zm8=');
    expect(base64('foo')).toBe('Zm9v');
    expect(base64('foob')).toBe('Zm9vYg==');
    expect(base64('fooba')).toBe('Zm9vYmE=');
    expect(base64('foobar')).toBe('Zm9vYmFy');
    expect(base64('ÿþ?>')).toBe(Buffer.from('ÿþ?>', 'utf8').toString('base64'));
  });

  it('agrees with Node’s Buffer for the UTF-8 bytes of any string', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, anyUnits), (value) => {
        expect(base64(value)).toBe(Buffer.from(value, 'utf8').toString('base64'));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('basicAuthorization', () => {
  it('form-encodes id and secret before joining them (RFC 6749 §2.3.1)', () => {
    const header = basicAuthorization('my id', 'p:ss%+é');
    expect(header).toBe(`Basic ${Buffer.from('my+id:p%3Ass%25%2B%C3%A9').toString('base64')}`);
  });

  it('gives the original id and secret back after decoding, for any well-formed strings (lone surrogates cannot survive UTF-8)', () => {
    fc.assert(
      fc.property(anyText, anyText, (clientId, clientSecret) => {
        const header = basicAuthorization(clientId, clientSecret);
        expect(header.startsWith('Basic ')).toBe(true);
        const decoded = Buffer.from(header.slice('Basic '.length), 'base64').toString('utf8');
        // The encoded id holds no ':' (it is %3A), so the first ':' is the separator.
        const colon = decoded.indexOf(':');
        expect(colon).toBeGreaterThanOrEqual(0);
        const formDecode = (part: string) => new URLSearchParams(`a=${part}`).get('a');
        expect(formDecode(decoded.slice(0, colon))).toBe(clientId);
        expect(formDecode(decoded.slice(colon + 1))).toBe(clientSecret);
      }),
      { numRuns: 2000 },
    );
  });
});
