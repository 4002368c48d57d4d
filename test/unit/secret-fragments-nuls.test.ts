// A text with NULs (UTF-16 or UTF-32 read as UTF-8) is also searched for secrets' halves with its
// NULs taken out (app/secret-fragments.ts). Every secret's search took them out again, and mapped
// the text anew: 1 MiB of "a\0" took six seconds to redact of 100 sent secrets, a batch run's 500
// 52 seconds. Now once per text, whatever the number of secrets; counted as calls, never timed.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { redactor } from '../../app/redact';

afterEach(() => {
  vi.restoreAllMocks();
});

const secrets = (count: number) => Array.from({ length: count }, (_, i) => `Batch-secret-${i}-Qx7pLm2Zr9`);

/** How many times `text` is rid of its NULs while a redactor of `count` secrets reads it. */
function nulsTakenOut(count: number, text: string): number {
  const redact = redactor(
    secrets(count).map((value) => ({ value, label: 'secret removed', fragments: true })),
  );
  const replace = vi.spyOn(String.prototype, 'replace');
  const out = redact(text);
  const calls = replace.mock.calls.filter(
    ([pattern]) => pattern instanceof RegExp && pattern.source === '\\0',
  ).length;
  vi.restoreAllMocks();
  expect(out).toBe(text);
  return calls;
}

describe('a text with NULs', () => {
  it('is rid of them once, however many secrets are looked for', () => {
    expect(nulsTakenOut(2, 'a\0'.repeat(3000))).toBe(1);
    expect(nulsTakenOut(40, 'b\0'.repeat(3000))).toBe(1);
  });

  it('still has a secret’s half found in it, among many secrets', () => {
    const all = secrets(40);
    const redact = redactor(all.map((value) => ({ value, label: 'secret removed', fragments: true })));
    const half = (all[17] ?? '').slice(0, 15);
    const utf16 = `bad secret ${half}`.split('').join('\0');
    const out = redact(`${'x\0'.repeat(2000)}${utf16}\0`);
    expect(out.replace(/\0/g, '')).not.toContain(half);
    expect(out).toContain('[secret removed]');
  });
});
