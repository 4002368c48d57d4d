// What the command line prints and returns for a result: text, JSON, exit status, colour.
import { describe, expect, it } from 'vitest';
import type { TokenRequestInput } from '../../app/ipc-contract';
import type { TokenFailure } from '../../app/token-result';
import { exitCodeFor } from '../../main/cli/exit-codes';
import { formatLocalTime } from '../../main/cli/format/local-time';
import { resultJson } from '../../main/cli/format/result-json';
import { maskToken, resultText } from '../../main/cli/format/result-text';
import { colourAllowed, paint } from '../../main/cli/style';
import { createOutput } from '../../main/cli/io';
import { reportUsageError } from '../../main/cli/usage';
import { accessJson, accessText } from '../../main/cli/access-output';
import { accessConfirmed, failure, success } from '../support/fake-bridge';
import { REQUEST_JSON_KEYS } from '../support/cli';

const NOW = Date.UTC(2025, 10, 25, 12, 0, 0);
const input: TokenRequestInput = {
  requestId: 'cli',
  preset: 'custom',
  tokenUrl: 'https://example.com/token',
  clientId: 'abc',
  secret: { source: 'typed', value: 'unused' },
  grantType: 'client_credentials',
  scope: 'NSMS',
};
const plain = paint(false);
// Sydney in summer (AEDT).
const text = { showToken: false, paint: plain, now: NOW, utcOffsetMinutes: 11 * 60 };

describe('exitCodeFor', () => {
  const fail = (fields: Partial<TokenFailure>) => exitCodeFor(failure(input, fields));
  it('answers 0 for a token, 2 for a 4xx, 3 for a 5xx or an unusable answer, 4 for no answer', () => {
    expect(exitCodeFor(success(input, NOW))).toBe(0);
    expect(fail({ kind: 'http', status: 401 })).toBe(2);
    expect(fail({ kind: 'http', status: 429 })).toBe(2);
    expect(fail({ kind: 'http', status: 503 })).toBe(3);
    // The edges: the last 4xx is the caller's to fix, the first 5xx the server's.
    expect(fail({ kind: 'http', status: 499 })).toBe(2);
    expect(fail({ kind: 'http', status: 500 })).toBe(3);
    expect(fail({ kind: 'http', status: 0 })).toBe(3);
    expect(fail({ kind: 'redirect', status: 302 })).toBe(3);
    expect(fail({ kind: 'unexpected-response', status: 200 })).toBe(3);
    expect(fail({ kind: 'too-large', status: 200 })).toBe(3);
    expect(fail({ kind: 'network', status: null })).toBe(4);
    expect(fail({ kind: 'timeout', status: null })).toBe(4);
    expect(fail({ kind: 'keychain', status: null })).toBe(5);
    expect(fail({ kind: 'invalid-input', status: null })).toBe(1);
  });
});

describe('resultText', () => {
  it('masks the token as the window does, and shows it only when asked', () => {
    const result = success(input, NOW, { accessToken: 'tok-1234567890' });
    const masked = resultText(result, text);
    expect(masked).not.toContain('tok-1234567890');
    expect(masked).toContain(`${maskToken('tok-1234567890')} (14 characters; --show-token prints it)`);
    expect(resultText(result, { ...text, showToken: true })).toContain('Access token  tok-1234567890');
  });

  it('gives the status, the duration and the expiry in local time with its zone', () => {
    const lines = resultText(success(input, NOW), text).split('\n');
    expect(lines[0]).toBe('Token received · HTTP 200 OK · 142 ms');
    expect(lines).toContain('  Issued        2025-11-25 23:00:00 +11:00');
    expect(lines).toContain('  Expires       2025-11-25 23:59:59 +11:00 (59 minutes 59 seconds left)');
  });

  it('says so when the expiry is unknown', () => {
    const out = resultText(success(input, NOW, { expiresAt: null, expiresInSeconds: null }), text);
    expect(out).toContain('  Expires       unknown');
    expect(out).toMatch(/did not include a usable expiry/);
  });

  it('explains a failure with its likely causes, most likely first', () => {
    const out = resultText(
      failure(input, {
        outcome: 'oauth:invalid_client',
        error: 'invalid_client',
        errorDescription: 'Client authentication failed.',
      }),
      text,
    );
    expect(out.split('\n')[0]).toBe('Client authentication failed · HTTP 401 Unauthorized · 80 ms');
    expect(out).toContain('  Error code   invalid_client');
    expect(out).toMatch(/Likely causes, most likely first:\n {2}1\. White space/);
    expect(out).toMatch(/What to try:\n {2}- Copy the client ID/);
  });

  it('says when no HTTP answer came, with the network code', () => {
    const out = resultText(
      failure(input, {
        kind: 'network',
        outcome: 'network:refused',
        status: null,
        statusText: null,
        networkCode: 'ECONNREFUSED',
        message: 'The connection failed (ECONNREFUSED).',
      }),
      text,
    );
    expect(out.split('\n')[0]).toBe('Connection refused · no HTTP answer · 80 ms');
    expect(out).toContain('  Network code  ECONNREFUSED');
  });

  it('uses colour only when allowed', () => {
    expect(resultText(success(input, NOW), text)).not.toContain('\u001b[');
    expect(resultText(success(input, NOW), { ...text, paint: paint(true) })).toContain('\u001b[32m');
  });
});

describe('resultJson', () => {
  it('has every documented key, and the token only with --show-token', () => {
    const result = success(input, NOW, { accessToken: 'tok-abc' });
    const json = resultJson(result, 0, false);
    expect(Object.keys(json)).toEqual(REQUEST_JSON_KEYS);
    expect(json.token).toEqual({
      value: null,
      length: 7,
      type: 'Bearer',
      scope: null,
      expiresInSeconds: 3599,
      expiresAt: '2025-11-25T12:59:59.000Z',
    });
    expect(JSON.stringify(json)).not.toContain('tok-abc');
    expect(resultJson(result, 0, true).token?.value).toBe('tok-abc');
  });

  it('carries the failure and the explanation', () => {
    const json = resultJson(
      failure(input, { outcome: 'oauth:invalid_client', error: 'invalid_client' }),
      2,
      false,
    );
    expect(json).toMatchObject({
      ok: false,
      exitCode: 2,
      outcome: 'oauth:invalid_client',
      title: 'Client authentication failed',
      status: 401,
      token: null,
      failure: { kind: 'http', error: 'invalid_client', networkCode: null },
    });
    expect(json.explanation.causes[0]).toMatch(/White space/);
  });
});

describe('formatLocalTime', () => {
  it('writes local time with its offset from UTC, west and east, across midnight', () => {
    expect(formatLocalTime(NOW, 0)).toBe('2025-11-25 12:00:00 +00:00');
    expect(formatLocalTime(NOW, -(4 * 60 + 30))).toBe('2025-11-25 07:30:00 -04:30');
    expect(formatLocalTime(NOW, 13 * 60 + 45)).toBe('2025-11-26 01:45:00 +13:45');
  });

  it('uses the machine’s offset at that instant by default', () => {
    const offset = -new Date(NOW).getTimezoneOffset();
    expect(formatLocalTime(NOW)).toBe(formatLocalTime(NOW, offset));
  });
});

describe('server text at a terminal (finding 6)', () => {
  const ESC = '\u001b';
  const hostile = [
    `${ESC}]0;pwned${ESC}\\`, // OSC 0: window title
    `${ESC}]52;c;${Buffer.from('rm -rf ~').toString('base64')}\u0007`, // OSC 52: clipboard write
    `${ESC}[2K${ESC}[1A`, // CSI: erase the line, move up
    `${ESC}[31mred${ESC}[0m`, // SGR colour
    '\u009b2K', // C1 CSI
    '\u009d0;title\u009c', // C1 OSC ... ST
    'line\rover\nforged line',
    '\u202eevil', // bidi override
  ].join(' ');

  /** What is left once the app's own colour codes are taken out. */
  const ownColour = new RegExp(`${ESC}\\[(?:1|2|22|31|32|33|39)m`, 'g');
  const withoutOwnColour = (out: string) => out.replace(ownColour, '');

  it('makes every control character and escape sequence visible, with colour on or off', () => {
    const results = [
      failure(input, {
        statusText: hostile,
        error: hostile,
        errorDescription: hostile,
        redirectLocation: hostile,
        nonStandardError: true,
      }),
      { ...success(input, NOW), tokenType: hostile, scope: hostile, statusText: hostile },
    ];
    for (const result of results) {
      for (const colour of [true, false]) {
        const out = resultText(result, { ...text, paint: paint(colour) });
        const rest = withoutOwnColour(out);
        expect(rest).not.toMatch(/[^\P{Cc}\n]|\u202e/u);
        expect(rest).toContain('\\x1b]0;pwned\\x1b\\');
        expect(rest).toContain('\\x9b2K');
        expect(rest).toContain('line\\x0dover\\x0aforged line');
        if (!colour) expect(out).not.toContain(ESC);
      }
    }
  });

  it('shows the token itself with its controls visible too when asked for it', () => {
    const out = resultText(
      { ...success(input, NOW), accessToken: `tok${ESC}]52;c;x\u0007` },
      {
        ...text,
        showToken: true,
      },
    );
    expect(out).toContain('tok\\x1b]52;c;x\\x07');
    expect(out).not.toContain(ESC);
  });
});

describe('colourAllowed', () => {
  it('allows colour on a terminal only, and never with NO_COLOR or a dumb terminal', () => {
    expect(colourAllowed({ isTTY: true }, {})).toBe(true);
    expect(colourAllowed({ isTTY: false }, {})).toBe(false);
    expect(colourAllowed({}, {})).toBe(false);
    expect(colourAllowed({ isTTY: true }, { NO_COLOR: '1' })).toBe(false);
    // no-color.org: "when present and not an empty string"; an empty value leaves colour on.
    expect(colourAllowed({ isTTY: true }, { NO_COLOR: '' })).toBe(true);
    expect(colourAllowed({ isTTY: true }, { TERM: 'dumb' })).toBe(false);
  });
});

describe('the access check in --json and text', () => {
  it('carries the id headers and a redirect’s target, control characters shown in text', () => {
    const check = {
      ...accessConfirmed('cli'),
      ok: false,
      outcome: 'redirect' as const,
      status: 302,
      virtualNumbers: null,
      requestIds: [['x-request-id', 'req-1\u001b[31m']] as const,
      redirectLocation: 'https://elsewhere.example/moved',
      explanation: {
        ...accessConfirmed('cli').explanation,
        details: ['Redirected to: https://elsewhere.example/moved', 'x-request-id: req-1\u001b[31m'],
      },
    };
    const json = accessJson(check);
    expect(json.requestIds).toEqual([['x-request-id', 'req-1\u001b[31m']]);
    expect(json.redirectLocation).toBe('https://elsewhere.example/moved');
    const shown = accessText(check, plain);
    expect(shown).toContain('Redirected to: https://elsewhere.example/moved');
    expect(shown).toContain('x-request-id: req-1');
    expect(shown).not.toContain('\u001b');
  });
});

describe('reportUsageError', () => {
  it('shows the controls a message quotes from a file (a saved name) instead of passing them to the terminal', () => {
    let stderr = '';
    let stdout = '';
    const output = createOutput(
      { write: (t) => void (stdout += t), colour: false },
      { write: (t) => void (stderr += t), colour: false },
    );
    const message = 'Saved profiles: “Free trial\u202e\u2066 [ok]”, “Prod\u200b”, “\u001b]52;c;eA==\u0007”.';
    expect(reportUsageError(output, { command: 'request', message, json: true })).toBe(1);
    const raw = ['\u202e', '\u2066', '\u200b', '\u001b', '\u0007'];
    for (const char of raw) expect(stderr).not.toContain(char);
    expect(stderr).toContain('Free trial\\u202e\\u2066 [ok]');
    for (const char of raw) expect(stdout).not.toContain(char);
  });
});
