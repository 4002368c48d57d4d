// Issue 12's property: for any secret and any hostile echo of it in any form, no outgoing surface
// holds a form of it, and the app's own text is unchanged. Each surface is checked over 10,000
// answers from a hostile server: the real handlers, token service, history record, report,
// clipboard report and command-line formatters, with only the wire replaced by an in-process answer
// (real HTTP for the same path is covered by test/integration/token-service.test.ts).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EXPLANATIONS } from '../../app/explanations';
import type { HistoryEntry } from '../../app/history';
import type { TokenRequestInput } from '../../app/ipc-contract';
import type { TokenResult } from '../../app/token-result';
import { resultJson } from '../../main/cli/format/result-json';
import { resultText } from '../../main/cli/format/result-text';
import { paint } from '../../main/cli/style';
import type { ClipboardGuard } from '../../main/clipboard/clipboard-guard';
import type { createExpiryNotifier } from '../../main/expiry-notifier';
import type { HistoryStore } from '../../main/history/history-store';
import { reportFor, supportHandlers } from '../../main/handlers/support-handlers';
import { tokenHandlers } from '../../main/handlers/token-handlers';
import type { ProfileService } from '../../main/profiles/profile-service';
import { createRequestLog } from '../../main/requests/request-log';
import type { FetchedResponse, FetchLike } from '../../main/token/fetch-like';
import { createTokenService } from '../../main/token/token-service';
import { echoForms, filler, longSecret } from '../support/hostile-echo';

const RUNS = 10_000;
const TOKEN_URL = 'https://tokens.example.test/v2/oauth/token';
const TOKEN = 'tok_Qv8Zx3Lp9Wm2Ty6R';

interface Answer {
  readonly status: number;
  readonly statusText: string;
  readonly headers: ReadonlyArray<readonly [string, string]>;
  readonly body: string;
}

function fetchAnswering(answer: Answer): FetchLike {
  return async () => {
    const bytes = Buffer.from(answer.body, 'utf8');
    const headers = new Map(answer.headers.map(([name, value]) => [name.toLowerCase(), value]));
    headers.set('content-length', String(bytes.byteLength));
    const response: FetchedResponse = {
      status: answer.status,
      statusText: answer.statusText,
      type: 'basic',
      headers: {
        get: (name) => headers.get(name.toLowerCase()) ?? null,
        forEach: (each) => [...headers].sort().forEach(([name, value]) => each(value, name)),
      },
      body: {
        getReader: () => {
          let done = false;
          return {
            read: async () => (done ? { done: true } : ((done = true), { done: false, value: bytes })),
            cancel: async () => undefined,
          };
        },
        cancel: async () => undefined,
      },
      arrayBuffer: async () => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
    };
    return response;
  };
}

/** What a hostile server sends back: the secret (and on success the token) echoed everywhere. */
function hostileAnswer(secret: string): fc.Arbitrary<Answer> {
  const forms = echoForms(secret);
  const terminal = fc.constantFrom('', '\u001b]0;t\u0007', '\u001b[2K', '\u009b1m', '\r');
  const echo = fc
    .tuple(filler, fc.nat({ max: forms.length - 1 }), filler, terminal)
    .map(([before, which, after, control]) => `${before}${forms[which] ?? secret}${control}${after}`);
  const headerValue = echo.map((text) => text.replace(/[\r\n\0]/g, ' '));
  return fc.oneof(
    fc.record({
      status: fc.constantFrom(400, 401, 403, 500, 503),
      statusText: headerValue,
      headers: fc.tuple(headerValue, headerValue).map(([a, b]): Array<[string, string]> => [
        ['www-authenticate', a],
        ['x-request-id', b],
      ]),
      body: fc
        .tuple(echo, echo, fc.boolean())
        .map(([error, description, json]) =>
          json ? JSON.stringify({ error, error_description: description }) : `${error} ${description}`,
        ),
    }),
    fc.record({
      status: fc.constantFrom(301, 302, 307),
      statusText: headerValue,
      headers: headerValue.map((location): Array<[string, string]> => [
        ['location', `https://x.example/cb?s=${location}`],
      ]),
      body: fc.constant(''),
    }),
    fc.record({
      status: fc.constant(200),
      statusText: headerValue,
      headers: fc
        .tuple(headerValue, fc.constantFrom(TOKEN, encodeURIComponent(TOKEN)))
        .map(([a, t]): Array<[string, string]> => [
          ['x-request-id', `${a} ${t}`],
          ['content-type', 'application/json'],
        ]),
      body: fc
        .tuple(echo, echo)
        .map(([type, scope]) =>
          JSON.stringify({ access_token: TOKEN, token_type: `${type} ${TOKEN}`, scope, expires_in: '3599' }),
        ),
    }),
  );
}

/**
 * A secret: mostly long enough to be matched anywhere, sometimes short (matched standing alone).
 * Short ones are made of letters that never stand alone in the app's own text, which a short
 * secret may share ("a", "11" in a date) without that being a leak.
 */
const anySecret = fc.oneof(
  { weight: 4, arbitrary: longSecret },
  { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom(...'QZJqzj'), minLength: 1, maxLength: 7 }) },
);

interface Surfaces {
  readonly result: TokenResult;
  readonly history: HistoryEntry[];
  readonly report: string;
  readonly clipboardReport: string;
  readonly cliText: string;
  readonly cliJson: string;
}

async function exchange(secret: string, answer: Answer): Promise<Surfaces> {
  const history: HistoryEntry[] = [];
  const log = createRequestLog();
  const tokens = createTokenService({
    fetch: fetchAnswering(answer),
    sandboxUrl: () => Promise.reject(new Error('no sandbox')),
  });
  const handlers = tokenHandlers({
    tokens,
    profiles: {} as ProfileService,
    history: { add: async (entry: HistoryEntry) => void history.push(entry) } as unknown as HistoryStore,
    log,
    notifier: { tokenReceived: async () => undefined } as unknown as ReturnType<typeof createExpiryNotifier>,
    now: () => 1_700_000_000_000,
  });
  const input: TokenRequestInput = {
    requestId: 'hostile',
    preset: 'custom',
    tokenUrl: TOKEN_URL,
    clientId: 'client-id-0001',
    secret: { source: 'typed', value: secret },
    grantType: 'client_credentials',
    scope: 'NSMS',
    profileId: null,
  };
  const result = (await handlers.requestToken(input)) as TokenResult;
  const key = new Uint8Array(32);
  let copied = '';
  const clipboard = { copy: async (text: string) => ((copied = text), { clearsAt: null }) };
  const support = supportHandlers({
    log,
    clipboard: clipboard as unknown as ClipboardGuard,
    appInfo: { version: '1.0.0', os: 'TestOS' },
    chooseReportPath: async () => null,
    now: () => 1_700_000_000_000,
    fingerprintKey: key,
  });
  await support.copyReport({ requestId: 'hostile' });
  const record = log.get('hostile');
  if (!record) throw new Error('the request was not remembered');
  return {
    result,
    history,
    report: reportFor(record, { version: '1.0.0', os: 'TestOS' }, 1_700_000_000_000, key),
    clipboardReport: copied,
    cliText: resultText(result, { showToken: false, paint: paint(true), now: 1_700_000_000_000 }),
    cliJson: JSON.stringify(resultJson(result, 2, false)),
  };
}

/** Every string in a value (JSON's escaping would hide forms; the strings are what is shown). */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

/** The test's own list of forms, worked out once per secret (six surfaces ask for it). */
let lastForms: { readonly secret: string; readonly forms: string[] } | null = null;
function formsOf(secret: string): string[] {
  if (lastForms?.secret !== secret) lastForms = { secret, forms: echoForms(secret) };
  return lastForms.forms;
}

/** The forms of the secret found in the texts (a short secret: only standing on its own). */
function leaks(texts: readonly string[], secret: string): string[] {
  if ([...secret.trim()].length >= 8) {
    const forms = formsOf(secret);
    return texts.flatMap((text) =>
      forms.filter((form) => text.includes(form)).map((form) => `${form} in ${text}`),
    );
  }
  const alone = new RegExp(
    `(?<![\\p{L}\\p{N}])${secret.replace(/[^\p{L}\p{N}]/gu, '\\$&')}(?![\\p{L}\\p{N}])`,
    'u',
  );
  return texts.filter((text) => alone.test(text));
}

/** The app's own SGR codes (main/cli/style.ts): bold, dim, green, red, yellow and their ends. */
const OWN_COLOUR = new RegExp(`${String.fromCharCode(27)}\\[(?:1|2|22|31|32|33|39)m`, 'g');

const SURFACES: ReadonlyArray<{
  readonly name: string;
  readonly texts: (s: Surfaces) => string[];
  readonly own: (s: Surfaces) => void;
}> = [
  {
    name: 'window result',
    // The token itself is the one field meant to hold it.
    texts: ({ result }) => strings({ ...result, accessToken: null }),
    own: ({ result }) => {
      expect(result.tokenUrl).toBe(TOKEN_URL);
      const { details: _details, ...explanation } = result.explanation;
      expect(explanation).toEqual(EXPLANATIONS[result.outcome]);
    },
  },
  {
    name: 'history',
    texts: ({ history }) => strings(history),
    own: ({ history }) => expect(history[0]?.host).toBe('tokens.example.test'),
  },
  {
    name: 'report',
    texts: ({ report }) => [report],
    own: ({ report }) => {
      expect(report).toContain('# Telstra Token Tester diagnostic report');
      expect(report).toContain(`| Token URL | \`${TOKEN_URL}\` |`);
    },
  },
  {
    name: 'clipboard report',
    texts: ({ clipboardReport }) => [clipboardReport],
    own: ({ clipboardReport, report }) => expect(clipboardReport).toBe(report),
  },
  {
    name: 'CLI text',
    texts: ({ cliText }) => [cliText],
    own: ({ cliText, result }) => {
      expect(cliText).toContain(EXPLANATIONS[result.outcome].title);
      expect(cliText).toContain(TOKEN_URL);
      // No escape sequence but the app's own colours.
      expect(cliText.replace(OWN_COLOUR, '')).not.toMatch(/[^\P{Cc}\n]/u);
    },
  },
  {
    name: 'CLI JSON',
    texts: ({ cliJson }) => strings(JSON.parse(cliJson)),
    own: ({ cliJson, result }) => {
      expect(JSON.parse(cliJson)).toMatchObject({
        tokenUrl: TOKEN_URL,
        title: EXPLANATIONS[result.outcome].title,
      });
    },
  },
];

describe('leak-proof: every outgoing surface', () => {
  // One hostile answer per case, each surface checked on it: 10,000 cases for every surface.
  it(`holds no form of an echoed secret, nor the token, over ${RUNS} hostile answers; the app's own text unchanged (${SURFACES.map((surface) => surface.name).join(', ')})`, async () => {
    const checked = new Map(SURFACES.map((surface) => [surface.name, 0]));
    await fc.assert(
      fc.asyncProperty(
        anySecret.chain((secret) => fc.tuple(fc.constant(secret), hostileAnswer(secret))),
        async ([secret, answer]) => {
          const surfaces = await exchange(secret, answer);
          for (const { name, texts, own } of SURFACES) {
            const shown = texts(surfaces);
            // Plain loops, one assertion: thousands of expect() calls per case would be the test's whole cost.
            expect(leaks(shown, secret), name).toEqual([]);
            expect(
              shown.filter((text) => text.includes(TOKEN)),
              name,
            ).toEqual([]);
            own(surfaces);
            checked.set(name, (checked.get(name) ?? 0) + 1);
          }
        },
      ),
      { numRuns: RUNS },
    );
    for (const count of checked.values()) expect(count).toBeGreaterThanOrEqual(RUNS);
  }, 600_000);
});
