// The search redaction runs on text from outside (app/search-work.ts): exactly where
// `String.prototype.indexOf` finds a form, in time linear in the text, and within a budget.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findFrom } from '../../app/search-work';

describe('findFrom', () => {
  it('finds what indexOf finds, for short and long texts and forms alike', () => {
    // A two-letter alphabet makes forms that nearly repeat themselves, the case it is for.
    const letters = fc.constantFrom('a', 'b');
    const text = (max: number) => fc.array(letters, { maxLength: max }).map((chars) => chars.join(''));
    fc.assert(
      fc.property(
        fc.oneof(text(64), text(9000)),
        fc.oneof(text(12), text(40)),
        fc.nat(10_000),
        (haystack, form, from) => {
          const start = from % (haystack.length + 1);
          expect(findFrom(haystack, form, start)).toBe(haystack.indexOf(form, start));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('finds a form that nearly repeats itself in a long text of its letter, or says it is not there', () => {
    const form = `${'a'.repeat(800)}b${'a'.repeat(800)}`;
    const text = 'a'.repeat(200_000);
    expect(findFrom(text, form)).toBe(-1);
    const placed = `${text}b${'a'.repeat(900)}`;
    expect(findFrom(placed, form)).toBe(placed.indexOf(form));
  });
});
