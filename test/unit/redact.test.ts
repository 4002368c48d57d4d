import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CUT_MARK, encodedForms, scrubber } from '../../app/redact';

describe('encodedForms', () => {
  it('covers what servers and this app write', () => {
    const forms = encodedForms('a b&c/é"');
    expect(forms).toEqual(
      expect.arrayContaining([
        'a b&c/é"',
        new URLSearchParams({ s: 'a b&c/é"' }).toString().slice(2), // a+b%26c%2F%C3%A9%22
        encodeURIComponent('a b&c/é"'),
        'a%20b%26c%2f%c3%a9%22',
        'a b&c/é\\"', // JSON
        'a b&c/\\u00e9\\"', // JSON, ASCII only (Python)
        'a b&c\\/\\u00e9\\"', // PHP
        'a b&amp;c/é&quot;', // HTML
      ]),
    );
    expect(encodedForms('')).toEqual([]);
    expect(encodedForms('abc123')).toEqual(['abc123']);
  });

  it('lists longer forms first', () => {
    const lengths = encodedForms('ü ü').map((form) => form.length);
    expect(lengths).toEqual([...lengths].sort((a, b) => b - a));
  });
});

describe('scrubber', () => {
  it('replaces each run of occurrences with one marker', () => {
    const scrub = scrubber(['S3cret!']);
    expect(scrub('a S3cret! b S3cret%21 c S3cret!S3cret!')).toBe('a [removed] b [removed] c [removed]');
    expect(scrubber(['aba'])('xababay')).toBe('x[removed]y');
    expect(scrubber(['xyz'], { label: 'token removed' })('xyz')).toBe('[token removed]');
  });

  it('leaves text alone when there is nothing to remove', () => {
    expect(scrubber([])('anything')).toBe('anything');
    expect(scrubber([''])('anything')).toBe('anything');
    expect(scrubber(['zzz'])('anything')).toBe('anything');
  });

  it('picks a marker that cannot bring a one-character secret back', () => {
    expect(scrubber(['e'])('hello there')).toBe('h[REMOVED]llo th[REMOVED]r[REMOVED]');
    expect(scrubber(['E'])('EASY')).toBe('[removed]ASY');
    // Both spellings of the readable marker hold one of the values: a marker of one other character.
    const out = scrubber(['e', 'E'])('Here');
    expect(out).toBe('H███r███');
    const every = [...'█■●◆#*~^', 'e', 'E'];
    expect(scrubber(every)('a█b')).toBe('a▀▀▀b');
  });

  it('does not let a marker and the text around it form a value', () => {
    // '[removed' + ']x' would spell the second value back with the first marker.
    const out = scrubber(['[removed]x', 'secret'])('secret]x');
    expect(out).not.toContain('[removed]x');
    expect(out).not.toContain('secret');
  });

  it('removes the start of a value cut off by the app’s excerpt mark', () => {
    const scrub = scrubber(['SECRETVALUE']);
    expect(scrub(`body SECR${CUT_MARK}`)).toBe(`body [removed]${CUT_MARK}`);
    expect(scrub(`body SEC${CUT_MARK}`)).toBe(`body SEC${CUT_MARK}`);
    expect(scrub('body SECR')).toBe('body SECR');
  });

  // A small alphabet shared with the markers, so values, markers and text collide all the time.
  const tight = fc.constantFrom(
    'e',
    'E',
    'r',
    'R',
    '[',
    ']',
    ' ',
    '%',
    '2',
    '0',
    '█',
    '▀',
    'x',
    '…',
    '\\',
    '"',
  );
  const value = fc.oneof(
    fc.string({ unit: tight, minLength: 1, maxLength: 6 }),
    fc.string({ minLength: 1, maxLength: 12 }),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 8 }),
  );

  it('never leaves any form of any value, whatever the values and the text', () => {
    fc.assert(
      fc.property(
        fc.array(value, { minLength: 1, maxLength: 3 }),
        fc.array(fc.oneof(fc.string({ unit: tight, maxLength: 6 }), fc.string({ maxLength: 6 })), {
          maxLength: 6,
        }),
        fc.array(fc.nat(), { maxLength: 6 }),
        (values, fillers, picks) => {
          // Text made of filler and of the values in their various forms, in any order.
          const forms = values.flatMap(encodedForms);
          const text = fillers
            .map((filler, i) => `${filler}${forms[(picks[i] ?? 0) % forms.length]}`)
            .join('');
          const out = scrubber(values)(text);
          for (const form of forms) expect(out).not.toContain(form);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('changes nothing that holds no value', () => {
    fc.assert(
      fc.property(value, fc.string(), (secret, text) => {
        fc.pre(encodedForms(secret).every((form) => !text.includes(form)) && !text.endsWith(CUT_MARK));
        expect(scrubber([secret])(text)).toBe(text);
      }),
      { numRuns: 1000 },
    );
  });
});
