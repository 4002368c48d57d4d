// A token that holds a secret the app sent, in the forms a bearer token can carry.
import { describe, expect, it } from 'vitest';
import { tokenHoldsSecret } from '../../main/token/secret-in-token';

const b64 = (text: string) => Buffer.from(text).toString('base64');
const b64url = (text: string) => Buffer.from(text).toString('base64url');

describe('tokenHoldsSecret', () => {
  const secret = 'Sup3r+Secret/é 42';
  it.each([
    ['the secret’s base64', b64(secret)],
    ['its base64url inside a run', `xx${b64url(`..${secret}..`)}yy`],
    [
      'the form body in base64, at each alignment',
      b64(`client_id=a&client_secret=${new URLSearchParams({ s: secret }).toString().slice(2)}&g=1`),
    ],
    [
      'the form body shifted by one byte',
      b64(`x&client_secret=${new URLSearchParams({ s: secret }).toString().slice(2)}`),
    ],
    [
      'the form body shifted by two',
      b64(`xy&client_secret=${new URLSearchParams({ s: secret }).toString().slice(2)}`),
    ],
  ])('finds %s', (_case, token) => {
    expect(tokenHoldsSecret(token, secret)).toBe(true);
  });

  // A token is letters, digits and -._~+/ only: the forms of a secret that fit those.
  const plain = 'S3cr3t-Value-XYZ-123456';
  const hex = (text: string) => Buffer.from(text).toString('hex');
  it.each([
    ['as typed, inside a longer token', `abc${plain}def`],
    ['in capitals', plain.toUpperCase()],
    ['in small letters, inside a longer token', `x.${plain.toLowerCase()}.y`],
    ['in hex', hex(plain)],
    ['in hex, capitals, inside a longer token', `t-${hex(plain).toUpperCase()}-t`],
    ['percent-encoded, in small letters', encodeURIComponent('S3cr3t/Value+XYZ').toLowerCase()],
  ])('finds a secret %s', (_case, token) => {
    const secretOf = _case.startsWith('percent') ? 'S3cr3t/Value+XYZ' : plain;
    expect(tokenHoldsSecret(token, secretOf)).toBe(true);
  });

  it('finds a short secret in capitals or hex only as the whole token', () => {
    expect(tokenHoldsSecret('AB1', 'ab1')).toBe(true);
    expect(tokenHoldsSecret(hex('ab1'), 'ab1')).toBe(true);
    expect(tokenHoldsSecret(`xx${hex('ab1')}xx`, 'ab1')).toBe(false);
  });

  it('finds a short secret only as the whole token or in the form body’s field', () => {
    expect(tokenHoldsSecret('ab1', 'ab1')).toBe(true);
    expect(tokenHoldsSecret(b64('client_secret=ab1'), 'ab1')).toBe(true);
    expect(tokenHoldsSecret('xxab1xx', 'ab1')).toBe(false);
  });

  it('leaves an honest token alone', () => {
    expect(tokenHoldsSecret('eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjMifQ.c2lnbmF0dXJl', secret)).toBe(false);
    expect(tokenHoldsSecret('tok-123', '')).toBe(false);
  });
});
