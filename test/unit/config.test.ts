import { describe, expect, it } from 'vitest';
import { readConfig } from '../../main/config';
import { DEFAULT_DEADLINE_MS } from '../../main/token/token-service';

describe('readConfig', () => {
  it('reads the request deadline from the environment', () => {
    expect(readConfig({ TOKEN_TESTER_TIMEOUT_MS: '1500' }).deadlineMs).toBe(1500);
  });
  it.each([undefined, '', 'abc', '-5', '1.5', '50', '999999999'])('falls back to 20 s for %j', (value) => {
    expect(readConfig({ TOKEN_TESTER_TIMEOUT_MS: value }).deadlineMs).toBe(DEFAULT_DEADLINE_MS);
    expect(DEFAULT_DEADLINE_MS).toBe(20_000);
  });
});
