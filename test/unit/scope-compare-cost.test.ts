// Requested against granted scopes: the granted list is the server's, as long as its answer may be
// (a 1 MiB `scope` holds some 100,000 scopes). Compared through sets, so each scope is looked up
// once: a list search per scope made it requested × granted string comparisons (some 190 ms for a
// 1 MiB scope against a full 1,024-character request).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { compareScopes } from '../../app/scopes';

afterEach(() => vi.restoreAllMocks());

describe('compareScopes on a server scope of 20,000 entries', () => {
  const requested = Array.from({ length: 200 }, (_, i) => `asked:${i}`).join(' ');
  const granted = Array.from({ length: 20_000 }, (_, i) => `given:${i}`).join(' ') + ' asked:7';

  it('says what differs', () => {
    const difference = compareScopes(requested, granted);
    expect(difference?.notGranted).toHaveLength(199);
    expect(difference?.notGranted).not.toContain('asked:7');
    expect(difference?.notRequested).toHaveLength(20_000);
    expect(difference?.notRequested[0]).toBe('given:0');
  });

  it('searches no list per scope', () => {
    const includes = vi.spyOn(Array.prototype, 'includes');
    const indexOf = vi.spyOn(Array.prototype, 'indexOf');
    compareScopes(requested, granted);
    expect(includes.mock.calls.length + indexOf.mock.calls.length).toBe(0);
  });
});
