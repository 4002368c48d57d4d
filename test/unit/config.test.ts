import { describe, expect, it } from 'vitest';
import { DEFAULT_KEYCHAIN_SERVICE } from '../../app/keychain';
import { clipboardDelayOverride, configNotices, readConfig } from '../../main/config';
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

describe('clipboardDelayOverride', () => {
  it('lets the environment shorten the clipboard delay for tests', () => {
    expect(clipboardDelayOverride({ TOKEN_TESTER_CLIPBOARD_CLEAR_SECONDS: '2' })).toBe(2);
    expect(clipboardDelayOverride({ TOKEN_TESTER_CLIPBOARD_CLEAR_SECONDS: 'never' })).toBeNull();
    for (const bad of ['0', '301', 'soon', '-1', '']) {
      expect(clipboardDelayOverride({ TOKEN_TESTER_CLIPBOARD_CLEAR_SECONDS: bad })).toBeUndefined();
    }
    expect(clipboardDelayOverride({})).toBeUndefined();
  });
});

describe('configNotices', () => {
  it('says nothing when the variables are unset or usable', () => {
    expect(configNotices({})).toEqual([]);
    expect(
      configNotices({
        TOKEN_TESTER_TIMEOUT_MS: '1500',
        TOKEN_TESTER_KEYCHAIN_SERVICE: 'my.tests',
        TOKEN_TESTER_KEYCHAIN_TIMEOUT_MS: '100',
        TOKEN_TESTER_CLIPBOARD_CLEAR_SECONDS: 'never',
        TOKEN_TESTER_FETCH_WAIT_MS: '600000',
        UNRELATED: '\u0000',
      }),
    ).toEqual([]);
  });

  it.each([
    ['TOKEN_TESTER_TIMEOUT_MS', '50', 'the default, 20000 ms'],
    ['TOKEN_TESTER_TIMEOUT_MS', '20s', 'the default, 20000 ms'],
    ['TOKEN_TESTER_TIMEOUT_MS', '', 'the default, 20000 ms'],
    ['TOKEN_TESTER_KEYCHAIN_SERVICE', 'a b', `the default service, ${DEFAULT_KEYCHAIN_SERVICE}`],
    ['TOKEN_TESTER_KEYCHAIN_TIMEOUT_MS', '120001', 'the default, 10000 ms'],
    ['TOKEN_TESTER_CLIPBOARD_CLEAR_SECONDS', '0', 'the Preferences setting'],
    ['TOKEN_TESTER_FETCH_WAIT_MS', '600001', 'the default, 20000 ms'],
  ])('names %s=%j and what applies instead', (name, value, instead) => {
    const notices = configNotices({ [name]: value });
    expect(notices).toEqual([
      expect.stringMatching(new RegExp(`^${name} is set to ${JSON.stringify(value)}, which is not `)),
    ]);
    expect(notices[0]).toContain(`: ${instead} applies instead.`);
  });

  it('quotes a value short, and without characters a terminal acts on', () => {
    const [notice] = configNotices({
      TOKEN_TESTER_TIMEOUT_MS: `\u001b]52;c;AAAA\u0007${'9'.repeat(100)}\u202e`,
    });
    expect(notice).toBeDefined();
    expect(notice).not.toMatch(/[^\x20-\x7e]/);
    expect(notice).toContain('"\\u001b]52;c;AAAA\\u0007');
    expect(notice).not.toContain('9'.repeat(41));
    expect(notice).not.toContain('202e');
  });

  it('names every variable that is unusable, each once', () => {
    const notices = configNotices({ TOKEN_TESTER_TIMEOUT_MS: 'x', TOKEN_TESTER_KEYCHAIN_TIMEOUT_MS: 'y' });
    expect(notices.map((n) => n.split(' ')[0])).toEqual([
      'TOKEN_TESTER_TIMEOUT_MS',
      'TOKEN_TESTER_KEYCHAIN_TIMEOUT_MS',
    ]);
  });
});
