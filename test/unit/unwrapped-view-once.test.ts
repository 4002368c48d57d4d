// Each long value looks for base64 wrapped into lines in the text without its line breaks
// (app/unwrapped-view.ts), made once per text. Whether the text had a break at all was asked again
// for every value, before that: a pattern run over the whole text, at every backslash in it (1 MiB
// of escapes, redacted of the 500 secrets a batch run sends, spent over a second on it alone).
// Counted as calls, never timed.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { redactor } from '../../app/redact';

afterEach(() => {
  vi.restoreAllMocks();
});

const LINE_BREAK_SOURCE = String.raw`[\r\n]|\\[rn]`;

/** How many times a redactor of `count` secrets asks whether `text` has a line break. */
function breaksLookedFor(count: number, text: string): number {
  const secrets = Array.from({ length: count }, (_, i) => `Batch-secret-${i}-Qx7pLm2Zr9`);
  const redact = redactor(secrets.map((value) => ({ value, label: 'secret removed', fragments: true })));
  const test = vi.spyOn(RegExp.prototype, 'test');
  const out = redact(text);
  const calls = test.mock.instances.filter(
    (pattern) => pattern instanceof RegExp && pattern.source === LINE_BREAK_SOURCE,
  ).length;
  vi.restoreAllMocks();
  expect(out).toBe(text);
  return calls;
}

describe('whether a text has line breaks', () => {
  it('is asked once, however many secrets are looked for', () => {
    expect(breaksLookedFor(2, '\\u0041%42'.repeat(500))).toBe(1);
    expect(breaksLookedFor(40, '\\u0043%44'.repeat(500))).toBe(1);
  });

  it('and once for a text that has some', () => {
    expect(breaksLookedFor(40, 'ab\ncd\\n'.repeat(500))).toBe(1);
  });
});
