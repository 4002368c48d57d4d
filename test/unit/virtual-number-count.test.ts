// "The account has N virtual numbers": the count an access check's 200 answer gives.
import { describe, expect, it } from 'vitest';
import { countVirtualNumbers } from '../../app/access-check';

const page = (n: number) => Array.from({ length: n }, (_, i) => ({ virtualNumber: `0400000${100 + i}` }));

describe('the virtual numbers an answer says the account has', () => {
  it.each([
    ['a v3 page with the whole count', { virtualNumbers: page(10), paging: { totalCount: 42 } }, 42],
    ['a v3 page without paging', { virtualNumbers: page(3) }, 3],
    ['an empty account', { virtualNumbers: [], paging: { totalCount: 0 } }, 0],
    ['a bare array', page(2), 2],
    // What the count cannot be: then the page's own length.
    ['a total smaller than the page', { virtualNumbers: page(5), paging: { totalCount: 2 } }, 5],
    ['a total that is not a whole number', { virtualNumbers: page(1), paging: { totalCount: 2.5 } }, 1],
    ['a total as text', { virtualNumbers: page(1), paging: { totalCount: '9' } }, 1],
    ['a total beyond the safe integers', { virtualNumbers: page(1), paging: { totalCount: 2 ** 60 } }, 1],
    ['paging that is not an object', { virtualNumbers: page(1), paging: 'x' }, 1],
    ['no list at all', { paging: { totalCount: 7 } }, null],
    ['null', null, null],
  ])('%s', (_name, body, count) => {
    expect(countVirtualNumbers(JSON.stringify(body))).toBe(count);
  });

  it('is null for an answer that is not JSON', () => {
    expect(countVirtualNumbers('<html>')).toBeNull();
  });
});
