import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { code, fenced, plain, tableRow } from '../../app/markdown';

/** CommonMark §4.5: a closing fence is up to 3 spaces, then at least as many backticks, then spaces. */
function closesFence(line: string, fence: string): boolean {
  const match = /^ {0,3}(`+)[ \t]*$/.exec(line);
  return match !== null && (match[1]?.length ?? 0) >= fence.length;
}

const backticky = fc.string({
  unit: fc.constantFrom('`', '``', '```', '````', '\n', ' ', 'a', '|', '~', '\r'),
  maxLength: 40,
});

describe('fenced', () => {
  it('uses a fence longer than any backtick run inside', () => {
    expect(fenced('plain')).toBe('```text\nplain\n```');
    // Bidirectional controls would make the block read otherwise than it is.
    expect(fenced('a\u202eb\u2066c\u200fd\nnext')).toBe('```text\na\ufffdb\ufffdc\ufffdd\nnext\n```');
    expect(fenced('a\n```\nb')).toBe('````text\na\n```\nb\n````');
    expect(fenced('x````y')).toBe('`````text\nx````y\n`````');
  });

  it('cannot be closed early by its content, and keeps that content', () => {
    fc.assert(
      fc.property(fc.oneof(backticky, fc.string()), (text) => {
        const lines = fenced(text).split('\n');
        const fence = /^`+/.exec(lines[0] ?? '')?.[0] ?? '';
        expect(fence.length).toBeGreaterThanOrEqual(3);
        const inner = lines.slice(1, -1);
        expect(lines.at(-1)).toBe(fence);
        for (const line of inner) expect(closesFence(line, fence)).toBe(false);
        const expected = text.replace(/\r\n?/g, '\n').replace(/[^\P{Cc}\n\t]/gu, '\ufffd');
        expect(inner.join('\n')).toBe(expected.endsWith('\n') ? expected.slice(0, -1) : expected);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('code', () => {
  it('wraps in more backticks than the content holds, padding where CommonMark needs it', () => {
    expect(code('abc')).toBe('`abc`');
    expect(code('a`b')).toBe('``a`b``');
    expect(code('`x')).toBe('`` `x ``');
    expect(code(' x')).toBe('`  x `');
    expect(code('')).toBe('*(empty)*');
    expect(code('a\nb\r\nc')).toBe('`a b c`');
    expect(code('a|b', true)).toBe('`a\\|b`');
    expect(code('a|b')).toBe('`a|b`');
    // A backslash of the text's own before a pipe cannot take the escape's place.
    expect(code('x\\|![p](https://evil.example/p.png)', true)).toBe(
      '`x\\\\\\|![p](https://evil.example/p.png)`',
    );
    expect(code('a\\\\|b', true)).toBe('`a\\\\\\\\\\|b`');
    // Text-direction overrides and isolates would make a report read otherwise than its bytes.
    expect(code('a\u202eb\u2066c\u200fd')).toBe('`a\ufffdb\ufffdc\ufffdd`');
    // So are zero-width characters, which would make two names look alike.
    expect(code('Prod\u200b', true)).toBe('`Prod\ufffd`');
    // The joiners emoji and scripts need are kept.
    expect(code('👩\u200d💻 می\u200cخواهم', true)).toBe('`👩\u200d💻 می\u200cخواهم`');
    // And every other character drawn as nothing: tag characters spell a second message no one
    // reading the ticket sees ("ASCII smuggling"); a Hangul filler or a soft hyphen hides too.
    expect(code('retry\u{e0069}\u{e0067}\u00ad\u3164\ufe00\u{e0100}x')).toBe(
      '`retry\ufffd\ufffd\ufffd\ufffd\ufffd\ufffdx`',
    );
    expect(fenced('a\u{e0041}\nb\u2062c')).toBe('```text\na\ufffd\nb\ufffdc\n```');
  });

  it('is always one line whose delimiters no content run can match', () => {
    fc.assert(
      fc.property(fc.oneof(backticky, fc.string()), fc.boolean(), (text, inTable) => {
        fc.pre(text !== '');
        const out = code(text, inTable);
        expect(out).not.toMatch(/[\r\n]/);
        const fence = /^`+/.exec(out)?.[0] ?? '';
        const inside = out.slice(fence.length, out.length - fence.length);
        for (const run of inside.match(/`+/g) ?? []) expect(run.length).not.toBe(fence.length);
        // Every pipe escaped: an odd number of backslashes before it (an even one escapes itself).
        if (inTable) for (const run of inside.match(/\\*\|/g) ?? []) expect(run.length % 2).toBe(0);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('plain and tableRow', () => {
  it('escape Markdown punctuation and keep to one line', () => {
    expect(plain('a_b *c* [d](e) <f> | #')).toBe('a\\_b \\*c\\* \\[d\\](e) \\<f\\> \\| \\#');
    expect(plain('one\ntwo')).toBe('one two');
    expect(tableRow(['a', 'b'])).toBe('| a | b |');
  });
});
